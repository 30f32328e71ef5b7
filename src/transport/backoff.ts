/**
 * How long to wait before the next try, as a pure function (got's calculate-retry-delay
 * shape): the attempt and the error go in, milliseconds come out, and 0 means give up.
 * A delay that is due is therefore never 0: the smallest wait is 1 ms. The one retry-delay
 * function of the connector: ClickPost calls (client.ts), failed effect runs (the worker)
 * and label downloads (labels/fetch-pdf.ts) all ask it.
 */

/** 'none': exactly base * 2^(attempt-1), capped (a schedule a test or an operator can predict). */
export type Jitter = 'full' | 'decorrelated' | 'none';

export interface RetryDelayInput {
  /** The retry about to be made, 1-based (1 = the first retry after the first try). */
  attempt: number;
  /** What went wrong; only `retryable` and `httpStatus` are read. */
  error: { retryable: boolean; httpStatus?: number };
  /** Parsed Retry-After of the answer, when it had one. */
  retryAfterMs?: number;
  /** Retries allowed after the first try. */
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 'full' (default): random in [0, base * 2^(attempt-1)]; 'decorrelated': random in [base, previous * 3]; 'none': no randomness. */
  jitter?: Jitter;
  /** The delay used before the previous retry (decorrelated jitter grows from it). */
  previousDelayMs?: number;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
}

// Retry-After is honoured on these: rate limiting and "come back later".
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Milliseconds to wait before retry `attempt`, or 0 to give up. */
export function calculateRetryDelay(input: RetryDelayInput): number {
  const { attempt, error, limit, baseDelayMs, maxDelayMs } = input;
  if (!error.retryable || attempt < 1 || attempt > limit) return 0;
  const cap = Math.max(1, maxDelayMs);
  if (input.retryAfterMs !== undefined && error.httpStatus !== undefined && RETRY_AFTER_STATUSES.has(error.httpStatus)) {
    // The server said when; capped so a hostile or silly header cannot stall the worker.
    return clampDelay(input.retryAfterMs, cap);
  }
  const random = input.random ?? Math.random;
  const base = Math.max(1, baseDelayMs);
  if (input.jitter === 'decorrelated') {
    const previous = Math.max(base, input.previousDelayMs ?? base);
    return clampDelay(base + random() * (previous * 3 - base), cap);
  }
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  return clampDelay(input.jitter === 'none' ? ceiling : random() * ceiling, cap);
}

function clampDelay(ms: number, cap: number): number {
  if (!Number.isFinite(ms)) return cap;
  return Math.min(cap, Math.max(1, Math.round(ms)));
}

/**
 * Retry-After header -> ms from `nowMs`: either delta-seconds ("120") or an HTTP date.
 * Undefined when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export default calculateRetryDelay;
