/**
 * One try -> one api_calls row, secrets removed. The integration guidelines ask for
 * the payload, URL and response of every failed call, and a success flag with the
 * retry count; this is that row.
 */
import type { ApiCallRecord, ClickPostRequest } from './types.js';
import type { TryResult } from './send-once.js';
import { redact, redactValue } from './redact.js';

// Big answers (a base64 label, a long HTML error page) are cut to keep rows small.
const MAX_STORED_CHARS = 65_536;

/** meta.status, or meta.status_code as the guidelines spell it; null when absent. */
export function metaStatusOf(body: unknown): number | null {
  if (!body || typeof body !== 'object') return null;
  const meta = (body as { meta?: unknown }).meta;
  if (!meta || typeof meta !== 'object') return null;
  const m = meta as { status?: unknown; status_code?: unknown };
  for (const value of [m.status, m.status_code]) {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  }
  return null;
}

/**
 * Default success judgement for the `failed` column: HTTP 200 and a meta.status that
 * means nothing went wrong (200 placed, 323 already placed, 202 accepted, 102 still
 * processing, 600 already cancelled). The meaning of each code belongs to
 * src/clickpost/classify.ts; the composition root may pass its own `isSuccess`.
 */
const SUCCESS_META: ReadonlySet<number> = new Set([200, 323, 202, 102, 600]);

export function defaultIsSuccess(httpStatus: number, body: unknown): boolean {
  const meta = metaStatusOf(body);
  return httpStatus === 200 && meta !== null && SUCCESS_META.has(meta);
}

function clip(text: string): string {
  return text.length > MAX_STORED_CHARS ? `${text.slice(0, MAX_STORED_CHARS)}...[cut ${text.length - MAX_STORED_CHARS} chars]` : text;
}

export interface RecordInput {
  request: ClickPostRequest;
  url: URL;
  result: TryResult;
  retryNumber: number;
  durationMs: number;
  createdAt: number;
  /** Whether this try's answer counts as a success (ignored for failures). */
  success: boolean;
}

export function buildCallRecord(input: RecordInput): ApiCallRecord {
  const { request, result } = input;
  const answered = result.kind === 'answer';
  return {
    shipment_id: request.shipmentId ?? null,
    reference_number: request.referenceNumber ?? null,
    endpoint: request.endpoint,
    method: request.method,
    url: redact(input.url.toString()),
    request_body: request.body === undefined ? null : clip(redact(JSON.stringify(redactValue(request.body)))),
    response_body: result.text === null ? null : clip(redact(result.text)),
    http_status: result.httpStatus,
    meta_status: answered ? metaStatusOf(result.body) : null,
    duration_ms: Math.max(0, Math.round(input.durationMs)),
    error_kind: answered ? null : result.error.code,
    error_message: answered ? null : redact(result.error.message),
    retry_number: input.retryNumber,
    failed: !answered || !input.success,
    created_at: input.createdAt,
  };
}
