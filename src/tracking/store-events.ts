/**
 * The one insert path for tracking events, webhook and poll alike. Runs inside the
 * caller's write transaction: find the shipment by AWB, insert (dedupe_key unique, a
 * duplicate changes nothing), flag stale events, and when an inserted event is now the
 * shipment's newest by its own time, call onLatestChanged in the same transaction, so
 * the event and whatever the hook writes commit or roll back together.
 */
import type { TrackingEvent } from '../clickpost/tracking-event.js';
import type { Logger } from '../logger.js';
import type { Tx } from '../store/db.js';
import { insertTrackingEvents, latestTrackingEvents, type InsertTrackingEventArgs } from '../store/tracking-repo.js';
import { isStale, toEventView } from './event-view.js';
import { findShipmentsByAwbs, type ShipmentRef } from './tracking-queries.js';
import type { TrackingHooks, TrackingSource } from './types.js';

export interface StoreContext {
  source: TrackingSource;
  now: number;
  hooks: TrackingHooks;
  logger: Logger;
}

export interface StoredEvent {
  dedupe_key: string;
  stored: boolean;
  duplicate: boolean;
  stale: boolean;
  shipment: ShipmentRef | null;
}

function rowOf(event: TrackingEvent, shipment: ShipmentRef | null, ctx: StoreContext): InsertTrackingEventArgs {
  return {
    shipment_id: shipment?.id ?? null,
    awb: event.awb,
    dedupe_key: event.dedupe_key,
    status_code: event.status_code,
    status_description: event.status_description,
    bucket: event.bucket,
    status: event.status,
    location: event.location,
    remark: event.remark,
    event_time: event.timestamp_ms,
    received_at: ctx.now,
    stale: isStale(event.timestamp_ms, ctx.now),
    source: ctx.source,
    raw: event.raw,
    ndr_code: event.ndr?.code ?? null,
    ndr_description: event.ndr?.description ?? null,
    notification_event_id: event.notification_event_id,
  };
}

/**
 * After the inserts: a shipment's newest event that was inserted just now means its
 * latest changed (an older event arriving late leaves an older row newest). One hook
 * call per shipment, with the final latest, however many events came in.
 */
async function announceLatest(trx: Tx, results: readonly StoredEvent[], ctx: StoreContext): Promise<void> {
  const onLatestChanged = ctx.hooks.onLatestChanged;
  if (!onLatestChanged) return;
  const inserted = new Map<number, { shipment: ShipmentRef; keys: Set<string> }>();
  for (const r of results) {
    if (!r.stored || !r.shipment) continue;
    const entry = inserted.get(r.shipment.id) ?? { shipment: r.shipment, keys: new Set<string>() };
    entry.keys.add(r.dedupe_key);
    inserted.set(r.shipment.id, entry);
  }
  const latest = await latestTrackingEvents(trx, [...inserted.keys()]);
  for (const { shipment, keys } of inserted.values()) {
    const newest = latest.get(shipment.id);
    if (!newest || !keys.has(newest.dedupe_key)) continue;
    await onLatestChanged(trx, { shipment_id: shipment.id, shipment_code: shipment.shipment_code, awb: newest.awb, event: toEventView(newest) }, ctx.now);
  }
}

/**
 * Stores events (any AWBs) in the caller's transaction; one result per event, in order.
 * Set-based: the shipments of every AWB in two lookups, the events in one insert, the
 * shipments' newest events in one query, so a batch of webhooks costs a few statements.
 */
export async function storeTrackingEvents(trx: Tx, events: readonly TrackingEvent[], ctx: StoreContext): Promise<StoredEvent[]> {
  const shipments = await findShipmentsByAwbs(trx, [...new Set(events.map((e) => e.awb))]);
  const rows = events.map((event) => rowOf(event, shipments.get(event.awb) ?? null, ctx));
  const inserted = await insertTrackingEvents(trx, rows);
  const claimed = new Set<string>(); // an event sent twice in one batch is stored once, for the first
  const results = rows.map((row): StoredEvent => {
    const stored = inserted.has(row.dedupe_key) && !claimed.has(row.dedupe_key);
    if (stored) claimed.add(row.dedupe_key);
    return { dedupe_key: row.dedupe_key, stored, duplicate: !stored, stale: row.stale, shipment: shipments.get(row.awb) ?? null };
  });
  for (const [awb, shipment] of shipments) {
    // Still answered 200 so ClickPost stops retrying; kept for when the AWB shows up.
    if (!shipment) ctx.logger.warn('tracking event for an AWB of no shipment', { awb, source: ctx.source });
  }
  await announceLatest(trx, results, ctx);
  return results;
}
