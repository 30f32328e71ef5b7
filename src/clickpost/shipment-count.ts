/**
 * Fetch daily shipment count: GET /api/v1/fetch-shipment-count/?key&start-date&end-date
 * (003, "Fetch Daily Shipment Count": the count of shipments created/registered date-wise).
 * The answer's shape is not documented (ASSUMPTIONS.md R3): the count is read from the
 * places a date-wise count can be, and anything else is reported, never guessed.
 */
import type { ClickPostRequest, ClickPostResponse } from '../transport/types.js';
import { classificationOf, failureFromTransport, isSuccess, readMetaAnswer } from './classify.js';
import { asArray, asInt, asObject } from './read.js';

export const SHIPMENT_COUNT_PATH = '/api/v1/fetch-shipment-count/';

export type ShipmentCountResult = { ok: true; count: number } | { ok: false; error: string };

/** One India day, YYYY-MM-DD. */
export function toShipmentCountRequest(date: string): ClickPostRequest {
  return { endpoint: 'shipment-count', method: 'GET', path: SHIPMENT_COUNT_PATH, query: { 'start-date': date, 'end-date': date }, read: readMetaAnswer };
}

/** A count in `result`: a number, `{ count | total | shipment_count }`, `{ <date>: n }`, or `[{ date, count }]`. */
export function countIn(result: unknown, date: string): number | null {
  const direct = asInt(result);
  if (direct !== null) return direct;
  const list = asArray(result);
  if (list) {
    const entry = list.map(asObject).find((e) => e !== null && (e.date === date || list.length === 1));
    return entry ? countIn(entry, date) : null;
  }
  const obj = asObject(result);
  if (!obj) return null;
  for (const key of ['count', 'total', 'shipment_count', date]) {
    const value = key === date ? countIn(obj[key], date) : asInt(obj[key]);
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

export function parseShipmentCountResponse(response: ClickPostResponse, date: string): ShipmentCountResult {
  if (!response.ok) return { ok: false, error: failureFromTransport(response).message };
  const c = classificationOf(response);
  if (!isSuccess(c)) return { ok: false, error: c.message ?? `ClickPost meta.status ${c.meta_status}` };
  const count = countIn(asObject(response.body)?.result, date);
  return count === null ? { ok: false, error: 'ClickPost answered without a count this connector can read' } : { ok: true, count };
}
