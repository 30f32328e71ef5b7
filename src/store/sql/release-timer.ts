/**
 * Gives a claimed timer back without firing it (e.g. the step lost a race), so another
 * worker may take it at once. Fenced by the lease; false means it was no longer ours.
 */
import type { Queryable } from '../rows.js';

export interface ReleaseTimerArgs {
  id: number;
  worker_id: string;
}

export async function releaseTimer(q: Queryable, { id, worker_id }: ReleaseTimerArgs): Promise<boolean> {
  const changed = await q('timers')
    .where({ id, locked_by: worker_id })
    .update({ locked_by: null, locked_until: null });
  return changed > 0;
}
