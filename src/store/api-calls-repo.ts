/** Every ClickPost call try (retries included), secrets already removed by the transport. */
import type { ApiCallRecord } from '../transport/types.js';
import { toApiCallRow } from './map-rows.js';
import type { ApiCallRow, Queryable } from './rows.js';

export async function insertApiCall(q: Queryable, call: ApiCallRecord): Promise<void> {
  await q('api_calls').insert({ ...call });
}

/** Failed tries with created_at in [from_ms, to_ms), oldest first: the day report. */
export async function listFailedApiCalls(
  q: Queryable,
  { from_ms, to_ms }: { from_ms: number; to_ms: number },
): Promise<ApiCallRow[]> {
  const rows = await q('api_calls')
    .where('failed', true)
    .andWhere('created_at', '>=', from_ms)
    .andWhere('created_at', '<', to_ms)
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(toApiCallRow);
}

/** Oldest first (id order), filtered by shipment and/or reference. */
export async function listApiCalls(
  q: Queryable,
  filter: { shipment_id?: number; reference_number?: string } = {},
): Promise<ApiCallRow[]> {
  const query = q('api_calls');
  if (filter.shipment_id !== undefined) query.where('shipment_id', filter.shipment_id);
  if (filter.reference_number !== undefined) query.where('reference_number', filter.reference_number);
  const rows = await query.orderBy('id');
  return rows.map(toApiCallRow);
}
