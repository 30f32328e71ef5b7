/**
 * A fired timer is done: delete it, fenced by the lease. False means the lease was lost
 * (another worker took the expired lease, or the timer was rescheduled, which clears
 * the lease): the caller must not act on it.
 */
import type { Queryable } from '../rows.js';

export interface CompleteTimerArgs {
  id: number;
  worker_id: string;
}

export async function completeTimer(trx: Queryable, { id, worker_id }: CompleteTimerArgs): Promise<boolean> {
  const deleted = await trx('timers').where({ id, locked_by: worker_id }).del();
  return deleted > 0;
}
