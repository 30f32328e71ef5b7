/**
 * The shipment says why it no longer moves: work of it (a timer or an effect) was parked
 * after failing too often. Kept as JSON `{ reason, since }` beside the row (no version
 * bump: it is not a step); the next step saved clears it (saveShipmentStep).
 */
import type { Queryable } from '../rows.js';

export interface MarkStuckArgs {
  shipment_id: number;
  /** Already redacted. */
  reason: string;
  now: number;
}

export async function markShipmentStuck(q: Queryable, { shipment_id, reason, now }: MarkStuckArgs): Promise<void> {
  await q('shipments').where({ id: shipment_id }).update({ stuck: JSON.stringify({ reason, since: now }) });
}
