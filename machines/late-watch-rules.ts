/**
 * Pure rules for abandoned attempts that may still yield an AWB: check again, give up,
 * or cancel the AWB that showed up late. The machine applies what these return.
 */
import type { CancelOutcome, Outcome } from '../src/clickpost/outcome.js';
import { isFailure, type AttemptState, type LateWatch, type MachineConfig, type PastRound } from './shipment-rules.js';

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
export function onLateCheckResult(a: AttemptState | undefined, check: number, o: Outcome, config: MachineConfig, roundStillOpen = false): LateStep | null {
  if (!a?.late || a.late.state !== 'WATCHING' || a.late.checks !== check) return null; // stale answer
  // An earlier round's order, found while a later round still runs: the round may yet
  // re-send its reference and adopt it (323), so look again rather than cancel; once the
  // round booked elsewhere or ended, the next look cancels it. Not bounded by the budget:
  // the order is known to exist.
  if (o.kind === 'booked' && roundStillOpen) return { late: a.late, recheck: true };
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

/**
 * Where the watch of `reference` lives. A new round re-sends the references in priority
 * order, and a watch of an earlier round stays on until the round re-sends its reference
 * (adoptWatch): a round that books at P1 never re-sends P3's, and P3's late order must still
 * be found and cancelled. The current round's own watch comes first.
 */
export interface WatchPlace {
  /** null: the current round's attempts; else the index in past_rounds. */
  pastRound: number | null;
  index: number;
  attempt: AttemptState;
}

export function findWatch(attempts: AttemptState[], pastRounds: PastRound[], reference: string): WatchPlace | null {
  const here = attempts.findIndex((a) => a.reference_number === reference && a.late !== null);
  if (here >= 0) return { pastRound: null, index: here, attempt: attempts[here]! };
  for (let r = pastRounds.length - 1; r >= 0; r--) {
    const index = pastRounds[r]!.attempts.findIndex((a) => a.reference_number === reference && a.late !== null);
    if (index >= 0) return { pastRound: r, index, attempt: pastRounds[r]!.attempts[index]! };
  }
  return null;
}

/** The round re-sends `reference`: an earlier round's watch of it ends (ClickPost answers 323 for a late order, and the round adopts it). */
export function adoptWatch(pastRounds: PastRound[], reference: string): PastRound[] {
  return pastRounds.map((p) => ({
    ...p,
    attempts: p.attempts.map((a) => (a.reference_number === reference && a.late?.state === 'WATCHING' ? { ...a, late: { ...a.late, state: 'ADOPTED' as const } } : a)),
  }));
}

/**
 * AWBs of `reference` this connector cancelled (or is cancelling) as late orders of an
 * earlier round: ClickPost answers a re-sent reference with its order even when it is
 * cancelled, and such an answer is not a booking.
 */
export function cancelledLateAwbs(pastRounds: PastRound[], reference: string): string[] {
  return pastRounds.flatMap((p) =>
    p.attempts.filter((a) => a.reference_number === reference && a.late?.awb && (a.late.state === 'CANCELLING' || a.late.state === 'CANCELLED')).map((a) => a.late!.awb!),
  );
}
