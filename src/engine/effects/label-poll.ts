/** One label poll: GET create-order by reference. A GET is safe to repeat. */
import type { Outcome } from '../../clickpost/outcome.js';
import type { EffectContext, EffectExecutor } from './types.js';

/** Asks ClickPost where the order of `reference` stands; shared by label polls and late checks. */
export function pollReference({ api, effect, shipment }: EffectContext, reference: string): Promise<Outcome> {
  return api.pollOrder({ reference, boxes: shipment.body.boxes, shipmentId: shipment.id, idempotencyKey: effect.idempotency_key });
}

export const runLabelPoll: EffectExecutor = async (ctx) => {
  const p = ctx.effect.payload as { reference: string; poll: number };
  return { type: 'POLL_RESULT', reference: p.reference, poll: p.poll, outcome: await pollReference(ctx, p.reference) };
};
