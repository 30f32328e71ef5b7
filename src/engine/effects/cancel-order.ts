/** cancel-order of the booked AWB; 600 (already cancelled) counts as done. */
import type { EffectExecutor } from './types.js';
import { providerAt } from './types.js';

interface Payload {
  awb: string;
  priority: number;
}

export const runCancelOrder: EffectExecutor = async ({ api, effect, shipment }) => {
  const p = effect.payload as Payload;
  const provider = providerAt(shipment.body, p.priority);
  const outcome = await api.cancelOrder({
    awb: p.awb,
    courier_partner_id: provider.courier_partner_id,
    account_code: provider.account_code,
    shipmentId: shipment.id,
    idempotencyKey: effect.idempotency_key,
  });
  return { type: 'CANCEL_RESULT', awb: p.awb, outcome };
};
