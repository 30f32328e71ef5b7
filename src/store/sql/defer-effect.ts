/**
 * Gives a claimed effect back without running it (its account is paused by a 429's
 * Retry-After, or already has its cap of calls in flight): the lease is cleared, run_at
 * moves to when it may run, and the claim's attempt is taken back, because nothing was
 * tried. Fenced by the lease; false means it was no longer ours.
 */
import { EFFECT_STATUS, type Queryable } from '../rows.js';

export interface DeferEffectArgs {
  id: number;
  worker_id: string;
  run_at: number;
}

export async function deferEffect(q: Queryable, { id, worker_id, run_at }: DeferEffectArgs): Promise<boolean> {
  const changed = await q('effects')
    .where({ id, locked_by: worker_id, status: EFFECT_STATUS.PENDING })
    .update({ run_at, locked_by: null, locked_until: null, attempts: q.raw('case when attempts > 0 then attempts - 1 else 0 end') });
  return changed > 0;
}
