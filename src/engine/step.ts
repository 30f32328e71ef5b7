/**
 * One step = one transaction: lock and load the snapshot (a write-first UPDATE, so the
 * SQLite write lock and the PostgreSQL row lock come before the read), transition, turn
 * actions into timer and effect rows, project the read model, save with a version check.
 * Crash anywhere before COMMIT and nothing of the step happened; after it, all of it did.
 */
import { transition } from 'xstate';
import type { Tx } from '../store/db.js';
import { lockShipmentForStep, saveShipmentStep } from '../store/shipments-repo.js';
import type { MappingSettings } from '../domain/settings.js';
import { DEFAULT_MAPPING_SETTINGS } from '../domain/settings.js';
import { shipmentMachine, statusOf, type ShipmentContext } from '../../machines/shipment.machine.js';
import type { ShipmentEvent } from '../../machines/shipment-events.js';
import { applyActions } from './apply-actions.js';
import { projectRows, shipmentColumns } from './projection.js';
import { StaleVersionError } from './errors.js';
import type { EngineDeps } from './deps.js';

export interface PersistedShipmentSnapshot {
  value: unknown;
  context: ShipmentContext;
}

export interface StepResult {
  shipment_id: number;
  from: string;
  to: string;
}

export function restoreSnapshot(persisted: PersistedShipmentSnapshot) {
  return shipmentMachine.resolveState({ value: currentValue(persisted) as never, context: persisted.context });
}

/**
 * Snapshots saved before CREATING had sub-states say plain 'CREATING'; a cancel asked
 * while its call was in flight was kept in context.cancel then, and is the sub-state now.
 */
function currentValue(persisted: PersistedShipmentSnapshot): unknown {
  if (persisted.value !== 'CREATING') return persisted.value;
  return { CREATING: persisted.context.cancel ? 'cancelRequested' : 'calling' };
}

/** What a step reads of its shipment: loaded under the lock, or with a claim (see `loaded`). */
export interface StepShipment {
  shipment_code: string;
  snapshot: unknown;
  version: number;
  settings: unknown;
}

/**
 * Applies `event` to shipment `shipmentId` inside `trx`. Null when the shipment is gone.
 * `loaded`: the shipment as read with the claim that brought the event (no lock
 * statement); the save's version check then catches a step that came in between
 * (StaleVersionError: the caller steps again without `loaded`, under the lock).
 */
export async function stepInTransaction(
  deps: Pick<EngineDeps, 'onStatusChange' | 'onStepCommitted'>,
  trx: Tx,
  shipmentId: number,
  event: ShipmentEvent,
  now: number,
  loaded?: StepShipment,
): Promise<StepResult | null> {
  const row = loaded ?? (await lockShipmentForStep(trx, { shipment_id: shipmentId, now }));
  if (!row) return null;
  const before = restoreSnapshot(row.snapshot as PersistedShipmentSnapshot);
  // The step's time rides on the event: the machine dates what it schedules (retry.next_at).
  const [next, actions] = transition(shipmentMachine, before, { ...event, at: now });
  const from = statusOf(before.value);
  const to = statusOf(next.value);
  await applyActions(trx, shipmentId, row.version, actions, now);
  const settings = (row.settings as MappingSettings | null) ?? DEFAULT_MAPPING_SETTINGS;
  const newRound = (next.context.round ?? 1) !== (before.context.round ?? 1);
  // Only attempts this event changed are written again (the rest are as projected before);
  // a new round rewrites them all.
  const changed = newRound ? next.context : { ...next.context, attempts: changedAttempts(before.context, next.context) };
  await projectRows(trx, shipmentId, changed, now, { bookedNow: to === 'BOOKED' && before.context.booking === null, newRound });
  const saved = await saveShipmentStep(trx, {
    shipment_id: shipmentId,
    expected_version: row.version,
    snapshot: { value: next.value, context: next.context },
    ...shipmentColumns(next.context, to, settings),
    now,
  });
  if (!saved) throw new StaleVersionError(shipmentId);
  if (from !== to && deps.onStatusChange) {
    await deps.onStatusChange(trx, { shipment_id: shipmentId, shipment_code: row.shipment_code, from, to, round: next.context.round ?? 1 }, now);
  }
  const stepped = deps.onStepCommitted;
  if (stepped) trx.executionPromise.then(() => stepped(shipmentId), () => undefined);
  return { shipment_id: shipmentId, from, to };
}

function changedAttempts(before: ShipmentContext, next: ShipmentContext): ShipmentContext['attempts'] {
  return next.attempts.filter((a, i) => {
    const was = before.attempts[i];
    return was === undefined || (was !== a && JSON.stringify(was) !== JSON.stringify(a));
  });
}
