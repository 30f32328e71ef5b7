/**
 * Pure rules for abandoned attempts that may still yield an AWB: check again, give up,
 * or cancel the AWB that showed up late. The machine applies what these return.
 */
import type { CancelOutcome, Outcome } from '../src/clickpost/outcome.js';
import { isFailure, type AttemptState, type LateWatch, type MachineConfig } from './shipment-rules.js';

export interface LateStep {
  late: LateWatch;
  /** Ask ClickPost again (poll by reference) as check number `late.checks`. */
  check?: boolean;
  /** Cancel this AWB at ClickPost. */
  cancelAwb?: string;
  /** Schedule the next look after the late-check interval. */
  recheck?: boolean;
}

export const lateTimerId = (reference: string) => `late:${reference}`;

export function startWatch(): LateWatch {
  return { state: 'WATCHING', checks: 0, awb: null };
}

/** LATE_CHECK_DUE: count the check and ask, unless the watch is over. */
export function onLateCheckDue(a: AttemptState | undefined): LateStep | null {
  if (!a?.late || a.late.state !== 'WATCHING') return null;
  return { late: { ...a.late, checks: a.late.checks + 1 }, check: true };
}

/** LATE_CHECK_RESULT: a late AWB is cancelled; a failed order needs nothing; else look again until the budget is spent. */
export function onLateCheckResult(a: AttemptState | undefined, check: number, o: Outcome, config: MachineConfig): LateStep | null {
  if (!a?.late || a.late.state !== 'WATCHING' || a.late.checks !== check) return null; // stale answer
  if (o.kind === 'booked') return { late: { ...a.late, state: 'CANCELLING', awb: o.parent_awb }, cancelAwb: o.parent_awb };
  if (isFailure(o)) return { late: { ...a.late, state: 'NO_AWB' } };
  if (a.late.checks < config.late_check_count) return { late: a.late, recheck: true };
  return { late: { ...a.late, state: 'GAVE_UP' } };
}

/** LATE_CANCEL_RESULT: done, or look again later (the next check sees the AWB and cancels again), or give up. */
export function onLateCancelResult(a: AttemptState | undefined, o: CancelOutcome, config: MachineConfig): LateStep | null {
  if (!a?.late || a.late.state !== 'CANCELLING') return null;
  // Accepted for later (202) counts as done here: ClickPost has the cancel and mails the courier.
  if (o.kind === 'cancelled' || o.kind === 'cancel_accepted') return { late: { ...a.late, state: 'CANCELLED' } };
  if (o.transient && a.late.checks < config.late_check_count) return { late: { ...a.late, state: 'WATCHING' }, recheck: true };
  return { late: { ...a.late, state: 'CANCEL_FAILED' } };
}
