/**
 * The board's answer: one page of shipments under the filters, counts per status, the
 * total and whether anything shown still moves (the page then asks again in a few seconds).
 */
import { countBoardByStatus, listBoardPage, type BoardFilter } from '../store/board-queries.js';
import { listBoxesOf } from '../store/boxes-repo.js';
import { listAttemptsOf } from '../store/attempts-repo.js';
import { indiaDayWindow, type DayWindow } from '../reports/india-day.js';
import { ValidationError } from '../errors.js';
import { shipmentView } from '../views/shipment-view.js';
import type { ShipmentRow, BoxRow, AttemptRow } from '../store/rows.js';
import type { BoardAnswer, BoardQuery, BoardRow } from '../http/schemas/ops.js';
import type { Db } from '../store/db.js';
import { accountName, bookedCourierName, isMoving } from './courier.js';

export const DEFAULT_PAGE_SIZE = 20;

/** Every wrong day named by its own field (from, to), not by the window helper's. */
function dayWindows(query: BoardQuery): { from?: DayWindow; to?: DayWindow } {
  const out: { from?: DayWindow; to?: DayWindow } = {};
  const wrong: Array<{ path: string; message: string }> = [];
  for (const key of ['from', 'to'] as const) {
    const day = query[key];
    if (!day) continue;
    try {
      out[key] = indiaDayWindow(day);
    } catch {
      wrong.push({ path: key, message: 'must be a calendar date YYYY-MM-DD (India day)' });
    }
  }
  if (wrong.length > 0) throw new ValidationError('invalid_query', wrong);
  return out;
}

function filterOf(query: BoardQuery): BoardFilter {
  const filter: BoardFilter = {};
  if (query.q?.trim()) filter.text = query.q.trim();
  const days = dayWindows(query);
  if (days.from) filter.from_ms = days.from.from_ms;
  if (days.to) filter.to_ms = days.to.to_ms;
  return filter;
}

function boardRow(row: ShipmentRow, boxes: BoxRow[], attempts: AttemptRow[]): BoardRow {
  const view = shipmentView(row, boxes, attempts);
  const current = view.provider ?? view.attempts[view.attempts.length - 1] ?? null;
  return {
    shipment_code: view.shipment_code,
    status: view.status,
    courier: bookedCourierName(row) ?? (current ? accountName(current.courier_partner_id, current.account_code) : null),
    parent_awb: view.parent_awb,
    child_awbs: view.boxes.map((b) => b.child_awb).filter((a): a is string => a !== null),
    boxes: view.boxes.length,
    attempts: view.attempts.map((a) => ({ priority: a.priority, courier: accountName(a.courier_partner_id, a.account_code), outcome: a.outcome, polls: a.polls })),
    cancel: view.cancel ?? null,
    ...(view.stuck ? { stuck: view.stuck } : {}),
    created_at: view.created_at,
    updated_at: view.updated_at,
  };
}

export async function boardPage(db: Db, query: BoardQuery): Promise<BoardAnswer> {
  const filter = filterOf(query);
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  const counts = await countBoardByStatus(db, filter);
  const total = query.status ? (counts[query.status] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page ?? 1, pages);
  const rows = await listBoardPage(db, { ...filter, status: query.status, limit: pageSize, offset: (page - 1) * pageSize });
  const ids = rows.map((r) => r.id);
  const [boxes, attempts] = await Promise.all([listBoxesOf(db, ids), listAttemptsOf(db, ids)]);
  const items = rows.map((r) => boardRow(r, boxes.filter((b) => b.shipment_id === r.id), attempts.filter((a) => a.shipment_id === r.id)));
  const live = Object.keys(counts).some((s) => isMoving(s, null)) || items.some((i) => isMoving(i.status, i.cancel));
  return { counts, total, page, page_size: pageSize, pages, live, items };
}
