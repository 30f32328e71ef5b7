/**
 * Abandoned attempts: look again whether ClickPost produced an AWB after the connector
 * moved on (late_check), and cancel that AWB if it did (late_cancel). Never two live AWBs.
 */
import type { EffectExecutor } from './types.js';
import { providerAt } from './types.js';

export const runLateCheck: EffectExecutor = async ({ api, effect, shipment }) => {
  const p = effect.payload as { reference: string; check: number };
  const outcome = await api.pollOrder({
    reference: p.reference,
    boxes: shipment.body.boxes,
    shipmentId: shipment.id,
    idempotencyKey: effect.idempotency_key,
  });
  return { type: 'LATE_CHECK_RESULT', reference: p.reference, check: p.check, outcome };
};

export const runLateCancel: EffectExecutor = async ({ api, effect, shipment }) => {
  const p = effect.payload as { reference: string; priority: number; awb: string };
  const provider = providerAt(shipment.body, p.priority);
  const outcome = await api.cancelOrder({
    awb: p.awb,
    courier_partner_id: provider.courier_partner_id,
    account_code: provider.account_code,
    shipmentId: shipment.id,
    idempotencyKey: effect.idempotency_key,
  });
  return { type: 'LATE_CANCEL_RESULT', reference: p.reference, awb: p.awb, outcome };
};
