/**
 * Shipments: one row per host shipment_code, carrying the persisted machine snapshot.
 * A step loads write-first (lockShipmentForStep) and saves with an optimistic version
 * check (saveShipmentStep), so two steps of one shipment can never both commit.
 */
import { jsonText, toShipmentRow } from './map-rows.js';
import type { Queryable, ShipmentRow } from './rows.js';

export interface InsertShipmentArgs {
  shipment_code: string;
  status: string;
  body: unknown;
  body_hash: string;
  snapshot: unknown;
  settings: unknown;
  now: number;
}

function newShipmentRow(args: InsertShipmentArgs) {
  return {
    shipment_code: args.shipment_code,
    status: args.status,
    body: JSON.stringify(args.body),
    body_hash: args.body_hash,
    snapshot: JSON.stringify(args.snapshot),
    version: 0,
    settings: jsonText(args.settings),
    created_at: args.now,
    updated_at: args.now,
  };
}

/** The new id. A duplicate shipment_code throws (unique constraint). */
export async function insertShipment(q: Queryable, args: InsertShipmentArgs): Promise<number> {
  const rows: Array<{ id: unknown }> = await q('shipments').insert(newShipmentRow(args)).returning('id');
  return Number(rows[0]!.id);
}

/**
 * The new id, or null when the shipment_code exists already (nothing written): one
 * statement for a new shipment, where looking first would cost a read every time.
 */
export async function insertShipmentIfNew(q: Queryable, args: InsertShipmentArgs): Promise<number | null> {
  const rows: Array<{ id: unknown }> = await q('shipments').insert(newShipmentRow(args)).onConflict('shipment_code').ignore().returning('id');
  return rows.length > 0 ? Number(rows[0]!.id) : null;
}

export async function findShipmentByCode(q: Queryable, code: string): Promise<ShipmentRow | null> {
  const row = await q('shipments').where({ shipment_code: code }).first();
  return row ? toShipmentRow(row) : null;
}

export async function findShipmentById(q: Queryable, id: number): Promise<ShipmentRow | null> {
  const row = await q('shipments').where({ id }).first();
  return row ? toShipmentRow(row) : null;
}

/**
 * Write-first load for a step: touching the row takes the SQLite write lock and the
 * PostgreSQL row lock before the snapshot is read, so the snapshot cannot go stale
 * inside the transaction. Null when the shipment does not exist.
 */
export async function lockShipmentForStep(
  trx: Queryable,
  { shipment_id, now }: { shipment_id: number; now: number },
): Promise<ShipmentRow | null> {
  const rows: Record<string, unknown>[] = await trx('shipments')
    .where({ id: shipment_id })
    .update({ updated_at: now })
    .returning('*');
  return rows.length > 0 ? toShipmentRow(rows[0]!) : null;
}

export interface SaveShipmentStepArgs {
  shipment_id: number;
  expected_version: number;
  snapshot: unknown;
  status: string;
  provider_priority: number | null;
  parent_awb: string | null;
  label_url: string | null;
  pickup_time: string | null;
  appointment_date: string | null;
  error: unknown;
  now: number;
}

/** Saves a step and bumps version; false (nothing written) when expected_version is stale. */
export async function saveShipmentStep(trx: Queryable, args: SaveShipmentStepArgs): Promise<boolean> {
  const changed = await trx('shipments')
    .where({ id: args.shipment_id, version: args.expected_version })
    .update({
      snapshot: JSON.stringify(args.snapshot),
      status: args.status,
      provider_priority: args.provider_priority,
      parent_awb: args.parent_awb,
      label_url: args.label_url,
      pickup_time: args.pickup_time,
      appointment_date: args.appointment_date,
      error: jsonText(args.error),
      updated_at: args.now,
      version: trx.raw('version + 1'),
    });
  return changed > 0;
}

export interface ListShipmentsArgs {
  status?: string;
  limit: number;
  /** Id cursor: only shipments with a smaller id (the last id of the previous page). */
  after?: number;
}

/** Newest first (id desc). */
export async function listShipments(q: Queryable, args: ListShipmentsArgs): Promise<ShipmentRow[]> {
  const query = q('shipments');
  if (args.status !== undefined) query.where('status', args.status);
  if (args.after !== undefined) query.where('id', '<', args.after);
  const rows = await query.orderBy('id', 'desc').limit(args.limit);
  return rows.map(toShipmentRow);
}

export async function countShipmentsByStatus(q: Queryable): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: unknown }> = await q('shipments')
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
