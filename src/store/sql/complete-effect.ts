/**
 * An effect ran: mark it DONE and clear the lease, fenced by the lease. False means the
 * lease was lost (another worker reclaimed it after it expired, or it was cancelled):
 * the caller must drop its result.
 */
import { EFFECT_STATUS, type Queryable } from '../rows.js';
import { rawRows } from './raw-rows.js';

export interface CompleteEffectArgs {
  id: number;
  worker_id: string;
  now: number;
}

// Written once as SQL (every answer runs it), not built per call.
const COMPLETE_SQL = `update effects set status = ?, done_at = ?, locked_by = null, locked_until = null
where id = ? and locked_by = ? and status = ?
returning id`;

export async function completeEffect(trx: Queryable, { id, worker_id, now }: CompleteEffectArgs): Promise<boolean> {
  const rows = await rawRows(trx, COMPLETE_SQL, [EFFECT_STATUS.DONE, now, id, worker_id, EFFECT_STATUS.PENDING]);
  return rows.length > 0;
}
