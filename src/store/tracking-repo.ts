/**
 * Tracking events from webhooks and polls, deduplicated by dedupe_key (ClickPost's
 * order_status_id, or waybill + status code + timestamp). Ordered by the event's own
 * time, never by arrival.
 */
import { jsonText, toTrackingRow } from './map-rows.js';
import { TRACKING_COLUMNS, type Queryable, type TrackingRow } from './rows.js';
import { chunksOf, rowsPerInsert } from './sql/chunks.js';
import { rawRows } from './sql/raw-rows.js';

type OptionalColumns = 'ndr_code' | 'ndr_description' | 'notification_event_id';

/** A tracking row before it has an id; `raw` is stored as JSON text; the NDR columns may be left out (null). */
export type InsertTrackingEventArgs = Omit<TrackingRow, 'id' | OptionalColumns> & Partial<Pick<TrackingRow, OptionalColumns>>;

const ROWS_PER_INSERT = rowsPerInsert(Object.keys(TRACKING_COLUMNS).length - 1);

/**
 * Inserts events in one statement (more only past ROWS_PER_INSERT); an event whose
 * dedupe_key is stored already (or comes earlier in `events`) is not written. The
 * dedupe_keys that were inserted.
 */
export async function insertTrackingEvents(q: Queryable, events: readonly InsertTrackingEventArgs[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  const seen = new Set<string>();
  const unique = events.filter((e) => !seen.has(e.dedupe_key) && seen.add(e.dedupe_key));
  for (const chunk of chunksOf(unique, ROWS_PER_INSERT)) {
    const rows: Array<{ dedupe_key: string }> = await q('tracking_events')
      .insert(chunk.map((e) => ({ ...e, raw: jsonText(e.raw) })))
      .onConflict('dedupe_key')
      .ignore()
      .returning('dedupe_key');
    for (const r of rows) inserted.add(r.dedupe_key);
  }
  return inserted;
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

/** Shipments per latest-event statement. */
const LATEST_CHUNK = 200;

/**
 * Each shipment's event with the newest event_time (then the highest id), whatever order
 * they arrived in: one statement per 200 shipments, one index seek on (shipment_id,
 * event_time) per shipment (a window over all their events would read every event).
 */
export async function latestTrackingEvents(q: Queryable, shipmentIds: readonly number[]): Promise<Map<number, TrackingRow>> {
  const latest = new Map<number, TrackingRow>();
  for (const ids of chunksOf(shipmentIds, LATEST_CHUNK)) {
    const rows = await rawRows(
      q,
      `with s(sid) as (values ${ids.map(() => '(cast(? as integer))').join(', ')})
select t.* from tracking_events t where t.id in (
select (select x.id from tracking_events x where x.shipment_id = s.sid order by x.event_time desc, x.id desc limit 1) from s)`,
      ids,
    );
    for (const row of rows) {
      const event = toTrackingRow(row);
      latest.set(event.shipment_id!, event);
    }
  }
  return latest;
}
