/**
 * Daily reconciliation (ClickPost's integration guidelines: match yesterday's registered
 * shipments against your own records): ClickPost's count of one India day against the
 * connector's bookings of that day, with the connector's AWBs so someone can find what is
 * missing on either side.
 */
import type { ShipmentCountResult } from '../clickpost/shipment-count.js';
import type { Queryable } from '../store/rows.js';
import type { DayWindow } from './india-day.js';

export interface Reconciliation {
  date: string;
  /** null when ClickPost could not be asked or read (`error` says why). */
  clickpost_count: number | null;
  connector_count: number;
  /** ClickPost's count minus the connector's; null without ClickPost's. */
  difference: number | null;
  /** Parent AWBs the connector booked that day. */
  connector_awbs: string[];
  error?: string;
}

/** Parent AWBs of the attempts that ended BOOKED in the window. */
export async function bookedAwbsIn(q: Queryable, w: DayWindow): Promise<string[]> {
  const rows: Array<{ parent_awb: string | null }> = await q('attempts')
    .where('outcome', 'BOOKED')
    .andWhere('ended_at', '>=', w.from_ms)
    .andWhere('ended_at', '<', w.to_ms)
    .orderBy('ended_at')
    .select('parent_awb');
  return rows.flatMap((r) => (r.parent_awb ? [r.parent_awb] : []));
}

export async function reconcileDay(q: Queryable, date: string, window: DayWindow, clickpost: ShipmentCountResult): Promise<Reconciliation> {
  const awbs = await bookedAwbsIn(q, window);
  const base = { date, connector_count: awbs.length, connector_awbs: awbs };
  if (!clickpost.ok) return { ...base, clickpost_count: null, difference: null, error: clickpost.error };
  return { ...base, clickpost_count: clickpost.count, difference: clickpost.count - awbs.length };
}
