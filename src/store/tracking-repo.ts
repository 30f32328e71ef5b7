/**
 * Tracking events from webhooks and polls, deduplicated by dedupe_key (ClickPost's
 * order_status_id, or waybill + status code + timestamp). Ordered by the event's own
 * time, never by arrival.
 */
import { jsonText, toTrackingRow } from './map-rows.js';
import type { Queryable, TrackingRow } from './rows.js';

type OptionalColumns = 'ndr_code' | 'ndr_description' | 'notification_event_id';

/** A tracking row before it has an id; `raw` is stored as JSON text; the NDR columns may be left out (null). */
export type InsertTrackingEventArgs = Omit<TrackingRow, 'id' | OptionalColumns> & Partial<Pick<TrackingRow, OptionalColumns>>;

/** False when an event with this dedupe_key is already stored (nothing written). */
export async function insertTrackingEvent(q: Queryable, event: InsertTrackingEventArgs): Promise<boolean> {
  const rows: unknown[] = await q('tracking_events')
    .insert({ ...event, raw: jsonText(event.raw) })
    .onConflict('dedupe_key')
    .ignore()
    .returning('id');
  return rows.length > 0;
}

/** Oldest first by event_time, then id. */
export async function listTrackingEvents(
  q: Queryable,
  filter: { shipment_id?: number; awb?: string } = {},
): Promise<TrackingRow[]> {
  const query = q('tracking_events');
  if (filter.shipment_id !== undefined) query.where('shipment_id', filter.shipment_id);
  if (filter.awb !== undefined) query.where('awb', filter.awb);
  const rows = await query.orderBy([{ column: 'event_time' }, { column: 'id' }]);
  return rows.map(toTrackingRow);
}

/** The event with the newest event_time, whatever order they arrived in. */
export async function latestTrackingEvent(q: Queryable, shipment_id: number): Promise<TrackingRow | null> {
  const row = await q('tracking_events')
    .where({ shipment_id })
    .orderBy([{ column: 'event_time', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first();
  return row ? toTrackingRow(row) : null;
}
