/**
 * A timer's step failed (not the database being away: that is waited out, not counted).
 * The failure is counted and the error kept (already redacted by the caller); the timer is
 * set aside until `retry_at` (a lease nobody completes), and parked for good once it has
 * failed `max_failures` times: a parked timer is never taken again, it needs a person
 * (/readyz, /metrics connector_timers_dead, the shipment's `stuck`).
 */
import type { Queryable } from '../rows.js';

export interface FailTimerArgs {
  id: number;
  worker_id: string;
  error: string;
  /** How long to set it aside after its n-th failure. */
  retry_delay: (failures: number) => number;
  max_failures: number;
  now: number;
}

export interface FailedTimer {
  shipment_id: number;
  failures: number;
  parked: boolean;
}

/** The timer after the failure was counted, or null when it is gone (rescheduled, cancelled). Call in a write transaction. */
export async function failTimer(q: Queryable, args: FailTimerArgs): Promise<FailedTimer | null> {
  const { id, worker_id, error, retry_delay, max_failures, now } = args;
  const row = (await q('timers').where({ id }).first('shipment_id', 'failures')) as { shipment_id: unknown; failures: unknown } | undefined;
  if (!row) return null;
  const failures = Number(row.failures) + 1;
  const parked = failures >= max_failures;
  await q('timers')
    .where({ id })
    .update({ failures, last_error: error, locked_by: worker_id, locked_until: now + retry_delay(failures), parked_at: parked ? now : null });
  return { shipment_id: Number(row.shipment_id), failures, parked };
}
