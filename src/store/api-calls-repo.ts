/** Every ClickPost call try (retries included), secrets already removed by the transport. */
import type { ApiCallRecord } from '../transport/types.js';
import { toApiCallRow } from './map-rows.js';
import { API_CALL_COLUMNS, type ApiCallRow, type Queryable } from './rows.js';
import { chunksOf, rowsPerInsert } from './sql/chunks.js';

const ROWS_PER_INSERT = rowsPerInsert(Object.keys(API_CALL_COLUMNS).length - 1);

/** Many tries in one statement (more only past ROWS_PER_INSERT): the rows of a group commit. */
export async function insertApiCalls(q: Queryable, calls: readonly ApiCallRecord[]): Promise<void> {
  for (const chunk of chunksOf(calls, ROWS_PER_INSERT)) await q('api_calls').insert(chunk);
}

/** One try, written at once (a call outside the worker's effects). */
export async function insertApiCall(q: Queryable, call: ApiCallRecord): Promise<void> {
  await insertApiCalls(q, [call]);
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
