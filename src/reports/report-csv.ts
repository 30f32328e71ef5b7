/**
 * The failure report as CSV (RFC 4180): a header, one line per failure, CRLF line ends,
 * a field quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Bodies are written as compact JSON text.
 */
import type { FailureLine, FailureReport } from './failure-report.js';

export const CSV_COLUMNS: ReadonlyArray<keyof FailureLine> = Object.freeze([
  'time',
  'shipment_code',
  'reference_number',
  'endpoint',
  'method',
  'url',
  'http_status',
  'meta_status',
  'error_kind',
  'error_message',
  'retry_number',
  'request_body',
  'response_body',
] as const);

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function bodyText(value: unknown): unknown {
  // A body that did not parse as JSON is kept as its text; a parsed one goes back to JSON.
  return typeof value === 'string' || value === null ? value : JSON.stringify(value);
}

export function failureReportCsv(report: FailureReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of report.failures) {
    const row = { ...f, request_body: bodyText(f.request_body), response_body: bodyText(f.response_body) };
    lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
