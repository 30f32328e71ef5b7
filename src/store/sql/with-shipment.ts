/**
 * A claim that hands back its shipment too: correlated subqueries in `returning` (both
 * SQLite and PostgreSQL allow them) add what a step and an executor read of the
 * shipment, so claiming and loading are one statement instead of two (or 1 + N).
 * `version` makes the loaded snapshot safe to step without locking again: the save
 * checks it, and a stale one is stepped again under the lock.
 */
import { parseJson } from '../db.js';

/** Returning columns for table alias `t` whose shipment_id names the shipment. */
export function shipmentColumnsOf(t: string): string {
  const of = (column: string) => `(select s.${column} from shipments s where s.id = ${t}.shipment_id) as s_${column}`;
  return ['shipment_code', 'body', 'settings', 'snapshot', 'version'].map(of).join(',\n');
}

/** The shipment a step or an executor needs, as loaded with its claim. */
export interface LoadedShipment {
  id: number;
  shipment_code: string;
  body: unknown;
  settings: unknown;
  snapshot: unknown;
  version: number;
}

/** Null when the shipment is gone (or the row names none). */
export function loadedShipmentOf(r: Record<string, unknown>): LoadedShipment | null {
  if (r.shipment_id === null || r.shipment_id === undefined || r.s_shipment_code === null || r.s_shipment_code === undefined) return null;
  return {
    id: Number(r.shipment_id),
    shipment_code: String(r.s_shipment_code),
    body: parseJson(r.s_body),
    settings: parseJson(r.s_settings) ?? null,
    snapshot: parseJson(r.s_snapshot),
    version: Number(r.s_version),
  };
}
