/** GET /api/v1/fetch/shippinglabel/?waybill&cp_id: `result.shipping_label` is the label URL. */
import * as answers from '../answers.js';
import { now, type Plan, type SandboxContext, type SandboxRequest } from '../context.js';
import { json } from '../http-io.js';

export function handleFetchLabel(ctx: SandboxContext, req: SandboxRequest): Plan {
  const waybill = req.query.get('waybill');
  if (!waybill) return now(json(200, answers.meta(328, 'Invalid GET data: waybill is required', false)));
  const found = ctx.ledger.findByWaybill(waybill);
  if (!found) return now(json(200, answers.notFound(`AWB ${waybill}`)));
  const { order, childIndex } = found;
  // A child without its own label is covered by the parent's.
  const label = childIndex === null ? order.label : (order.children[childIndex]?.label ?? order.label);
  return now(json(200, answers.meta(200, 'SUCCESS', true, { waybill, shipping_label: label })));
}
