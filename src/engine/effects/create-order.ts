/**
 * create-order at the attempt's account. Re-running it (after a crash, or a lease that
 * ran out) re-sends the identical payload with the same reference_number: ClickPost
 * answers 323 (already placed) or 102 (still processing), never a second order.
 */
import type { EffectExecutor } from './types.js';
import { providerAt } from './types.js';

interface Payload {
  reference: string;
  priority: number;
  requested_at: number;
}

export const runCreateOrder: EffectExecutor = async ({ api, effect, shipment }) => {
  const p = effect.payload as Payload;
  const outcome = await api.createOrder({
    shipment: shipment.body,
    provider: providerAt(shipment.body, p.priority),
    priority: p.priority,
    reference: p.reference,
    requestedAt: p.requested_at,
    settings: shipment.settings,
    shipmentId: shipment.id,
    idempotencyKey: effect.idempotency_key,
  });
  return { type: 'CREATE_RESULT', reference: p.reference, outcome, requested_at: p.requested_at };
};
