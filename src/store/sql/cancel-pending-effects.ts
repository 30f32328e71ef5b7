/**
 * The machine no longer wants some pending effects (e.g. label polls after a cancel):
 * mark them CANCELLED and clear any lease, so a worker running one gets `false` from
 * completeEffect and drops its result. Returns how many were cancelled.
 */
import { EFFECT_STATUS, type Queryable } from '../rows.js';

export interface CancelPendingEffectsArgs {
  shipment_id: number;
  kinds: string[];
}

export async function cancelPendingEffects(q: Queryable, { shipment_id, kinds }: CancelPendingEffectsArgs): Promise<number> {
  if (kinds.length === 0) return 0;
  return q('effects')
    .where({ shipment_id, status: EFFECT_STATUS.PENDING })
    .whereIn('kind', kinds)
    .update({ status: EFFECT_STATUS.CANCELLED, locked_by: null, locked_until: null });
}
