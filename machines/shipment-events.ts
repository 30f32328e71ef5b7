/**
 * Everything that can happen to a shipment, as machine events. The engine builds these
 * from HTTP answers (effects) and due timers; the machine is the only reader.
 */
import type { CancelOutcome, Outcome } from '../src/clickpost/outcome.js';

/**
 * `at`: epoch ms of the step, stamped by the engine (src/engine/step.ts) on every event it
 * feeds, so the machine can say when something will happen without reading a clock.
 */
export type ShipmentEvent = ShipmentEventBody & { at?: number };

type ShipmentEventBody =
  /** A worker picked the shipment up: start at P1. */
  | { type: 'START' }
  /** The create-order call for `reference` answered (after the transport's own retries). */
  | { type: 'CREATE_RESULT'; reference: string; outcome: Outcome; requested_at?: number }
  /** Time for the next label poll of `reference`. */
  | { type: 'LABEL_POLL_DUE'; reference: string }
  /** Poll number `poll` of `reference` answered. */
  | { type: 'POLL_RESULT'; reference: string; poll: number; outcome: Outcome }
  /** The host asked to cancel. */
  | { type: 'CANCEL' }
  /** cancel-order of the booked AWB answered. */
  | { type: 'CANCEL_RESULT'; awb: string; outcome: CancelOutcome }
  /** Time to retry a cancel that failed transiently. */
  | { type: 'CANCEL_RETRY_DUE' }
  /** Time to re-send a cancel ClickPost accepted for later (202), to confirm it. */
  | { type: 'CANCEL_CONFIRM_DUE' }
  /** A tracking scan says the booked AWB is cancelled (confirms an accepted cancel). */
  | { type: 'CANCEL_CONFIRMED'; awb: string }
  /** Time for the next round of providers (RETRY_WAIT). */
  | { type: 'RETRY_DUE' }
  /** An operator asks for a new round now (FAILED or RETRY_WAIT). */
  | { type: 'RETRY' }
  /** Time to look again at an abandoned attempt that might still produce an AWB. */
  | { type: 'LATE_CHECK_DUE'; reference: string }
  | { type: 'LATE_CHECK_RESULT'; reference: string; check: number; outcome: Outcome }
  /** cancel-order of a late AWB answered. */
  | { type: 'LATE_CANCEL_RESULT'; reference: string; awb: string; outcome: CancelOutcome };

export type ShipmentEventType = ShipmentEvent['type'];

export const start = (): ShipmentEvent => ({ type: 'START' });
export const cancelRequested = (): ShipmentEvent => ({ type: 'CANCEL' });
