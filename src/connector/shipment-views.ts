/** The host's view of shipments, read from the rows: one, a page, and the page cursor. */
import type { Db } from '../store/db.js';
import { findShipmentByCode, findShipmentById, listShipments } from '../store/shipments-repo.js';
import { listBoxesOf } from '../store/boxes-repo.js';
import { listAttemptsOf } from '../store/attempts-repo.js';
import type { ShipmentRow } from '../store/rows.js';
import { shipmentView, type ShipmentView } from '../views/shipment-view.js';
import { NotFoundError, ValidationError } from '../errors.js';

export interface ListQuery {
  status?: string;
  limit?: number;
  after?: string | null;
}

export interface ListAnswer {
  items: ShipmentView[];
  next_cursor: string | null;
}

export function shipmentViews(db: Db) {
  /** Views of several rows with two queries in all, not two per shipment. */
  async function views(rows: ShipmentRow[]): Promise<ShipmentView[]> {
    const ids = rows.map((r) => r.id);
    const [boxes, attempts] = await Promise.all([listBoxesOf(db, ids), listAttemptsOf(db, ids)]);
    return rows.map((r) => shipmentView(r, boxes.filter((b) => b.shipment_id === r.id), attempts.filter((a) => a.shipment_id === r.id)));
  }

  async function byId(shipmentId: number): Promise<ShipmentView> {
    const row = await findShipmentById(db, shipmentId);
    if (!row) throw new NotFoundError('shipment');
    return (await views([row]))[0]!;
  }

  async function rowByCode(code: string): Promise<ShipmentRow> {
    const row = await findShipmentByCode(db, code);
    if (!row) throw new NotFoundError(`shipment ${code}`);
    return row;
  }

  /** Newest first; `after` is the opaque cursor of the previous page. */
  async function list(query: ListQuery = {}): Promise<ListAnswer> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const after = query.after ? readCursor(query.after) : undefined;
    const rows = await listShipments(db, { status: query.status, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: await views(page), next_cursor: rows.length > limit && last ? cursorAfter(last) : null };
  }

  return { byId, rowByCode, list };
}

export type ShipmentViews = ReturnType<typeof shipmentViews>;

/** The cursor is the last row's id, opaque to the host. */
function cursorAfter(row: ShipmentRow): string {
  return Buffer.from(String(row.id)).toString('base64url');
}

function readCursor(cursor: string): number {
  const after = Number.parseInt(Buffer.from(cursor, 'base64url').toString(), 10);
  if (!Number.isFinite(after)) throw new ValidationError('invalid_query', [{ path: 'after', message: 'is not a cursor this service gave' }]);
  return after;
}
