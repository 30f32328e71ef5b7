/**
 * How a 429's Retry-After reaches the worker that runs the call: the client reports it
 * under the request's idempotency key (every effect's calls carry the effect's key), and
 * each worker listening matches the key against the effects it has in flight, so it can
 * pause that effect's account. The transport stays unaware of accounts; the executors
 * stay untouched. Plain listeners, no async context: nothing is paid on calls that are
 * not throttled.
 */

/** Called with the throttled request's idempotency key and how long (ms from now) to stay away. */
export type RetryAfterListener = (idempotencyKey: string, retryAfterMs: number) => void;

const listeners = new Set<RetryAfterListener>();

/** Listens until the returned function is called. */
export function onRetryAfter(listener: RetryAfterListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A rate-limit answer said when to come back; a request without a key concerns no effect. */
export function reportRetryAfter(idempotencyKey: string | undefined, retryAfterMs: number): void {
  if (idempotencyKey === undefined) return;
  for (const listener of listeners) listener(idempotencyKey, retryAfterMs);
}
