/** Small builders for store tests. */
import type { Queryable } from '../../src/store/rows.js';
import { insertShipment } from '../../src/store/shipments-repo.js';

export const T0 = Date.parse('2026-11-23T05:00:00Z');

export async function seedShipment(q: Queryable, code: string, overrides: { status?: string; now?: number } = {}): Promise<number> {
  return insertShipment(q, {
    shipment_code: code,
    status: overrides.status ?? 'QUEUED',
    body: { shipment_code: code, boxes: [{ box_code: `${code}-1` }] },
    body_hash: `hash-${code}`,
    snapshot: { value: 'QUEUED', context: { code } },
    settings: { pickup_after_minutes: 30, appointment_after_days: 2 },
    now: overrides.now ?? T0,
  });
}
