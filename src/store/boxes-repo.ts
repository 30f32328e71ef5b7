/** Boxes of a shipment, in the host's order, with their child AWBs once booked. */
import { toBoxRow } from './map-rows.js';
import type { BoxRow, Queryable } from './rows.js';
import { placeholders } from './sql/raw-rows.js';

export async function insertBoxes(
  q: Queryable,
  shipment_id: number,
  boxes: Array<{ position: number; box_code: string }>,
): Promise<void> {
  if (boxes.length === 0) return;
  await q('boxes').insert(boxes.map((b) => ({ shipment_id, position: b.position, box_code: b.box_code })));
}

export async function setBoxAwbs(
  q: Queryable,
  shipment_id: number,
  rows: Array<{ position: number; child_awb: string | null; child_label_url: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  // One statement for every box: `case position when ... then ...` per column.
  const cases = (pick: (r: (typeof rows)[number]) => string | null) => ({
    sql: `case position ${rows.map(() => 'when ? then ?').join(' ')} end`,
    bindings: rows.flatMap((r) => [r.position, pick(r)]),
  });
  const awb = cases((r) => r.child_awb);
  const label = cases((r) => r.child_label_url);
  await q.raw(`update boxes set child_awb = ${awb.sql}, child_label_url = ${label.sql} where shipment_id = ? and position in (${placeholders(rows.length)})`, [
    ...awb.bindings,
    ...label.bindings,
    shipment_id,
    ...rows.map((r) => r.position),
  ]);
}

export async function listBoxes(q: Queryable, shipment_id: number): Promise<BoxRow[]> {
  const rows = await q('boxes').where({ shipment_id }).orderBy('position');
  return rows.map(toBoxRow);
}

/** The boxes of several shipments in one query (a page of the list), position order within each. */
export async function listBoxesOf(q: Queryable, shipment_ids: number[]): Promise<BoxRow[]> {
  if (shipment_ids.length === 0) return [];
  const rows = await q('boxes').whereIn('shipment_id', shipment_ids).orderBy(['shipment_id', 'position']);
  return rows.map(toBoxRow);
}
