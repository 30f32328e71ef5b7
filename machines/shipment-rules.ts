/**
 * Pure rules of the Unicommerce workflow, one place each. The machine calls them; tests
 * can call them directly.
 */
import type { BookedOutcome, ChildWaybill, Outcome } from '../src/clickpost/outcome.js';
import { z } from 'zod';
import { referenceFor } from '../src/domain/shipment-input.js';

/** Every outcome of one attempt at one provider (the contract's attempts[].outcome). */
export const ATTEMPT_OUTCOMES = Object.freeze(['IN_PROGRESS', 'BOOKED', 'ERROR', 'LABEL_TIMEOUT', 'SKIPPED', 'CANCELLED'] as const);
export const AttemptOutcomeSchema = z.enum(ATTEMPT_OUTCOMES);
export type AttemptOutcome = z.infer<typeof AttemptOutcomeSchema>;

/** Where a cancel at ClickPost stands (the contract's cancel.state). */
export const CANCEL_STATES = Object.freeze(['REQUESTED', 'ACCEPTED', 'DONE', 'FAILED'] as const);
export const CancelStateNameSchema = z.enum(CANCEL_STATES);
export type CancelStateName = z.infer<typeof CancelStateNameSchema>;

/**
 * Where the watch of an abandoned attempt that may still yield an AWB (async or unknown
 * outcome) stands. ADOPTED: a new round re-sent the same reference and owns whatever it yields.
 */
export const LATE_WATCH_STATES = Object.freeze(['WATCHING', 'CANCELLING', 'CANCELLED', 'CANCEL_FAILED', 'NO_AWB', 'GAVE_UP', 'ADOPTED'] as const);
export const LateWatchStateSchema = z.enum(LATE_WATCH_STATES);
export type LateWatchState = z.infer<typeof LateWatchStateSchema>;

export const LateWatchSchema = z.object({
  state: LateWatchStateSchema,
  /** Checks done so far. */
  checks: z.number().int(),
  awb: z.string().nullable(),
});
export type LateWatch = z.infer<typeof LateWatchSchema>;

/**
 * One attempt at one provider, as the machine keeps it: THE attempt shape. Its columns
 * (src/store/rows.ts ATTEMPT_FIELDS) and its answer (src/views/shipment-view.ts) derive from it.
 */
export const AttemptStateSchema = z.object({
  priority: z.number().int(),
  courier_partner_id: z.number().int(),
  account_code: z.string(),
  reference_number: z.string(),
  outcome: AttemptOutcomeSchema,
  meta_status: z.number().int().nullable(),
  message: z.string().nullable(),
  error_kind: z.string().nullable(),
  polls: z.number().int(),
  parent_awb: z.string().nullable(),
  label_url: z.string().nullable(),
  late: LateWatchSchema.nullable(),
  /** When the create-order request was first made (pickup time is counted from it). */
  requested_at: z.number().nullable(),
});
export type AttemptState = z.infer<typeof AttemptStateSchema>;

export interface ProviderRef {
  courier_partner_id: number;
  account_code: string;
}

export interface MachineConfig {
  poll_interval_ms: number;
  poll_attempts: number;
  late_check_interval_ms: number;
  late_check_count: number;
  cancel_retry_ms: number;
  cancel_retry_count: number;
  /** A cancel ClickPost accepted for later (202) is re-sent this often to confirm it... */
  cancel_confirm_interval_ms: number;
  /** ...this many times (24 h in all), then it is reported unconfirmed. */
  cancel_confirm_count: number;
  /** Rounds after the first when every provider failed and one failure may pass (0 = none). */
  retry_rounds: number;
  /** Wait before the first retry round; doubled for each later one. */
  retry_after_ms: number;
}

export const DEFAULT_MACHINE_CONFIG: MachineConfig = Object.freeze({
  poll_interval_ms: 120_000, // 2 minutes between label polls (Unicommerce)
  poll_attempts: 6, // 6 polls: the 12-minute window
  late_check_interval_ms: 30 * 60_000, // abandoned async attempts: every 30 minutes...
  late_check_count: 48, // ...for 24 hours
  cancel_retry_ms: 60_000,
  cancel_retry_count: 5,
  cancel_confirm_interval_ms: 2 * 60 * 60_000, // an accepted cancel: re-sent every 2 hours...
  cancel_confirm_count: 12, // ...for 24 hours (issue #8: unconfirmed after 24 h is reported)
  retry_rounds: 3, // settings "Retry Rounds"
  retry_after_ms: 15 * 60_000, // settings "Retry After (Minutes)": 15, 30, 60 minutes
});

/**
 * Snapshots saved before a config key existed read its default (shipments scheduled by an
 * older version keep working after an upgrade).
 */
export function configOf(config: Partial<MachineConfig>): MachineConfig {
  return { ...DEFAULT_MACHINE_CONFIG, ...config };
}

/** Why the shipment waits for another round, and when it starts. */
export const RetryStateSchema = z.object({
  /** The round that will start (2 = the first retry round). */
  round: z.number().int(),
  /** Epoch ms. */
  next_at: z.number(),
  reason: z.string(),
});
export type RetryState = z.infer<typeof RetryStateSchema>;

/** An earlier round's attempts, kept for the shipment's story. */
export interface PastRound {
  round: number;
  attempts: AttemptState[];
}

export interface Booking {
  priority: number;
  parent_awb: string;
  label_url: string | null;
  children: ChildWaybill[];
  courier_name: string | null;
}

/**
 * REQUESTED: sent, no answer yet. ACCEPTED: ClickPost took it for later processing (202) and
 * the shipment is CANCELLED; `confirm_checks` re-sends confirm it (DONE) or, after the last
 * one, `unconfirmed` marks it for the failure report. FAILED: ClickPost refused.
 */
