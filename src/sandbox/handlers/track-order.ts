/**
 * GET /api/v2/track-order/?waybill=A,B&cp_id: one record per requested AWB, keyed by
 * the AWB, in the format of 004_39a0c313dd341662.txt; unknown AWBs are valid:false.
 */
import * as answers from '../answers.js';
import { now, type Plan, type SandboxContext, type SandboxRequest } from '../context.js';
import { json } from '../http-io.js';
import { trackingRecord } from '../tracking.js';

export function handleTrackOrder(ctx: SandboxContext, req: SandboxRequest): Plan {
  const awbs = (req.query.get('waybill') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (awbs.length === 0) return now(json(200, answers.meta(328, 'Invalid GET data: waybill is required', false)));
  const result: Record<string, unknown> = {};
  for (const awb of awbs) result[awb] = trackingRecord(ctx.ledger, awb);
  return now(json(200, answers.meta(200, 'SUCCESS', true, result)));
}
