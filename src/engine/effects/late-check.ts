/**
 * Abandoned attempts: look again whether ClickPost produced an AWB after the connector
 * moved on (late_check, a GET by reference), and cancel that AWB if it did (late_cancel).
 * Never two live AWBs.
 */
import type { EffectExecutor } from './types.js';
import { cancelAwb } from './cancel-order.js';

export const runLateCheck: EffectExecutor<'requestLateCheck'> = async ({ api, effect, shipment }) => {
  const p = effect.payload;
  const outcome = await api.lookupOrder({ reference: p.reference, boxes: shipment.body.boxes, shipmentId: shipment.id, idempotencyKey: effect.idempotency_key });
  return { type: 'LATE_CHECK_RESULT', reference: p.reference, check: p.check, outcome };
};

export const runLateCancel: EffectExecutor<'requestLateCancel'> = async (ctx) => {
  const p = ctx.effect.payload;
  return { type: 'LATE_CANCEL_RESULT', reference: p.reference, awb: p.awb, outcome: await cancelAwb(ctx, p.awb, p.priority) };
};
