/**
 * Transport errors, shaped like got's: one base class with a stable `code` callers branch
 * on, and subclasses that only change `name` and `code`.
 *
 * got's own errors carry the request options and messages with the full URL, and the
 * ClickPost key travels in the query string. So nothing of got's error is kept as is:
 * messages are built from redacted text only, and `cause` is a sanitized copy (name,
 * code and redacted message of the original), never the got error itself.
 */
import { redact } from './redact.js';

export interface ClickPostErrorOptions {
  /** The underlying error; only its name, code and redacted message are kept. */
  cause?: unknown;
  retryable?: boolean;
  httpStatus?: number;
}

/** A copy of an underlying error without anything that could carry a secret. */
export class SanitizedCause extends Error {
  override name: string;
  readonly code: string | undefined;

  constructor(original: unknown) {
    const source = original as { name?: unknown; code?: unknown; message?: unknown } | null;
    const message = typeof source?.message === 'string' ? source.message : String(original);
    super(redact(message));
    this.name = typeof source?.name === 'string' ? source.name : 'Error';
    this.code = typeof source?.code === 'string' ? source.code : undefined;
    // The stack would repeat the original message; keep only our (redacted) first line.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Base of every transport error. Branch on `code`, never on the message. */
export class ClickPostError extends Error {
  override name = 'ClickPostError';
  readonly code: string = 'ERR_CLICKPOST';
  /** Whether the same request may be sent again (the client's retry loop reads this). */
  readonly retryable: boolean;
  readonly httpStatus?: number;
  declare readonly cause?: SanitizedCause;

  constructor(message: string, options: ClickPostErrorOptions = {}) {
    const cause = options.cause === undefined ? undefined : new SanitizedCause(options.cause);
    super(redact(message), cause ? { cause } : undefined);
    this.retryable = options.retryable ?? false;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
  }
}

/** No answer within the timeout. Says nothing about whether ClickPost acted: retry. */
export class ClickPostTimeoutError extends ClickPostError {
  override name = 'ClickPostTimeoutError';
  override readonly code = 'ERR_CLICKPOST_TIMEOUT';
}

/** Connection reset, refused, socket hang up, DNS failure. */
export class ClickPostConnectionError extends ClickPostError {
  override name = 'ClickPostConnectionError';
  override readonly code = 'ERR_CLICKPOST_CONNECTION';
}

/** HTTP 5xx, 429, or a 4xx whose body is not JSON (a proxy page, not ClickPost). */
export class ClickPostHttpError extends ClickPostError {
  override name = 'ClickPostHttpError';
  override readonly code = 'ERR_CLICKPOST_HTTP';
}

/** An answer that cannot be read: not JSON, or cut short. */
export class ClickPostBadResponseError extends ClickPostError {
  override name = 'ClickPostBadResponseError';
  override readonly code = 'ERR_CLICKPOST_BAD_RESPONSE';
}

export function isClickPostError(value: unknown): value is ClickPostError {
  return value instanceof ClickPostError;
}
