/**
 * The library face: createConnector(options) gives every operation of the contract as
 * a typed function, plus start()/stop() for the workers. The HTTP face is a thin layer
 * over this object.
 */
import path from 'node:path';
import { createDb, writeTransaction, type Db } from './store/db.js';
import { migrateLatest } from './store/migrate.js';
import { findShipmentByCode, findShipmentById, listShipments } from './store/shipments-repo.js';
import { listBoxes } from './store/boxes-repo.js';
import { listAttempts } from './store/attempts-repo.js';
import { insertApiCall } from './store/api-calls-repo.js';
import { systemClock, type Clock } from './clock.js';
import { silentLogger, type Logger } from './logger.js';
import { parseShipmentInput } from './domain/shipment-input.js';
import type { MappingSettings } from './domain/settings.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { createSettingsService, loadMasterKey, type SettingsService, type SettingsView } from './settings/index.js';
import { registerSecret } from './transport/redact.js';
import type { RetryOptions } from './transport/client.js';
import { shipmentView, type ShipmentView } from './views/shipment-view.js';
import { scheduleShipment } from './engine/schedule.js';
import { stepInTransaction } from './engine/step.js';
import { createWorker, type Worker, type WorkerOptions } from './engine/worker.js';
import { createClickPostProvider } from './engine/clickpost-provider.js';
import type { EngineDeps, StatusChange } from './engine/deps.js';
import { DEFAULT_MACHINE_CONFIG, type MachineConfig } from '../machines/shipment-rules.js';
import { startSandbox, type Sandbox } from './sandbox/server.js';

export interface ConnectorOptions {
  /** `sqlite:PATH` or `postgres://...`; default sqlite:./data/connector.sqlite. Ignored when `db` is given. */
  databaseUrl?: string;
  db?: Db;
  clock?: Clock;
  logger?: Logger;
  /** Environment the settings read overrides from (CLICKPOST_USERNAME, CLICKPOST_KEY, CONNECTOR_MASTER_KEY). */
  env?: Record<string, string | undefined>;
  dataDir?: string;
  /** CLICKPOST_BASE_URL. When unset and no credentials are saved, the built-in sandbox is used. */
  clickpostBaseUrl?: string | null;
  clickpostTimeoutMs?: number;
  clickpostRetry?: RetryOptions;
  labelPollIntervalMs?: number;
  labelPollAttempts?: number;
  lateCheckIntervalMs?: number;
  lateCheckCount?: number;
  worker?: WorkerOptions;
  /** How long cancel() waits for ClickPost's confirmation while workers run. */
  cancelWaitMs?: number;
  /** Called after a status change commits (metrics). */
  onStatusChange?: (change: StatusChange) => void;
}

export interface ScheduleAnswer {
  created: boolean;
  shipment: ShipmentView;
}

export interface ListAnswer {
  items: ShipmentView[];
  next_cursor: string | null;
}

const TERMINAL = new Set(['BOOKED', 'FAILED', 'CANCELLED']);

