/**
 * One HTTP try through got, turned into either a readable JSON answer or a typed
 * ClickPostError. Never throws for network or HTTP problems.
 */
import { type Got, RequestError } from 'got';
import {
  ClickPostBadResponseError,
  ClickPostConnectionError,
  ClickPostError,
  ClickPostHttpError,
  ClickPostTimeoutError,
} from './errors.js';
import { redact } from './redact.js';

export interface TryAnswer {
  kind: 'answer';
  httpStatus: number;
  body: unknown;
  text: string;
}

export interface TryFailure {
  kind: 'failure';
  error: ClickPostError;
  httpStatus: number | null;
  /** Raw Retry-After header of a 429/503 answer. */
  retryAfter?: string;
  /** The body as received, when there was one (stored redacted in api_calls). */
  text: string | null;
}

export type TryResult = TryAnswer | TryFailure;

export interface TryInput {
  http: Got;
  method: 'GET' | 'POST';
  url: URL;
  body?: unknown;
  headers: Record<string, string>;
  timeoutMs: number;
}

// A 408 from a proxy is worth another try; other 4xx without JSON are not ClickPost talking.
const RETRYABLE_4XX: ReadonlySet<number> = new Set([408]);

export async function sendOnce(input: TryInput): Promise<TryResult> {
  const where = `${input.method} ${redact(input.url.toString())}`;
  try {
    const response = await input.http(input.url, {
      method: input.method,
      headers: input.headers,
      ...(input.method === 'POST' ? { json: input.body ?? {} } : {}),
      timeout: { request: input.timeoutMs },
    });
    return readAnswer(response.statusCode, String(response.body ?? ''), response.headers['retry-after'], where);
  } catch (err) {
    return { kind: 'failure', error: errorFromGot(err, where, input.timeoutMs), httpStatus: null, text: null };
  }
}

/** Status + text -> answer or error, by the rules in the module comment of client.ts. */
export function readAnswer(status: number, text: string, retryAfter: string | string[] | undefined, where: string): TryResult {
  const retryAfterText = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  if (status >= 500 || status === 429) {
    const error = new ClickPostHttpError(`ClickPost answered HTTP ${status} to ${where}`, { retryable: true, httpStatus: status });
    return { kind: 'failure', error, httpStatus: status, text, ...(retryAfterText !== undefined ? { retryAfter: retryAfterText } : {}) };
  }
  const parsed = parseJson(text);
  if (parsed.ok) return { kind: 'answer', httpStatus: status, body: parsed.value, text };
  if (status >= 200 && status < 300) {
    const error = new ClickPostBadResponseError(`ClickPost answered HTTP ${status} with a body that is not JSON or is cut short (${text.length} chars) to ${where}`, {
      retryable: true,
      httpStatus: status,
    });
    return { kind: 'failure', error, httpStatus: status, text };
  }
  const error = new ClickPostHttpError(`ClickPost answered HTTP ${status} without a JSON body to ${where}`, {
    retryable: RETRYABLE_4XX.has(status),
    httpStatus: status,
  });
  return { kind: 'failure', error, httpStatus: status, text };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

// got error codes that mean the connection itself failed.
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** got's error -> our typed error; the message never copies got's (it has the full URL). */
export function errorFromGot(err: unknown, where: string, timeoutMs: number): ClickPostError {
  const e = err as { name?: string; code?: string };
  const code = typeof e?.code === 'string' ? e.code : 'UNKNOWN';
  if (e?.name === 'TimeoutError' || code === 'ETIMEDOUT') {
    return new ClickPostTimeoutError(`No answer from ClickPost within ${timeoutMs} ms to ${where}`, { cause: err, retryable: true });
  }
  if (e?.name === 'ReadError') {
    // Headers arrived, the body did not: the answer was cut short on the wire.
    return new ClickPostBadResponseError(`ClickPost's answer was cut short (${code}) to ${where}`, { cause: err, retryable: true });
  }
  if (CONNECTION_CODES.has(code) || err instanceof RequestError) {
    return new ClickPostConnectionError(`Connection to ClickPost failed (${code}) for ${where}`, { cause: err, retryable: true });
  }
  return new ClickPostError(`ClickPost request could not be made (${code}) for ${where}`, { cause: err, retryable: false });
}
