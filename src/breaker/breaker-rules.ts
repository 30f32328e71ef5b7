/**
 * A circuit breaker per courier account, as pure rules: whether a create-order may go to
 * the account now, and what an answer does to its state. After `failures` consecutive
 * transient failures (no answer, 5xx, 429, "try again") the account is paused for
 * `pause_ms`: its attempts are skipped at once and the shipment fails over. After the pause
 * one call is let through as a probe; its answer closes the breaker or opens it again.
 * An answer that says something definite (booked, refused) closes it: the account is up.
 */
import type { Outcome } from '../clickpost/outcome.js';

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerConfig {
  /** Consecutive transient failures that open the breaker (default 5). */
  failures: number;
  /** How long it stays open (default 5 minutes). */
  pause_ms: number;
  /** How long one probe may take before another node may probe (default 60 s). */
  probe_ms: number;
  /**
   * How long a node trusts its own copy of a closed breaker (default 1 s): it reads the row
   * again after that, so a pause opened by another node on PostgreSQL is seen within about
   * `refresh_ms`; a closed account's unchanged last answer is written at most that often.
   */
  refresh_ms: number;
}

export const DEFAULT_BREAKER_CONFIG: BreakerConfig = Object.freeze({ failures: 5, pause_ms: 5 * 60_000, probe_ms: 60_000, refresh_ms: 1_000 });

export interface Breaker {
  state: BreakerState;
  consecutive_failures: number;
  open_until: number | null;
  probe_until: number | null;
}

export const CLOSED: Breaker = Object.freeze({ state: 'CLOSED', consecutive_failures: 0, open_until: null, probe_until: null });

/** What a caller may do now: call, call as the one probe (and hold the probe), or skip until `until`. */
export type Admission = { kind: 'call' } | { kind: 'probe'; breaker: Breaker } | { kind: 'skip'; until: number };

export function admit(b: Breaker, now: number, config: BreakerConfig): Admission {
  if (b.state === 'CLOSED') return { kind: 'call' };
  if (b.state === 'OPEN' && (b.open_until ?? 0) > now) return { kind: 'skip', until: b.open_until! };
  if (b.state === 'HALF_OPEN' && (b.probe_until ?? 0) > now) return { kind: 'skip', until: b.probe_until! };
  // The pause is over (or the last probe never answered): this caller probes.
  return { kind: 'probe', breaker: { ...b, state: 'HALF_OPEN', probe_until: now + config.probe_ms } };
}

/** Only "no answer worth acting on" counts against the account. */
export function isTransientFailure(outcome: Outcome): boolean {
  return outcome.kind === 'transient';
}

export function afterAnswer(b: Breaker, outcome: Outcome, now: number, config: BreakerConfig): Breaker {
  if (!isTransientFailure(outcome)) return CLOSED;
  const failures = b.consecutive_failures + 1;
  if (b.state === 'HALF_OPEN' || failures >= config.failures) {
    return { state: 'OPEN', consecutive_failures: failures, open_until: now + config.pause_ms, probe_until: null };
  }
  return { ...b, consecutive_failures: failures };
}
