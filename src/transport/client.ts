/**
 * The ClickPost HTTP client: one got instance (got.extend), our own retry loop.
 *
 * got's retry is off (limit 0) because every try must be recorded as an api_calls row
 * and retried with the SAME request, so ClickPost deduplicates by reference_number.
 * What comes back:
 * - any JSON answer that is not 5xx/429 -> `{ ok: true }`, 4xx with meta included
 *   (what a meta.status means is src/clickpost/classify.ts's job: the request's `read`
 *   says it once per try, for the api_calls row, a "try again" retry and the caller);
 * - 5xx, 429, timeouts, connection errors, unreadable bodies (not JSON, cut short) ->
 *   retried with backoff, then `{ ok: false, error }` after the last try;
 * - a 4xx without JSON (a proxy page) -> `{ ok: false }` at once (408 is retried).
 * Never throws for network or HTTP problems. The key never reaches a log, a row or an
 * error message: it is registered with redact() and every text passes through it.
 */
import { performance } from 'node:perf_hooks';
import got from 'got';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import { calculateRetryDelay, parseRetryAfter, type Jitter } from './backoff.js';
import { buildCallRecord } from './call-record.js';
import { redact, registerSecret } from './redact.js';
import { sendOnce, type TryResult } from './send-once.js';
import { reportRetryAfter } from './rate-limit.js';
import type { AnswerReading, ApiCallRecorder, ClickPostClient, ClickPostRequest, ClickPostResponse } from './types.js';

export interface RetryOptions {
  /** Retries after the first try (default 3; ClickPost's guidelines ask for at least 3). */
  limit?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  jitter?: Jitter;
}

export interface ClickPostClientOptions {
  /** Up to but not including `/api`, e.g. `https://www.clickpost.in`. */
  baseUrl: string;
  username: string;
  key: string;
  /** Per-try timeout; ClickPost advises ~8 s before treating create-order as timed out. */
  timeoutMs?: number;
  retry?: RetryOptions;
  recorder?: ApiCallRecorder;
  logger?: Logger;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** The longest Retry-After waited out inside one call; a longer one ends the call (the worker pauses the account). */
export const MAX_IN_CALL_RETRY_AFTER_MS = 30_000;
export const DEFAULT_RETRY = Object.freeze({ limit: 3, baseDelayMs: 500, maxDelayMs: 8_000 });

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createClickPostClient(options: ClickPostClientOptions): ClickPostClient {
  registerSecret(options.key);
  const settings = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    limit: Math.max(0, options.retry?.limit ?? DEFAULT_RETRY.limit),
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    jitter: options.retry?.jitter ?? 'full',
  };
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger();
  const sleep = options.sleep ?? realSleep;
  const http = got.extend({
    retry: { limit: 0 },
    throwHttpErrors: false,
    responseType: 'text',
    followRedirect: false,
    headers: { accept: 'application/json', 'user-agent': 'clickpost-b2b-connector' },
  });

  function urlFor(request: ClickPostRequest): URL {
    const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}${request.path}`);
    url.searchParams.set('username', options.username);
    url.searchParams.set('key', options.key);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  async function record(request: ClickPostRequest, url: URL, result: TryResult, reading: AnswerReading | undefined, retryNumber: number, durationMs: number, startedAt: number): Promise<void> {
    if (!options.recorder) return;
    const row = buildCallRecord({ request, url, result, retryNumber, durationMs, createdAt: startedAt, ...(reading ? { reading } : {}) });
    try {
      await options.recorder(row);
    } catch (err) {
      // A lost audit row must not turn a placed order into a failure (that would rebook).
      logger.warn('api_calls row not written', { endpoint: request.endpoint, error: redact(String((err as Error)?.message ?? err)) });
    }
  }

  async function send(request: ClickPostRequest): Promise<ClickPostResponse> {
    const url = urlFor(request);
    const headers: Record<string, string> = {};
    if (request.idempotencyKey) headers['x-idempotency-key'] = request.idempotencyKey;
    const timeoutMs = request.timeoutMs ?? settings.timeoutMs;
    let previousDelayMs: number | undefined;
    for (let retry = 0; ; retry += 1) {
      const startedAt = clock.now();
      const t0 = performance.now();
      const result = await sendOnce({ http, method: request.method, url, body: request.body, headers, timeoutMs });
      const durationMs = performance.now() - t0;
      // Read once per try: the record, the retry decision and the caller share this reading.
      const reading = result.kind === 'answer' ? request.read?.(result.httpStatus, result.body) : undefined;
      await record(request, url, result, reading, retry, durationMs, startedAt);
      logger.debug('clickpost try', {
        endpoint: request.endpoint,
        method: request.method,
        url: redact(url.toString()),
        reference_number: request.referenceNumber ?? null,
        retry_number: retry,
        http_status: result.httpStatus,
        error_code: result.kind === 'failure' ? result.error.code : null,
        duration_ms: Math.round(durationMs),
      });
      const answer: ClickPostResponse | null =
        result.kind === 'answer' ? { ok: true, httpStatus: result.httpStatus, body: result.body, retries: retry, ...(reading ? { reading } : {}) } : null;
      const again = reading?.again === true;
      if (answer && !again) return answer;
      const retryAfterMs = result.kind === 'failure' && result.retryAfter !== undefined ? parseRetryAfter(result.retryAfter, clock.now()) : undefined;
      if (retryAfterMs !== undefined && result.httpStatus === 429) reportRetryAfter(request.idempotencyKey, retryAfterMs);
      const backoff = calculateRetryDelay({
        attempt: retry + 1,
        error: result.kind === 'failure' ? result.error : { retryable: true, httpStatus: result.httpStatus },
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        limit: settings.limit,
        baseDelayMs: settings.baseDelayMs,
        maxDelayMs: settings.maxDelayMs,
        jitter: settings.jitter,
        ...(previousDelayMs !== undefined ? { previousDelayMs } : {}),
        ...(options.random ? { random: options.random } : {}),
      });
      const delay = atLeastRetryAfter(backoff, retryAfterMs);
      if (delay === 0 && answer) return answer; // every try asked to try again: the caller reads the last answer
      if (delay === 0 && result.kind === 'failure') {
        logger.warn('clickpost call gave up', {
          endpoint: request.endpoint,
          url: redact(url.toString()),
          reference_number: request.referenceNumber ?? null,
          tries: retry + 1,
          error_code: result.error.code,
          error: result.error.message,
        });
        return { ok: false, error: result.error, retries: retry };
      }
      previousDelayMs = delay;
      await sleep(delay);
    }
  }

  return { send };
}

/**
 * The server's Retry-After is a floor, not a hint: never retry sooner. calculateRetryDelay
 * caps it at maxDelayMs; past that cap the wait is stretched to the full Retry-After, up
 * to MAX_IN_CALL_RETRY_AFTER_MS, beyond which the call gives up (0) rather than hold a
 * worker slot that long: the worker has been told (reportRetryAfter) and pauses the account.
 */
function atLeastRetryAfter(delay: number, retryAfterMs: number | undefined): number {
  if (delay === 0 || retryAfterMs === undefined || retryAfterMs <= delay) return delay;
  return retryAfterMs > MAX_IN_CALL_RETRY_AFTER_MS ? 0 : retryAfterMs;
}
