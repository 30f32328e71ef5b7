/**
 * Read queries of the operations board and a shipment's page: filter by text (shipment
 * code, parent AWB or a box's child AWB), creation window and status; counts per status;
 * page by offset with a total (people page by number, not by cursor); the ClickPost calls
 * and pending timers of one shipment. Read-only, both dialects.
 */
import type { Knex } from 'knex';
import { toApiCallRow, toShipmentRow, toTimerRow } from './map-rows.js';
import type { ApiCallRow, Queryable, ShipmentRow, TimerRow } from './rows.js';

export interface BoardFilter {
  /** Part of a shipment code, parent AWB or child AWB, case-insensitive. */
  text?: string;
  /** created_at >= from_ms */
  from_ms?: number;
  /** created_at < to_ms */
  to_ms?: number;
}

/** `%text%` for LIKE with the wildcards of the text itself escaped (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function applyFilter(q: Queryable, query: Knex.QueryBuilder, filter: BoardFilter): Knex.QueryBuilder {
  const text = filter.text?.trim();
  if (text) {
    const like = likePattern(text);
    query.where((w) => {
      w.whereRaw("lower(shipments.shipment_code) like ? escape '\\'", [like])
        .orWhereRaw("lower(shipments.parent_awb) like ? escape '\\'", [like])
        .orWhereIn('shipments.id', q('boxes').select('shipment_id').whereRaw("lower(child_awb) like ? escape '\\'", [like]));
    });
  }
  if (filter.from_ms !== undefined) query.where('shipments.created_at', '>=', filter.from_ms);
  if (filter.to_ms !== undefined) query.where('shipments.created_at', '<', filter.to_ms);
  return query;
}

/** Shipments per status among those the filter keeps (the status filter itself aside). */
export async function countBoardByStatus(q: Queryable, filter: BoardFilter): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: unknown }> = await applyFilter(q, q('shipments'), filter)
    .select('shipments.status as status')
    .count({ n: '*' })
    .groupBy('shipments.status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export interface BoardPageArgs extends BoardFilter {
  status?: string;
  limit: number;
  offset: number;
}

/** Newest first (id desc), one page. */
export async function listBoardPage(q: Queryable, args: BoardPageArgs): Promise<ShipmentRow[]> {
  const query = applyFilter(q, q('shipments'), args);
  if (args.status !== undefined) query.where('shipments.status', args.status);
  const rows = await query.select('shipments.*').orderBy('shipments.id', 'desc').limit(args.limit).offset(args.offset);
  return rows.map(toShipmentRow);
}

/**
 * Every ClickPost call try of a shipment, oldest first: rows carrying its id, and rows of
 * its attempts' references (a call recorded before the id was known).
 */
export async function listCallsOfShipment(q: Queryable, shipment_id: number, references: string[]): Promise<ApiCallRow[]> {
  const query = q('api_calls').where('shipment_id', shipment_id);
  if (references.length > 0) query.orWhereIn('reference_number', references);
  const rows = await query.orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(toApiCallRow);
}

/** The shipment's waiting timers (next label poll, late-AWB check, cancel retry), soonest first. */
export async function listTimersOf(q: Queryable, shipment_id: number): Promise<TimerRow[]> {
  const rows = await q('timers').where({ shipment_id }).orderBy('due_at');
  return rows.map(toTimerRow);
}
