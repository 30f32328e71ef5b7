/**
 * Abandoned attempts: look again whether ClickPost produced an AWB after the connector
 * moved on (late_check, a GET by reference), and cancel that AWB if it did (late_cancel).
 * Never two live AWBs.
 */
import type { EffectExecutor } from './types.js';
import { cancelAwb } from './cancel-order.js';

export const runLateCheck: EffectExecutor = async ({ api, effect, shipment }) => {
  const p = effect.payload as { reference: string; check: number };
  const outcome = await api.lookupOrder({ reference: p.reference, boxes: shipment.body.boxes, shipmentId: shipment.id, idempotencyKey: effect.idempotency_key });
  return { type: 'LATE_CHECK_RESULT', reference: p.reference, check: p.check, outcome };
};

export const runLateCancel: EffectExecutor = async (ctx) => {
  const p = ctx.effect.payload as { reference: string; priority: number; awb: string };
  return { type: 'LATE_CANCEL_RESULT', reference: p.reference, awb: p.awb, outcome: await cancelAwb(ctx, p.awb, p.priority) };
};
