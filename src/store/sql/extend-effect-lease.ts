/**
 * Keeps long-running effects ours: moves locked_until forward, fenced by the lease. The
 * worker's heartbeat extends every effect it has in flight with one statement, so a lease
 * can be short (a dead worker's work comes back soon) while a slow call never loses its.
 */
import { EFFECT_STATUS, type Queryable } from '../rows.js';

export interface ExtendEffectLeaseArgs {
  id: number;
  worker_id: string;
  until: number;
}

/** False means the lease was already lost; the caller should stop. */
export async function extendEffectLease(q: Queryable, { id, worker_id, until }: ExtendEffectLeaseArgs): Promise<boolean> {
  return (await extendEffectLeases(q, { ids: [id], worker_id, until })) > 0;
}

export interface ExtendEffectLeasesArgs {
  ids: readonly number[];
  worker_id: string;
  until: number;
}

/** How many of `ids` are still this worker's (and now held until `until`). */
export async function extendEffectLeases(q: Queryable, { ids, worker_id, until }: ExtendEffectLeasesArgs): Promise<number> {
  if (ids.length === 0) return 0;
  return q('effects')
    .whereIn('id', ids)
    .andWhere({ locked_by: worker_id, status: EFFECT_STATUS.PENDING })
    .update({ locked_until: until });
}
