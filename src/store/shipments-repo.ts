/**
 * Shipments: one row per host shipment_code, carrying the persisted machine snapshot.
 * A step loads write-first (lockShipmentForStep) and saves with an optimistic version
 * check (saveShipmentStep), so two steps of one shipment can never both commit.
 */
import { shipmentValues, toShipmentRow } from './map-rows.js';
import { SHIPMENT_STEP_COLUMNS, type Queryable, type ShipmentRow, type ShipmentStepColumns } from './rows.js';
import { rawRows, type Binding } from './sql/raw-rows.js';

export type InsertShipmentArgs = Pick<ShipmentRow, 'shipment_code' | 'status' | 'body' | 'body_hash' | 'snapshot' | 'settings'> & { now: number };

/** The row of a new shipment, as the column list writes it. */
function newShipmentRow(args: InsertShipmentArgs) {
  const { now, ...fields } = args;
  return shipmentValues({ ...fields, version: 0, created_at: now, updated_at: now });
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
  // No stored code holds a NUL byte (the validator refuses it), and PostgreSQL cannot even compare one.
  if (code.includes('\u0000')) return null;
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

/** The step's columns (rows.ts SHIPMENT_STEP_COLUMNS), the new snapshot, and the version it was loaded at. */
export type SaveShipmentStepArgs = ShipmentStepColumns & {
  shipment_id: number;
  expected_version: number;
  snapshot: unknown;
  now: number;
};

/** The columns a step writes, in the order of SAVE_STEP_SQL's bindings. */
const SAVE_STEP_COLUMNS = [...SHIPMENT_STEP_COLUMNS, 'snapshot', 'stuck', 'updated_at'] as const;

// The hottest statement of the engine (every step), written once rather than built by the
// query builder per call (its compile was a tenth of a loaded node's time).
const SAVE_STEP_SQL = `update shipments set ${SAVE_STEP_COLUMNS.map((c) => `${c} = ?`).join(', ')}, version = version + 1
where id = ? and version = ?
returning id`;

/** Saves a step and bumps version; false (nothing written) when expected_version is stale. */
export async function saveShipmentStep(trx: Queryable, args: SaveShipmentStepArgs): Promise<boolean> {
  const { shipment_id, expected_version, now, ...columns } = args;
  // A step went through: whatever parked work said the shipment was stuck is behind it.
  const values = shipmentValues({ ...columns, stuck: null, updated_at: now });
  const rows = await rawRows(trx, SAVE_STEP_SQL, [...SAVE_STEP_COLUMNS.map((c) => (values[c] ?? null) as Binding), shipment_id, expected_version]);
  return rows.length > 0;
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
