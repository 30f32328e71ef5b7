/**
 * The engine as the connector runs it: the deps every step gets, the worker, and what a
 * status change sets off (a log line, the host callback queued in the step's transaction,
 * then, once the step committed, the metric and the host's listeners).
 */
import type { Tx } from '../store/db.js';
import { findShipmentById } from '../store/shipments-repo.js';
import { redact } from '../transport/redact.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/index.js';
import type { ClickPostApi } from '../clickpost/api.js';
import type { EngineDeps, StatusChange } from '../engine/deps.js';
import { createWorker, type Worker } from '../engine/worker.js';
import { HOST_CALLBACK_KIND, statusChangeCallbacks, type HostCallbacks } from '../callbacks/index.js';
import type { ShipmentView } from '../views/shipment-view.js';
import type { ConnectorOptions } from '../connector-options.js';
import type { Db } from '../store/db.js';
import type { Clock } from '../clock.js';
import type { MachineConfig } from '../../machines/shipment-rules.js';
import { createStepWaits, type StepWaits } from './step-waits.js';

export interface EngineWiring {
  deps: EngineDeps;
  worker: Worker;
  stepWaits: StepWaits;
  /** Adds a listener told of each status change once its step committed. */
  listen(listener: (change: StatusChange) => void): void;
}

export interface EngineParts {
  options: ConnectorOptions;
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  machineConfig: MachineConfig;
  callbacks: HostCallbacks | null;
  clickpost: () => Promise<ClickPostApi>;
}

export function wireEngine(parts: EngineParts): EngineWiring {
  const { options, logger, metrics, callbacks } = parts;
  const listeners: Array<(change: StatusChange) => void> = options.onStatusChange ? [options.onStatusChange] : [];
  const queueStatusCallback = callbacks ? statusChangeCallbacks(callbacks) : null;
  const stepWaits = createStepWaits();

  /** After commit: the counter, then each listener on its own (one that throws is logged). */
  function tellListeners(change: StatusChange): void {
    metrics.countStatusChange(change.to);
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (err) {
        logger.warn('status listener failed', { shipment_code: change.shipment_code, to: change.to, error: redact(String((err as Error)?.message ?? err)) });
      }
    }
  }

  const deps: EngineDeps = {
    db: parts.db,
    clock: parts.clock,
    logger,
    clickpost: parts.clickpost,
    machineConfig: parts.machineConfig,
    onStepCommitted: (shipmentId) => stepWaits.stepped(shipmentId),
    onStatusChange: async (trx, change, now) => {
      await logStatusChange(trx, change, logger);
      if (queueStatusCallback) await queueStatusCallback(trx, change, now);
      afterCommit(trx, () => tellListeners(change));
    },
  };
  const worker = createWorker(deps, {
    ...options.worker,
    sideEffects: { ...(callbacks ? { [HOST_CALLBACK_KIND]: callbacks.deliver } : {}), ...options.worker?.sideEffects },
    onTimerFired: (timer, lagMs) => {
      if (timer.timer_key === 'labelPoll') metrics.observePollLag(lagMs);
      options.worker?.onTimerFired?.(timer, lagMs);
    },
  });
  return { deps, worker, stepWaits, listen: (listener) => void listeners.push(listener) };
}

/** Runs `then` once `trx` committed; a rolled-back step changed nothing, so nothing runs. */
function afterCommit(trx: Tx, then: () => void): void {
  trx.executionPromise.then(then, () => undefined);
}

/** One log line per committed status change. FAILED is a warning carrying each attempt's reason. */
async function logStatusChange(trx: Tx, change: StatusChange, logger: Logger): Promise<void> {
  const line = { shipment_code: change.shipment_code, from: change.from, to: change.to };
  const failure = change.to === 'FAILED' ? ((await findShipmentById(trx, change.shipment_id))?.error as ShipmentView['error'] | undefined) : undefined;
  afterCommit(trx, () => {
    if (change.to !== 'FAILED') return logger.info('shipment status', line);
    logger.warn('shipment failed', { ...line, reason: failure?.message ?? null, attempts: failure?.attempts ?? [] });
  });
}
