/**
 * Downloads one label PDF from the URL ClickPost gave. Label URLs may carry a key in
 * their query string, so every error message is built from redact(url) and no got
 * error (whose message and options hold the full URL) is attached as a cause.
 */
import got, { CancelError, HTTPError, RequestError, TimeoutError, type Progress } from 'got';
import { LabelFetchError } from './errors.js';
import { calculateRetryDelay } from '../transport/backoff.js';

export interface FetchPdfOptions {
  /** Whole-request timeout per try, in ms. Default 15 s. */
  timeoutMs?: number;
  /** Largest PDF accepted, in bytes. Default 10 MiB. */
  maxBytes?: number;
}

export const DEFAULT_LABEL_TIMEOUT_MS = 15_000;
export const DEFAULT_LABEL_MAX_BYTES = 10 * 1024 * 1024;
const RETRY_LIMIT = 2;
// Label storage answers these when briefly overloaded; 4xx will not get better.
const RETRY_STATUS = [500, 502, 503, 504, 521, 522, 524];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** True when `bytes` begin with the PDF header "%PDF-". */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length >= PDF_MAGIC.length && PDF_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Short backoff (250 ms, then 500 ms): a label fetch runs while the host waits on GET .../label.
 * got's computedValue is 0 when got gives up, and caps the wait otherwise.
 */
export function labelRetryDelay(attemptCount: number, computedValue: number): number {
  return calculateRetryDelay({ attempt: attemptCount, error: { retryable: computedValue !== 0 }, limit: RETRY_LIMIT, baseDelayMs: 250, maxDelayMs: computedValue, jitter: 'none' });
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LabelFetchError(url, 'invalid_url', 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LabelFetchError(url, 'invalid_url', `unsupported protocol ${parsed.protocol}`);
  }
}

/** got's error -> LabelFetchError, keeping only codes and statuses, never got's text. */
function toLabelError(url: string, err: unknown, oversize: boolean, timeoutMs: number, maxBytes: number): LabelFetchError {
  if (err instanceof LabelFetchError) return err;
  if (oversize || err instanceof CancelError) return new LabelFetchError(url, 'too_large', `larger than ${maxBytes} bytes`);
  if (err instanceof HTTPError) {
    const status = err.response.statusCode;
    return new LabelFetchError(url, 'http_status', `HTTP ${status}`, status);
  }
  if (err instanceof TimeoutError) return new LabelFetchError(url, 'timeout', `no answer within ${timeoutMs} ms`);
  const code = err instanceof RequestError ? err.code : 'unknown';
  return new LabelFetchError(url, 'network', `request failed (${code})`);
}

/** GETs a PDF: retries twice on 5xx and network errors, enforces size and the %PDF- header. */
export async function fetchPdf(url: string, options: FetchPdfOptions = {}): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LABEL_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_LABEL_MAX_BYTES;
  checkUrl(url);
  let oversize = false;
  let body: Buffer;
  try {
    const request = got(url, {
      responseType: 'buffer',
      headers: { accept: 'application/pdf' },
      timeout: { request: timeoutMs },
      retry: {
        limit: RETRY_LIMIT,
        methods: ['GET'],
        statusCodes: RETRY_STATUS,
        calculateDelay: ({ attemptCount, computedValue }) => labelRetryDelay(attemptCount, computedValue),
      },
    });
    // Stop reading as soon as the declared or received size passes the cap.
    request.on('downloadProgress', (p: Progress) => {
      if (!oversize && ((p.total ?? 0) > maxBytes || p.transferred > maxBytes)) {
        oversize = true;
        request.cancel();
      }
    });
    body = (await request).body;
  } catch (err) {
    throw toLabelError(url, err, oversize, timeoutMs, maxBytes);
  }
  if (body.length > maxBytes) throw new LabelFetchError(url, 'too_large', `larger than ${maxBytes} bytes`);
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (!looksLikePdf(bytes)) throw new LabelFetchError(url, 'not_pdf', 'the answer does not start with %PDF-');
  return bytes;
}
