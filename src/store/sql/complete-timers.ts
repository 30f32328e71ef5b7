/**
 * Fired timers are done: delete a claimed batch in one statement, fenced by the lease.
 * Answers the ids that were still ours; a timer missing from the answer lost its lease
 * (reclaimed after expiry, or rescheduled) and must not be acted on.
 */
import type { Queryable } from '../rows.js';
import { placeholders, rawRows } from './raw-rows.js';

export interface CompleteTimersArgs {
  ids: number[];
  worker_id: string;
}

export async function completeTimers(trx: Queryable, { ids, worker_id }: CompleteTimersArgs): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await rawRows(trx, `delete from timers where locked_by = ? and id in (${placeholders(ids.length)}) returning id`, [worker_id, ...ids]);
  return new Set(rows.map((r) => Number(r.id)));
}
