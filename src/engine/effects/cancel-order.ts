/** cancel-order of an AWB at the account that booked it; 600 (already cancelled) counts as done. */
import type { CancelOutcome } from '../../clickpost/outcome.js';
import type { EffectContext, EffectExecutor } from './types.js';
import { providerAt } from './types.js';

/** Shared by the booked-AWB cancel and the late-AWB cancel. */
export async function cancelAwb({ api, effect, shipment }: EffectContext<'requestCancelOrder' | 'requestLateCancel'>, awb: string, priority: number): Promise<CancelOutcome> {
  const provider = providerAt(shipment.body, priority);
  return api.cancelOrder({
    awb,
    courier_partner_id: provider.courier_partner_id,
    account_code: provider.account_code,
    shipmentId: shipment.id,
    idempotencyKey: effect.idempotency_key,
  });
}

export const runCancelOrder: EffectExecutor<'requestCancelOrder'> = async (ctx) => {
  const p = ctx.effect.payload;
  return { type: 'CANCEL_RESULT', awb: p.awb, outcome: await cancelAwb(ctx, p.awb, p.priority) };
};
