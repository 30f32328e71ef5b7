/**
 * GET /api/v1/fetch-shipment-count/?start-date&end-date: how many orders with an AWB the
 * sandbox registered on those India days (by when the order was placed). The real answer's
 * shape is undocumented; the sandbox answers `result: { count }`.
 */
import * as answers from '../answers.js';
import { now, type Plan, type SandboxContext, type SandboxRequest } from '../context.js';
import { json } from '../http-io.js';
import { indiaDate } from '../../clickpost/units.js';

export function handleShipmentCount(ctx: SandboxContext, req: SandboxRequest): Plan {
  const from = req.query.get('start-date');
  const to = req.query.get('end-date') ?? from;
  if (!from || !to) return now(json(200, answers.meta(328, 'Invalid GET data: start-date is required', false)));
  const count = ctx.ledger.orders().filter((o) => o.waybill !== null && indiaDate(o.createdAt) >= from && indiaDate(o.createdAt) <= to).length;
  return now(json(200, answers.meta(200, 'SUCCESS', true, { count })));
}
