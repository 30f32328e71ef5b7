/**
 * An effect ran: mark it DONE and clear the lease, fenced by the lease. False means the
 * lease was lost (another worker reclaimed it after it expired, or it was cancelled):
 * the caller must drop its result.
 */
import { EFFECT_STATUS, type Queryable } from '../rows.js';

export interface CompleteEffectArgs {
  id: number;
  worker_id: string;
  now: number;
}

export async function completeEffect(trx: Queryable, { id, worker_id, now }: CompleteEffectArgs): Promise<boolean> {
  const changed = await trx('effects')
    .where({ id, locked_by: worker_id, status: EFFECT_STATUS.PENDING })
    .update({ status: EFFECT_STATUS.DONE, done_at: now, locked_by: null, locked_until: null });
  return changed > 0;
}
