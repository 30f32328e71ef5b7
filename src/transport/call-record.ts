/**
 * One try -> one api_calls row, secrets removed. The integration guidelines ask for
 * the payload, URL and response of every failed call, and a success flag with the
 * retry count; this is that row. The transport records the HTTP status and the body; what the
 * body means (meta_status, success) is the request's reading (src/clickpost/classify.ts).
 */
import type { AnswerReading, ApiCallRecord, ClickPostRequest } from './types.js';
import type { TryResult } from './send-once.js';
import { redact, redactValue } from './redact.js';

// Big answers (a base64 label, a long HTML error page) are cut to keep rows small.
const MAX_STORED_CHARS = 65_536;

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
  /** The request's reading of this try's answer (none for failures, or a request without `read`). */
  reading?: AnswerReading;
}

/** Without a reading, an answer succeeded when its HTTP status says so; the transport reads no meta. */
function succeeded(result: TryResult, reading: AnswerReading | undefined): boolean {
  if (result.kind !== 'answer') return false;
  return reading ? reading.succeeded : result.httpStatus >= 200 && result.httpStatus < 300;
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
    meta_status: input.reading?.meta_status ?? null,
    duration_ms: Math.max(0, Math.round(input.durationMs)),
    error_kind: answered ? null : result.error.code,
    error_message: answered ? null : redact(result.error.message),
    retry_number: input.retryNumber,
    failed: !succeeded(result, input.reading),
    created_at: input.createdAt,
  };
}
