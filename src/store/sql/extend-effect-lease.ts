/**
 * Keeps a long-running effect ours: moves locked_until forward, fenced by the lease.
 * False means the lease was already lost; the caller should stop.
 */
import { EFFECT_STATUS, type Queryable } from '../rows.js';

export interface ExtendEffectLeaseArgs {
  id: number;
  worker_id: string;
  until: number;
}

export async function extendEffectLease(q: Queryable, { id, worker_id, until }: ExtendEffectLeaseArgs): Promise<boolean> {
  const changed = await q('effects')
    .where({ id, locked_by: worker_id, status: EFFECT_STATUS.PENDING })
    .update({ locked_until: until });
  return changed > 0;
}
