/**
 * result.children[] -> one ChildWaybill per box, in box order (ASSUMPTIONS.md, "children").
 * Rule: a child whose reference_number equals a box_code belongs to that box; the boxes left
 * take the children left (those naming no box) in the order ClickPost listed them. Only
 * `children[].waybill` is read: a nested `children[].item.waybill` was seen to disagree.
 */
import type { ChildWaybill } from './outcome.js';
import { asArray, asObject, asText } from './read.js';

export interface BoxRef {
  box_code: string;
}

export interface ChildMatch {
  /** Exactly one per box, in box order; empty when ClickPost's list does not cover every box. */
  children: ChildWaybill[];
  /** Why the list is empty or was trimmed, for the booking's message; null when complete. */
  note: string | null;
}

/** The usable children of a result: those with their own waybill, in listed order. */
export function readChildren(value: unknown): ChildWaybill[] {
  const list = asArray(value) ?? [];
  const out: ChildWaybill[] = [];
  for (const entry of list) {
    const obj = asObject(entry);
    const waybill = obj ? asText(obj.waybill) : null;
    if (!obj || !waybill) continue;
    out.push({ reference_number: asText(obj.reference_number), waybill, label_url: asText(obj.label) });
  }
  return out;
}

function byReference(children: ChildWaybill[], boxes: readonly BoxRef[]): (number | null)[] {
  const used = new Set<number>();
  return boxes.map((box) => {
    const i = children.findIndex((c, n) => !used.has(n) && c.reference_number === box.box_code);
    if (i < 0) return null;
    used.add(i);
    return i;
  });
}

/**
 * Children in box order. A single box with no child list is the parent itself (its label is
 * the parent's). A multi-box success whose list does not cover every box gives no children
 * at all rather than guessed `${parent}_${n}` waybills: the order is placed (booked, no
 * failover), the parent AWB and label cover the shipment, and the note says what was missing.
 */
export function matchChildren(raw: unknown, boxes: readonly BoxRef[], parentAwb: string, parentLabel: string | null): ChildMatch {
  const children = readChildren(raw);
  if (children.length === 0 && boxes.length === 1) {
    return { children: [{ reference_number: null, waybill: parentAwb, label_url: parentLabel }], note: null };
  }
  const slots = byReference(children, boxes);
  const boxCodes = new Set(boxes.map((b) => b.box_code));
  const taken = new Set(slots.filter((s): s is number => s !== null));
  // Positional pool: children not matched and not naming another box, in listed order.
  const pool = children.map((_, i) => i).filter((i) => !taken.has(i) && !boxCodes.has(children[i]!.reference_number ?? ''));
  const filled = slots.map((s) => (s !== null ? s : pool.shift() ?? null));
  if (filled.some((s) => s === null)) {
    return { children: [], note: `ClickPost listed ${children.length} child waybill(s) for ${boxes.length} box(es): child waybills unknown, the parent AWB covers the shipment` };
  }
  const extra = children.length - boxes.length;
  const note = extra > 0 ? `ClickPost listed ${children.length} child waybills for ${boxes.length} boxes: ${extra} ignored` : null;
  return { children: filled.map((s) => children[s as number]!), note };
}
