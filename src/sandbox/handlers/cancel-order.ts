/**
 * GET /api/v1/cancel-order/?waybill&cp_id&account_code: 200 the first time for a live
 * AWB, 600 "already cancelled" after, 321 for an AWB the sandbox never issued. Accounts with
 * SBX_CANCEL_202 answer 202 (accepted, mailed to the courier) the first time, 600 after;
 * SBX_CANCEL_202_ALWAYS answers 202 every time (never confirmed).
 */
import * as answers from '../answers.js';
import { now, type Plan, type SandboxContext, type SandboxRequest } from '../context.js';
import { json } from '../http-io.js';

export function handleCancelOrder(ctx: SandboxContext, req: SandboxRequest): Plan {
  const waybill = req.query.get('waybill');
  if (!waybill) return now(json(200, answers.meta(328, 'Invalid GET data: waybill is required', false)));
  const found = ctx.ledger.findByWaybill(waybill);
  // Only a parent AWB names an order; a child AWB cannot be cancelled on its own.
  if (!found || found.childIndex !== null) return now(json(200, answers.notFound(`AWB ${waybill}`)));
  const { order } = found;
  ctx.ledger.countCancel(order.reference);
  const cpId = req.query.get('cp_id');
  if (cpId !== null && Number(cpId) !== order.courierPartnerId) {
    return now(json(200, answers.meta(302, `Invalid cp_id: ${cpId} is not the courier of AWB ${waybill}`, false)));
  }
  if (order.scenario.cancel === 'accepted_always') {
    order.state = 'cancelled';
    return now(json(200, answers.cancelAccepted(waybill)));
  }
  if (order.state === 'cancelled') return now(json(200, answers.meta(600, answers.errorMessageFor(600), false, { waybill })));
  order.state = 'cancelled';
  if (order.scenario.cancel === 'accepted') return now(json(200, answers.cancelAccepted(waybill)));
  return now(json(200, answers.meta(200, 'Order cancelled successfully', true, { waybill })));
}
