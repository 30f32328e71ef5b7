/** One label poll: GET create-order by reference. A GET is safe to repeat. */
import type { EffectExecutor } from './types.js';

interface Payload {
  reference: string;
  priority: number;
  poll: number;
}

export const runLabelPoll: EffectExecutor = async ({ api, effect, shipment }) => {
  const p = effect.payload as Payload;
  const outcome = await api.pollOrder({
    reference: p.reference,
    boxes: shipment.body.boxes,
    shipmentId: shipment.id,
    idempotencyKey: effect.idempotency_key,
  });
  return { type: 'POLL_RESULT', reference: p.reference, poll: p.poll, outcome };
};
