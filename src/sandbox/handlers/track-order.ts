/**
 * GET /api/v2/track-order/?waybill=A,B&cp_id: one record per requested AWB, keyed by
 * the AWB, in the format of 004_39a0c313dd341662.txt; unknown AWBs are valid:false.
 * More than 5 waybills is refused as ClickPost documents the limit (docs.clickpost.ai
 * "tracking-shipment-using-polling": "upto 5"): HTTP 200 with meta.status 400, ClickPost's
 * bad-request status (004: "400 in case of a bad request"); its exact code is unknown.
 */
import * as answers from '../answers.js';
import { now, type Plan, type SandboxContext, type SandboxRequest } from '../context.js';
import { json } from '../http-io.js';
import { trackingRecord } from '../tracking.js';

export const MAX_WAYBILLS = 5;

export function handleTrackOrder(ctx: SandboxContext, req: SandboxRequest): Plan {
  const awbs = (req.query.get('waybill') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (awbs.length === 0) return now(json(200, answers.meta(328, 'Invalid GET data: waybill is required', false)));
  if (awbs.length > MAX_WAYBILLS) {
    return now(json(200, answers.meta(400, `A maximum of ${MAX_WAYBILLS} waybills is allowed per request, got ${awbs.length}`, false)));
  }
  const result: Record<string, unknown> = {};
  for (const awb of awbs) result[awb] = trackingRecord(ctx.ledger, awb);
  return now(json(200, answers.meta(200, 'SUCCESS', true, result)));
}