export const CancelStateSchema = z.object({
  state: CancelStateNameSchema,
  tries: z.number().int(),
  message: z.string().nullable(),
  confirm_checks: z.number().int().optional(),
  unconfirmed: z.boolean().optional(),
});
export type CancelState = z.infer<typeof CancelStateSchema>;

/** Why a shipment FAILED, per attempt (the answer's `error`; loose: later versions may add fields). */
export const FailureReportSchema = z.looseObject({
  message: z.string(),
  attempts: z.array(AttemptStateSchema.pick({ priority: true, meta_status: true, message: true })),
});
export type FailureReport = z.infer<typeof FailureReportSchema>;

/** The first attempt is P1: attempts[i] belongs to providers[i]. */
export function newAttempt(shipmentCode: string, providers: ProviderRef[], index: number): AttemptState {
  const p = providers[index]!;
  return {
    priority: index + 1,
    courier_partner_id: p.courier_partner_id,
    account_code: p.account_code,
    reference_number: referenceFor(shipmentCode, index + 1),
    outcome: 'IN_PROGRESS',
    meta_status: null,
    message: null,
    error_kind: null,
    polls: 0,
    parent_awb: null,
    label_url: null,
    late: null,
    requested_at: null,
  };
}

export function hasNextProvider(providers: ProviderRef[], attempts: AttemptState[]): boolean {
  return attempts.length < providers.length;
}

export function pollsLeft(attempt: AttemptState, config: MachineConfig): number {
  return Math.max(0, config.poll_attempts - attempt.polls);
}

/** The answer is worth waiting for: the order is (or may be) still being processed. */
export function isStillProcessing(outcome: Outcome): boolean {
  return outcome.kind === 'accepted_async' || outcome.kind === 'pending';
}

/**
 * An answer that says nothing definite (5xx, timeouts, garbage after every retry; a 321
 * lookup miss on a poll). On create it fails over; on a poll it spends that poll.
 */
export function isInconclusive(outcome: Outcome): boolean {
  return outcome.kind === 'transient' || outcome.kind === 'lookup_miss' || outcome.kind === 'unknown';
}

export function isFailure(outcome: Outcome): boolean {
  return outcome.kind === 'immediate_error' || outcome.kind === 'configuration_error' || outcome.kind === 'payload_error';
}

export function bookingFrom(priority: number, outcome: BookedOutcome): Booking {
  return {
    priority,
    parent_awb: outcome.parent_awb,
    label_url: outcome.label_url,
    children: outcome.children,
    courier_name: outcome.courier_name,
  };
}

/**
 * A failure a later round may not repeat: no answer (network, 5xx, 429, "try again" codes),
 * an unknown code, a label that did not come in time, or an account paused by its breaker.
 * Refusals (serviceability, payload, account configuration) will be refused again.
 */
export function mayPassLater(a: AttemptState): boolean {
  return a.outcome === 'LABEL_TIMEOUT' || a.outcome === 'SKIPPED' || ['transient', 'unknown', 'lookup_miss'].includes(a.error_kind ?? '');
}

/** Another round is due when one failure may pass and the rounds are not spent. */
export function roundMayHelp(attempts: AttemptState[], round: number, config: MachineConfig): boolean {
  return round <= config.retry_rounds && attempts.some(mayPassLater);
}

/** Wait before round `next` (2, 3, ...): Retry After, doubled for each round after the first retry. */
export function retryDelayMs(next: number, config: MachineConfig): number {
  return config.retry_after_ms * 2 ** Math.max(0, next - 2);
}

/** What the retry wait says: the failures that may pass. */
export function retryReason(attempts: AttemptState[]): string {
  const passing = attempts.filter(mayPassLater).map((a) => `P${a.priority}: ${a.message ?? a.outcome}`);
  return `Every provider failed; a later round may book (${passing.join('; ')})`;
}

/** Attempt fields from an answer: meta status, message, error kind. */
export function describe(outcome: Outcome): Pick<AttemptState, 'meta_status' | 'message' | 'error_kind'> {
  switch (outcome.kind) {
    case 'booked':
      return { meta_status: outcome.meta_status, message: outcome.message, error_kind: null };
    case 'accepted_async':
    case 'pending':
      return { meta_status: outcome.meta_status, message: outcome.message, error_kind: null };
    case 'transient':
      return { meta_status: outcome.meta_status, message: outcome.message, error_kind: 'transient' };
    case 'lookup_miss':
      return { meta_status: outcome.meta_status, message: outcome.message, error_kind: 'lookup_miss' };
    case 'unknown':
      return { meta_status: outcome.meta_status, message: outcome.message, error_kind: 'unknown' };
    case 'skipped':
      return { meta_status: null, message: outcome.message, error_kind: 'skipped' };
    default: {
      const fields = outcome.fields.length > 0 ? ` (fields: ${outcome.fields.join(', ')})` : '';
      return { meta_status: outcome.meta_status, message: `${outcome.message}${fields}`, error_kind: outcome.kind.replace('_error', '') };
    }
  }
}

export function failureReport(attempts: AttemptState[]): FailureReport {
  return {
    message: `No courier account booked the shipment: ${attempts.length} attempt(s) failed`,
    attempts: attempts.map((a) => ({ priority: a.priority, meta_status: a.meta_status, message: a.message })),
  };
}

export function updateAt<T>(list: T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...patch } : item));
}

export function indexOfReference(attempts: AttemptState[], reference: string): number {
  return attempts.findIndex((a) => a.reference_number === reference);
}
