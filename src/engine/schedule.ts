/**
 * Scheduling a shipment: one transaction inserts the shipment, its boxes, the machine's
 * initial snapshot (QUEUED) and the START timer, due at once. Idempotent by
 * shipment_code: the same body again finds the existing shipment, a different body is a
 * conflict. Nothing is half written: a failure rolls everything back.
 *
 * The insert comes first (`on conflict do nothing`) and the existing row is read only
 * when it did nothing: a new shipment, the common case, costs no read, and the insert
 * takes SQLite's write lock itself (no gate statement). On PostgreSQL a racing insert of
 * the same code waits for the other transaction and then does nothing, so the loser
 * reads the winner's row.
 */
import crypto from 'node:crypto';
import { initialTransition } from 'xstate';
import { writeTransaction } from '../store/db.js';
import { findShipmentByCode, insertShipmentIfNew } from '../store/shipments-repo.js';
import { insertBoxes } from '../store/boxes-repo.js';
import type { ShipmentInput } from '../domain/shipment-input.js';
import type { ShipmentRow } from '../store/rows.js';
import type { MappingSettings } from '../domain/settings.js';
import { shipmentMachine, statusOf } from '../../machines/shipment.machine.js';
import { applyActions } from './apply-actions.js';
import type { EngineDeps } from './deps.js';

export type ScheduleResult =
  /** `row`: the shipment as inserted, so the answer needs no read back. */
  | { kind: 'created'; shipment_id: number; row: ShipmentRow }
  | { kind: 'existing'; shipment_id: number }
  | { kind: 'conflict'; shipment_id: number };

/** Key order must not matter: hash a canonical form. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function bodyHash(shipment: ShipmentInput): string {
  return crypto.createHash('sha256').update(canonicalJson(shipment)).digest('hex');
}

export async function scheduleShipment(
  deps: Pick<EngineDeps, 'db' | 'clock' | 'machineConfig'>,
  shipment: ShipmentInput,
  settings: MappingSettings,
): Promise<ScheduleResult> {
  const hash = bodyHash(shipment);
  // `insert ... on conflict do nothing`: two hosts racing on one new code never meet a unique violation.
  return writeTransaction(deps.db, async (trx): Promise<ScheduleResult> => {
      const now = deps.clock.now();
      const [snapshot, actions] = initialTransition(shipmentMachine, {
        shipment_code: shipment.shipment_code,
        providers: shipment.providers.map((p) => ({ courier_partner_id: p.courier_partner_id, account_code: p.account_code })),
        config: deps.machineConfig,
      });
      const inserted = {
        shipment_code: shipment.shipment_code,
        status: statusOf(snapshot.value),
        body: shipment,
        body_hash: hash,
        snapshot: { value: snapshot.value, context: snapshot.context },
        settings,
        now,
      };
      const id = await insertShipmentIfNew(trx, inserted);
      if (id === null) {
        const existing = await findShipmentByCode(trx, shipment.shipment_code);
        if (!existing) throw new Error(`shipment ${shipment.shipment_code}: insert ignored but no row found`);
        return { kind: existing.body_hash === hash ? 'existing' : 'conflict', shipment_id: existing.id };
      }
      await insertBoxes(trx, id, shipment.boxes.map((b, position) => ({ position, box_code: b.box_code })));
      await applyActions(trx, id, 0, actions, now);
      const { now: _at, ...columns } = inserted;
      const row: ShipmentRow = {
        ...columns, id, version: 0, provider_priority: null, parent_awb: null, label_url: null, pickup_time: null,
        appointment_date: null, error: null, stuck: null, created_at: now, updated_at: now,
      };
      return { kind: 'created', shipment_id: id, row };
    }, { writeFirst: true });
}

