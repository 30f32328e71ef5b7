/**
 * An effect failed: store the (already redacted) error and either push run_at back for
 * another try or mark it DEAD. The lease is cleared either way; fenced by the lease, so
 * false means it was no longer ours.
 */
import { EFFECT_STATUS, type Queryable } from '../rows.js';

export interface FailEffectArgs {
  id: number;
  worker_id: string;
  /** Stored as is: the caller redacts. */
  error: string;
  /** When to try again (ignored when dead). */
  run_at: number;
  dead: boolean;
  now: number;
}

export async function failEffect(q: Queryable, args: FailEffectArgs): Promise<boolean> {
  const { id, worker_id, error, run_at, dead, now } = args;
  const changed = await q('effects')
    .where({ id, locked_by: worker_id, status: EFFECT_STATUS.PENDING })
    .update({
      status: dead ? EFFECT_STATUS.DEAD : EFFECT_STATUS.PENDING,
      ...(dead ? { done_at: now } : { run_at }),
      last_error: error,
      locked_by: null,
      locked_until: null,
    });
  return changed > 0;
}