export async function createConnector(options: ConnectorOptions = {}) {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger();
  const dataDir = options.dataDir ?? './data';
  const ownsDb = !options.db;
  const db = options.db ?? createDb({ url: options.databaseUrl ?? `sqlite:${path.join(dataDir, 'connector.sqlite')}` });
  await migrateLatest(db);

  const settings: SettingsService = createSettingsService({ db, masterKey: loadMasterKey({ env, dataDir }), env, clock });
  const machineConfig: MachineConfig = {
    ...DEFAULT_MACHINE_CONFIG,
    poll_interval_ms: options.labelPollIntervalMs ?? DEFAULT_MACHINE_CONFIG.poll_interval_ms,
    poll_attempts: options.labelPollAttempts ?? DEFAULT_MACHINE_CONFIG.poll_attempts,
    late_check_interval_ms: options.lateCheckIntervalMs ?? DEFAULT_MACHINE_CONFIG.late_check_interval_ms,
    late_check_count: options.lateCheckCount ?? DEFAULT_MACHINE_CONFIG.late_check_count,
  };

  let sandbox: Sandbox | null = null;
  let sandboxStarting: Promise<Sandbox> | null = null;
  const sandboxUrl = async () => {
    sandboxStarting ??= startSandbox({ host: '127.0.0.1', port: 0 });
    sandbox = await sandboxStarting;
    return sandbox.url;
  };
  const clickpost = createClickPostProvider({
    settings: () => settings.get(),
    baseUrl: options.clickpostBaseUrl ?? null,
    sandboxUrl,
    recorder: (row) => insertApiCall(db, row),
    logger,
    clock,
    timeoutMs: options.clickpostTimeoutMs,
    retry: options.clickpostRetry,
  });

  const statusListeners: Array<(c: StatusChange) => void> = options.onStatusChange ? [options.onStatusChange] : [];
  const deps: EngineDeps = {
    db,
    clock,
    logger,
    clickpost: () => clickpost.api(),
    machineConfig,
    onStatusChange: async (_trx, change) => {
      logger.info('shipment status', { shipment_code: change.shipment_code, from: change.from, to: change.to });
      for (const l of statusListeners) queueMicrotask(() => l(change));
    },
  };
  const worker: Worker = createWorker(deps, options.worker);

  async function view(shipmentId: number): Promise<ShipmentView> {
    const row = await findShipmentById(db, shipmentId);
    if (!row) throw new NotFoundError('shipment');
    return shipmentView(row, await listBoxes(db, row.id), await listAttempts(db, row.id));
  }

  async function rowByCode(code: string) {
    const row = await findShipmentByCode(db, code);
    if (!row) throw new NotFoundError(`shipment ${code}`);
    return row;
  }

  async function mappingSettings(): Promise<MappingSettings> {
    const s = await settings.get();
    return { pickup_after_minutes: s.pickup_after_minutes, appointment_after_days: s.appointment_after_days };
  }

  /** Waits (real time) until `done` holds or the time is up; workers do the work meanwhile. */
  async function settle(shipmentId: number, done: (v: ShipmentView) => boolean, waitMs: number): Promise<ShipmentView> {
    const until = Date.now() + waitMs;
    let current = await view(shipmentId);
    while (!done(current) && Date.now() < until) {
      worker.notify();
      await new Promise((r) => setTimeout(r, 25));
      current = await view(shipmentId);
    }
    return current;
  }

  let started = false;

  return {
    db,
    worker,
    clock,
    settings,
    /** Where ClickPost calls go now: the sandbox or a real base URL. */
    clickpostTarget: () => clickpost.describe(),
    sandbox: () => sandbox,

    /** Schedules a shipment. Idempotent by shipment_code; a different body under a used code is a ConflictError. */
    async schedule(body: unknown): Promise<ScheduleAnswer> {
      const parsed = parseShipmentInput(body);
      if (!parsed.ok) throw new ValidationError('invalid_shipment', parsed.fields);
      const result = await scheduleShipment(deps, parsed.shipment, await mappingSettings());
      if (result.kind === 'conflict') {
        throw new ConflictError('shipment_code_conflict', `shipment ${parsed.shipment.shipment_code} was scheduled before with a different body`);
      }
      worker.notify();
      return { created: result.kind === 'created', shipment: await view(result.shipment_id) };
    },

    async get(code: string): Promise<ShipmentView> {
      return view((await rowByCode(code)).id);
    },

    /** Newest first; `after` is the opaque cursor of the previous page. */
    async list(query: { status?: string; limit?: number; after?: string | null } = {}): Promise<ListAnswer> {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const after = query.after ? Number.parseInt(Buffer.from(query.after, 'base64url').toString(), 10) : undefined;
      if (after !== undefined && !Number.isFinite(after)) throw new ValidationError('invalid_query', [{ path: 'after', message: 'is not a cursor this service gave' }]);
      const rows = await listShipments(db, { status: query.status, limit: limit + 1, after });
      const page = rows.slice(0, limit);
      const items = await Promise.all(page.map((r) => view(r.id)));
      const last = page[page.length - 1];
      return { items, next_cursor: rows.length > limit && last ? Buffer.from(String(last.id)).toString('base64url') : null };
    },

    /**
     * Cancels: a QUEUED or LABEL_REQUESTED shipment stops at once; a BOOKED one is
     * cancelled at ClickPost (waits up to cancelWaitMs for the answer while workers run).
     * FAILED: ConflictError. CANCELLED: answered as it is.
     */
    async cancel(code: string): Promise<ShipmentView> {
      const row = await rowByCode(code);
      if (row.status === 'CANCELLED') return view(row.id);
      if (row.status === 'FAILED') throw new ConflictError('not_cancellable', `shipment ${code} is FAILED; nothing to cancel`);
      await writeTransaction(db, (trx) => stepInTransaction(deps, trx, row.id, { type: 'CANCEL' }, clock.now()));
      worker.notify();
      if (!started) return view(row.id);
      return settle(row.id, (v) => v.status === 'CANCELLED' || v.cancel?.state === 'FAILED' || (TERMINAL.has(v.status) && !v.cancel), options.cancelWaitMs ?? 15_000);
    },

    async getSettings(): Promise<SettingsView> {
      return settings.publicView();
    },

    async updateSettings(patch: unknown): Promise<SettingsView> {
      const result = await settings.update(patch);
      if (!result.ok) throw new ValidationError('invalid_settings', result.fields);
      return result.view;
    },

    onStatusChange(listener: (c: StatusChange) => void): void {
      statusListeners.push(listener);
    },

    async start(): Promise<void> {
      if (started) return;
      started = true;
      await worker.start();
    },

    /** Graceful: workers finish what they hold, then the sandbox and (if owned) the database close. */
    async stop(): Promise<void> {
      if (started) await worker.stop();
      started = false;
      if (sandbox) await sandbox.close();
      sandbox = null;
      sandboxStarting = null;
      if (ownsDb) await db.destroy();
    },
  };
}

export type Connector = Awaited<ReturnType<typeof createConnector>>;
export { registerSecret };
