/**
 * Read-only counts the failure report reconciles against. Bounds are bound from the
 * caller's window (never `now()` in SQL) so both databases agree.
 */
import { countRows } from '../store/count-rows.js';
import type { Queryable } from '../store/rows.js';
import { parseJson } from '../store/db.js';
import type { DayWindow } from './india-day.js';


/** Every ClickPost try recorded in the window, retries included. */
export function countApiCallsIn(q: Queryable, w: DayWindow): Promise<number> {
  return countRows(q('api_calls').where('created_at', '>=', w.from_ms).andWhere('created_at', '<', w.to_ms).count({ n: '*' }));
}

/** Shipments the host scheduled in the window. */
export function countShipmentsCreatedIn(q: Queryable, w: DayWindow): Promise<number> {
  return countRows(q('shipments').where('created_at', '>=', w.from_ms).andWhere('created_at', '<', w.to_ms).count({ n: '*' }));
}

/** Attempts that ended BOOKED in the window. */
export function countAttemptsBookedIn(q: Queryable, w: DayWindow): Promise<number> {
  return countRows(
    q('attempts').where('outcome', 'BOOKED').andWhere('ended_at', '>=', w.from_ms).andWhere('ended_at', '<', w.to_ms).count({ n: '*' }),
  );
}

/** shipment id -> shipment_code for the given ids (missing ids are left out). */
export async function shipmentCodesByIds(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<number, string>();
  // Chunks keep the `in (...)` list under SQLite's bound-parameter limit on busy days.
  for (let i = 0; i < unique.length; i += 500) {
    const rows: Array<{ id: unknown; shipment_code: string }> = await q('shipments').whereIn('id', unique.slice(i, i + 500)).select('id', 'shipment_code');
    for (const r of rows) out.set(Number(r.id), r.shipment_code);
  }
  return out;
}

/** A cancel ClickPost accepted (202) and never confirmed in its 24 hours of checks. */
export interface UnconfirmedCancel {
  shipment_code: string;
  parent_awb: string | null;
  message: string | null;
}

/**
 * CANCELLED shipments whose last step (the last confirmation check) fell in the window and
 * left the cancel unconfirmed. The flag lives in the machine snapshot, read here.
 */
export async function unconfirmedCancelsIn(q: Queryable, w: DayWindow): Promise<UnconfirmedCancel[]> {
  const rows: Array<{ shipment_code: string; parent_awb: string | null; snapshot: unknown }> = await q('shipments')
    .where('status', 'CANCELLED')
    .andWhere('updated_at', '>=', w.from_ms)
    .andWhere('updated_at', '<', w.to_ms)
    .select('shipment_code', 'parent_awb', 'snapshot');
  return rows.flatMap((r) => {
    const snapshot = parseJson<{ context?: { cancel?: { unconfirmed?: boolean; message?: string | null } | null } }>(r.snapshot);
    const cancel = snapshot.context?.cancel;
    return cancel?.unconfirmed ? [{ shipment_code: r.shipment_code, parent_awb: r.parent_awb, message: cancel.message ?? null }] : [];
  });
}
