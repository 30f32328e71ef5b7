/**
 * How a 429's Retry-After reaches whoever runs the call: the worker runs each effect in
 * a scope (runInRateLimitScope) and the client reports into the scope it runs in. The
 * account is the worker's knowledge (the request does not name it), so the transport
 * stays unaware of accounts and the executors stay untouched.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Called with how long (ms from now) the server asked us to stay away. */
export type RetryAfterListener = (retryAfterMs: number) => void;

const scope = new AsyncLocalStorage<RetryAfterListener>();

export function runInRateLimitScope<T>(listener: RetryAfterListener, fn: () => Promise<T>): Promise<T> {
  return scope.run(listener, fn);
}

/** A rate-limit answer said when to come back; nobody listening is fine. */
export function reportRetryAfter(retryAfterMs: number): void {
  scope.getStore()?.(retryAfterMs);
}
