/**
 * The reads tracking needs that the store repositories do not offer: a shipment by any
 * of its AWBs, a shipment's events including ones stored before the AWB was known, and
 * the open shipments the daily poll visits.
 */
import { toShipmentRow, toTrackingRow } from '../store/map-rows.js';
import { chunksOf } from '../store/sql/chunks.js';
import type { Queryable, ShipmentRow, TrackingRow } from '../store/rows.js';
import type { ShipmentStatus } from '../../machines/shipment.machine.js';

const BOOKED: ShipmentStatus = 'BOOKED';

export interface ShipmentRef {
  id: number;
  shipment_code: string;
}

function toRef(row: { id: unknown; shipment_code: unknown } | undefined): ShipmentRef | null {
  return row ? { id: Number(row.id), shipment_code: String(row.shipment_code) } : null;
}

/** AWBs per lookup statement. */
const LOOKUP_CHUNK = 500;

/**
 * For each AWB, the shipment whose parent AWB, else one of whose box child AWBs, it is
 * (newest wins), or null: two statements per 500 AWBs, however many.
 */
export async function findShipmentsByAwbs(q: Queryable, awbs: readonly string[]): Promise<Map<string, ShipmentRef | null>> {
  const found = new Map<string, ShipmentRef | null>(awbs.map((awb) => [awb, null]));
  const keepNewest = (awb: string, row: { id: unknown; shipment_code: unknown }) => {
    const seen = found.get(awb);
    if (!seen || Number(row.id) > seen.id) found.set(awb, toRef(row));
  };
  for (const chunk of chunksOf(awbs, LOOKUP_CHUNK)) {
    const parents = await q('shipments').select('id', 'shipment_code', 'parent_awb').whereIn('parent_awb', chunk);
    for (const row of parents) keepNewest(String(row.parent_awb), row);
  }
  for (const chunk of chunksOf(awbs.filter((awb) => found.get(awb) === null), LOOKUP_CHUNK)) {
    const children = await q('boxes as b').join('shipments as s', 's.id', 'b.shipment_id').select('s.id', 's.shipment_code', 'b.child_awb').whereIn('b.child_awb', chunk);
    for (const row of children) keepNewest(String(row.child_awb), row);
  }
  return found;
}

/** Every AWB of a shipment: the parent first, then the boxes' child AWBs in box order. */
export async function awbsOfShipment(q: Queryable, shipment: Pick<ShipmentRow, 'id' | 'parent_awb'>): Promise<string[]> {
  const boxes: Array<{ child_awb: string | null }> = await q('boxes').select('child_awb').where({ shipment_id: shipment.id }).orderBy('position');
  const all = [shipment.parent_awb, ...boxes.map((b) => b.child_awb)].filter((a): a is string => typeof a === 'string' && a !== '');
  return [...new Set(all)];
}

/**
 * Events of a shipment oldest first (event time, then id): its own, plus events stored
 * with no shipment for one of its AWBs (a webhook that beat the booking's commit).
 */
export async function listShipmentEvents(q: Queryable, shipmentId: number, awbs: string[]): Promise<TrackingRow[]> {
  const rows = await q('tracking_events')
    .where((w) => {
      w.where('shipment_id', shipmentId);
      if (awbs.length > 0) w.orWhere((o) => o.whereNull('shipment_id').whereIn('awb', awbs));
    })
    .orderBy([{ column: 'event_time' }, { column: 'id' }]);
  return rows.map(toTrackingRow);
}

export interface BookedShipment {
  shipment: ShipmentRow;
  /** Bucket of the shipment's newest event; null when it has none or its code is unknown. */
  latest_bucket: number | null;
}

/** Booked shipments with a parent AWB, each with the bucket of its newest event, by id. */
export async function listBookedShipments(q: Queryable): Promise<BookedShipment[]> {
  const newestBucket = q('tracking_events as t')
    .select('t.bucket')
    .whereRaw('t.shipment_id = s.id')
    .orderBy([{ column: 't.event_time', order: 'desc' }, { column: 't.id', order: 'desc' }])
    .limit(1)
    .as('latest_bucket');
  const rows: Record<string, unknown>[] = await q('shipments as s')
    .select('s.*', newestBucket)
    .where('s.status', BOOKED)
    .whereNotNull('s.parent_awb')
    .orderBy('s.id');
  return rows.map((r) => ({
    shipment: toShipmentRow(r),
    latest_bucket: r.latest_bucket === null || r.latest_bucket === undefined ? null : Number(r.latest_bucket),
  }));
}
