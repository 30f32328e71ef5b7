/**
 * What a host does to shipments: schedule, read, cancel, retry, and the merged label.
 * Each operation is one step of the shipment's machine (or a read); the workers do the
 * ClickPost calls those steps ask for.
 */
import path from 'node:path';
import { writeTransaction } from '../store/db.js';
import { listBoxes } from '../store/boxes-repo.js';
import { parseShipmentInput, type ShipmentInput } from '../domain/shipment-input.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { SettingsService } from '../settings/index.js';
import { shipmentView, type ShipmentStatus, type ShipmentView } from '../views/shipment-view.js';
import { scheduleShipment } from '../engine/schedule.js';
import { stepInTransaction } from '../engine/step.js';
import type { EngineDeps } from '../engine/deps.js';
import type { Worker } from '../engine/worker.js';
import type { ClickPostApi } from '../clickpost/api.js';
import { shipmentLabel } from '../labels/shipment-label.js';
import type { StepWaits } from './step-waits.js';
import type { ShipmentViews } from './shipment-views.js';

export interface ScheduleAnswer {
  created: boolean;
  shipment: ShipmentView;
}

/** Where a cancel stops waiting when the shipment carries no cancel (it ended before the cancel counted). */
const AT_REST: ReadonlySet<ShipmentStatus> = new Set<ShipmentStatus>(['BOOKED', 'FAILED', 'CANCELLED']);
/** A step taken by another node is not announced here: a waiting cancel reads again this often. */
const OTHER_NODE_CHECK_MS = 500;

export interface ShipmentOperationParts {
  deps: EngineDeps;
  settings: SettingsService;
  worker: Worker;
  views: ShipmentViews;
  stepWaits: StepWaits;
  orders: () => Promise<ClickPostApi>;
  dataDir: string;
  cancelWaitMs: number;
  /** Overrides the Retry After (Minutes) setting (real-time tests and demos). */
  retryAfterMs: number | undefined;
  /** Whether this process's workers run (else cancel() answers at once: nothing would answer it). */
  workersRunning: () => boolean;
}

export function shipmentOperations(parts: ShipmentOperationParts) {
  const { deps, settings, worker, views, stepWaits } = parts;
  const { db, clock } = deps;

  /** Waits (real time) for `done`, reading the shipment again after each of its committed steps. */
  async function settle(shipmentId: number, done: (v: ShipmentView) => boolean, waitMs: number): Promise<ShipmentView> {
    const until = Date.now() + waitMs;
    let current = await views.byId(shipmentId);
    while (!done(current) && Date.now() < until) {
      await stepWaits.next(shipmentId, Math.min(until - Date.now(), OTHER_NODE_CHECK_MS));
      current = await views.byId(shipmentId);
    }
    return current;
  }

  return {
    /** Schedules a shipment. Idempotent by shipment_code; a different body under a used code is a ConflictError. */
    async schedule(input: ShipmentInput): Promise<ScheduleAnswer> {
      const current = await settings.get();
      // Checked at run time all the same: HTTP bodies and untyped callers reach here too.
      const parsed = parseShipmentInput(input, { ewaybill_above: current.ewaybill_above });
      if (!parsed.ok) throw new ValidationError('invalid_shipment', parsed.fields);
      const mapping = { pickup_after_minutes: current.pickup_after_minutes, appointment_after_days: current.appointment_after_days };
      // Retry settings are captured with the shipment, like the poll settings: a change applies to new shipments.
      const config = { ...deps.machineConfig, retry_rounds: current.retry_rounds, retry_after_ms: parts.retryAfterMs ?? current.retry_after_minutes * 60_000 };
      const result = await scheduleShipment({ ...deps, machineConfig: config }, parsed.shipment, mapping);
      if (result.kind === 'conflict') {
        throw new ConflictError('shipment_code_conflict', `shipment ${parsed.shipment.shipment_code} was scheduled before with a different body`);
      }
      worker.notify();
      // A new shipment is answered from what was just written: no box has an AWB, no attempt exists yet.
      if (result.kind === 'created') {
        return { created: true, shipment: shipmentView(result.row, parsed.shipment.boxes.map((b) => ({ box_code: b.box_code, child_awb: null })), []) };
      }
      return { created: false, shipment: await views.byId(result.shipment_id) };
    },

    async get(code: string): Promise<ShipmentView> {
      return views.byId((await views.rowByCode(code)).id);
    },

    list: views.list,

    /**
     * Cancels: a QUEUED or LABEL_REQUESTED shipment stops at once; a BOOKED one is
     * cancelled at ClickPost (waits up to cancelWaitMs for the answer while workers run).
     * FAILED: ConflictError. CANCELLED: answered as it is.
     */
    async cancel(code: string): Promise<ShipmentView> {
      const row = await views.rowByCode(code);
      if (row.status === 'CANCELLED') return views.byId(row.id);
      if (row.status === 'FAILED') throw new ConflictError('not_cancellable', `shipment ${code} is FAILED; nothing to cancel`);
      await writeTransaction(db, (trx) => stepInTransaction(deps, trx, row.id, { type: 'CANCEL' }, clock.now()));
      worker.notify();
      if (!parts.workersRunning()) return views.byId(row.id);
      return settle(row.id, (v) => v.status === 'CANCELLED' || v.cancel?.state === 'FAILED' || (AT_REST.has(v.status) && !v.cancel), parts.cancelWaitMs);
    },

    /**
     * A FAILED or RETRY_WAIT shipment starts a new round of its providers now (an operator
     * fixed the settings, or ClickPost is back). Any other status: ConflictError.
     */
    async retry(code: string): Promise<ShipmentView> {
      const row = await views.rowByCode(code);
      const notRetryable = new ConflictError('not_retryable', `shipment ${code} is not FAILED or RETRY_WAIT; nothing to retry`);
      // The machine decides: a status it does not leave on RETRY rolls the step back.
      await writeTransaction(db, async (trx) => {
        const step = await stepInTransaction(deps, trx, row.id, { type: 'RETRY' }, clock.now());
        if (!step || step.from === step.to) throw notRetryable;
      });
      worker.notify();
      return views.byId(row.id);
    },

    /** The merged label PDF of every box (and packing slips when Packslip Required). ConflictError while not booked. */
    async label(code: string): Promise<Uint8Array> {
      const row = await views.rowByCode(code);
      const current = await settings.get();
      return shipmentLabel({
        shipment: row,
        boxes: await listBoxes(db, row.id),
        packslip: current.packslip_required,
        cacheDir: path.join(parts.dataDir, 'labels'),
        clickpost: parts.orders,
      });
    },
  };
}
