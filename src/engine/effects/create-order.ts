/**
 * create-order at the attempt's account. Re-running it (after a crash, or a lease that
 * ran out) re-sends the identical payload with the same reference_number: ClickPost
 * answers 323 (already placed) or 102 (still processing), never a second order.
 */
import type { CreateOrderInput } from '../../clickpost/create-order.js';
import type { EffectContext, EffectExecutor } from './types.js';
import { providerAt } from './types.js';

/**
 * The create-order request of an attempt, the same whoever sends it (the create, or a label
 * poll re-sending it): `requestedAt` is the time of the attempt's first request.
 */
export function createOrderInputOf({ effect, shipment }: EffectContext<'requestCreateOrder' | 'requestLabelPoll'>, p: { reference: string; priority: number }, requestedAt: number): CreateOrderInput {
  return {
    shipment: shipment.body,
    provider: providerAt(shipment.body, p.priority),
    priority: p.priority,
    reference: p.reference,
    requestedAt,
    settings: shipment.settings,
    shipmentId: shipment.id,
    idempotencyKey: effect.idempotency_key,
  };
}

export const runCreateOrder: EffectExecutor<'requestCreateOrder'> = async (ctx) => {
  const p = ctx.effect.payload;
  // A second claim of the row: the first run may have placed the order (the breaker lets it through).
  const outcome = await ctx.api.createOrder({ ...createOrderInputOf(ctx, p, p.requested_at), mayHaveBeenSent: ctx.effect.attempts > 1 });
  return { type: 'CREATE_RESULT', reference: p.reference, outcome, requested_at: p.requested_at };
};
