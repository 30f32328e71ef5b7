/**
 * The library face: createConnector(options) gives every operation of the contract as
 * a typed function, plus start()/stop() for the workers. The HTTP face is a thin layer
 * over this object.
 */
import path from 'node:path';
import { createDb, writeTransaction, type Tx } from './store/db.js';
import { migrateLatest } from './store/migrate.js';
import { findShipmentByCode, findShipmentById, listShipments } from './store/shipments-repo.js';
import { listBoxes, listBoxesOf } from './store/boxes-repo.js';
import { listAttemptsOf } from './store/attempts-repo.js';
import { insertApiCall } from './store/api-calls-repo.js';
import type { ShipmentRow } from './store/rows.js';
import type { ApiCallRecord } from './transport/types.js';
import { systemClock } from './clock.js';
import { redact } from './transport/redact.js';
import { silentLogger, type Logger } from './logger.js';
import { fieldErrors, parseShipmentInput, type ShipmentInput } from './domain/shipment-input.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { createSettingsService, loadMasterKey, SecretDecryptError, type Env, type SettingsService, type SettingsView } from './settings/index.js';
import type { SettingsUpdate } from './settings/settings-store.js';
import { masterKeyMismatch } from './settings/crypto.js';
import { shipmentView, type ShipmentView } from './views/shipment-view.js';
import { scheduleShipment } from './engine/schedule.js';
import { stepInTransaction } from './engine/step.js';
import { createWorker, type Worker } from './engine/worker.js';
import { createClickPostProvider, PRODUCTION_BASE_URL } from './engine/clickpost-provider.js';
import type { EngineDeps, StatusChange } from './engine/deps.js';
import { machineConfigFrom, type ConnectorOptions } from './connector-options.js';
import { lazySandbox } from './sandbox/lazy-sandbox.js';
import type { LatestChange } from './tracking/types.js';
import { isCancelledScan } from './clickpost/units.js';
import { AccountRefSchema, createAccountBreakers } from './breaker/account-breakers.js';
import { DEFAULT_BREAKER_CONFIG, type BreakerConfig } from './breaker/breaker-rules.js';
import { guardedApi } from './breaker/guarded-api.js';
import type { ShipmentCountResult } from './clickpost/shipment-count.js';
import { breakerView, readiness, type BreakerView } from './health/readiness.js';
import { createTrackingService, type TrackingService } from './tracking/tracking-service.js';
import { trackingApi } from './tracking/tracking-target.js';
import { createHostCallbacks, statusChangeCallbacks, trackingChangeCallbacks, HOST_CALLBACK_KIND, type HostCallbacks } from './callbacks/index.js';
import { buildFailureReport, startDailyReport, writeFailureReport, type FailureReport } from './reports/index.js';
import { createMetrics } from './metrics/index.js';
import { shipmentLabel } from './labels/shipment-label.js';
import { loadDeclaration, settingsScreenModel } from './settings/index.js';

export type { ConnectorOptions } from './connector-options.js';


export interface ScheduleAnswer {
  created: boolean;
  shipment: ShipmentView;
}

export interface ListAnswer {
  items: ShipmentView[];
  next_cursor: string | null;
}

const TERMINAL = new Set(['BOOKED', 'FAILED', 'CANCELLED']);
const RETRYABLE = new Set(['FAILED', 'RETRY_WAIT']);

/** Refuses to start when the saved Key cannot be opened, instead of failing every booking later. */
async function checkMasterKeyOpens(settings: SettingsService, where: { env: Env; dataDir: string }, dbToClose: { destroy(): Promise<void> } | null): Promise<void> {
  try {
    await settings.get();
  } catch (err) {
    await dbToClose?.destroy();
    if (err instanceof SecretDecryptError) throw masterKeyMismatch(where);
    throw err;
  }
}

/**
 * One log line per status change, written once the step commits (a rolled-back step
 * changed nothing). FAILED is a warning carrying each attempt's reason.
 */
async function logStatusChange(trx: Tx, change: StatusChange, logger: Logger): Promise<void> {
  const line = { shipment_code: change.shipment_code, from: change.from, to: change.to };
  const failure = change.to === 'FAILED' ? ((await findShipmentById(trx, change.shipment_id))?.error as ShipmentView['error'] | undefined) : undefined;
  trx.executionPromise.then(
    () => {
      if (change.to !== 'FAILED') return logger.info('shipment status', line);
      logger.warn('shipment failed', { ...line, reason: failure?.message ?? null, attempts: failure?.attempts ?? [] });
    },
    () => undefined,
  );
}

export async function createConnector(options: ConnectorOptions = {}) {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger();
  const dataDir = options.dataDir ?? './data';
  const ownsDb = !options.db;
  const db = options.db ?? createDb({ url: options.databaseUrl ?? `sqlite:${path.join(dataDir, 'connector.sqlite')}`, logger: options.logger });
  await migrateLatest(db);

  const settings: SettingsService = createSettingsService({ db, masterKey: loadMasterKey({ env, dataDir }), env, clock });
  await checkMasterKeyOpens(settings, { env, dataDir }, ownsDb ? db : null);
  const machineConfig = machineConfigFrom(options);

  const metrics = createMetrics({ db, clock });
  if (options.hostCallbackUrl && !options.hostCallbackSecret) {
    throw new ValidationError('invalid_environment', [{ path: 'HOST_CALLBACK_SECRET', message: 'is required when HOST_CALLBACK_URL is set (callbacks are signed with it)' }]);
  }
  const callbacks: HostCallbacks | null = options.hostCallbackUrl
    ? createHostCallbacks({ url: options.hostCallbackUrl, secret: options.hostCallbackSecret!, clock, logger })
    : null;
  const queueStatusCallback = callbacks ? statusChangeCallbacks(callbacks) : null;

  const sandbox = lazySandbox(options.sandboxPort ?? 0, logger, path.join(dataDir, 'sandbox-ledger.json'));
  const providerOptions = {
    settings: () => settings.get(),
    sandboxUrl: () => sandbox.url(),
    recorder: (row: ApiCallRecord) => {
      metrics.observeClickPostCall(row.endpoint, row.duration_ms, row.failed ? 'failed' : 'ok');
      return insertApiCall(db, row);
    },
    logger,
    clock,
    timeoutMs: options.clickpostTimeoutMs,
    retry: options.clickpostRetry,
  };
  const clickpost = createClickPostProvider({ ...providerOptions, baseUrl: options.clickpostBaseUrl ?? null });
  // track-order has its own base URL (CLICKPOST_TRACKING_BASE_URL, default api.clickpost.in).
  const trackingClickpost = trackingApi({
    main: clickpost,
    trackingBaseUrl: options.clickpostTrackingBaseUrl ?? null,
    baseUrl: options.clickpostBaseUrl ?? null,
    pinned: (baseUrl) => createClickPostProvider({ ...providerOptions, baseUrl }),
  });

  const breakerConfig: BreakerConfig = { ...DEFAULT_BREAKER_CONFIG, ...options.breaker };
  const breakers = createAccountBreakers(db, clock, breakerConfig);
  const statusListeners: Array<(c: StatusChange) => void> = options.onStatusChange ? [options.onStatusChange] : [];
  const deps: EngineDeps = {
    db,
    clock,
    logger,
    clickpost: async () => guardedApi(await clickpost.api(), breakers, breakerConfig, logger),
    machineConfig,
    onStatusChange: async (trx, change, now) => {
      await logStatusChange(trx, change, logger);
      if (queueStatusCallback) await queueStatusCallback(trx, change, now);
      // The host's listeners and the counter hear of a change once its step committed (a
      // step rolled back changed nothing), each listener on its own: one that throws is logged.
      trx.executionPromise.then(() => {
        metrics.countStatusChange(change.to);
        for (const listener of statusListeners) {
          try {
            listener(change);
          } catch (err) {
            logger.warn('status listener failed', { shipment_code: change.shipment_code, to: change.to, error: redact(String((err as Error)?.message ?? err)) });
          }
        }
      }, () => undefined);
    },
  };
  const worker: Worker = createWorker(deps, {
    ...options.worker,
    sideEffects: { ...(callbacks ? { [HOST_CALLBACK_KIND]: callbacks.deliver } : {}), ...options.worker?.sideEffects },
    onTimerFired: (timer, lagMs) => {
      if (timer.timer_key === 'labelPoll') metrics.observePollLag(lagMs);
      options.worker?.onTimerFired?.(timer, lagMs);
    },
  });
  const trackingCallbacks = callbacks ? trackingChangeCallbacks(callbacks) : null;
  /**
   * A new latest tracking event: the host callback, and a scan saying the AWB is cancelled
   * confirms a cancel ClickPost accepted for later (the machine ignores it otherwise).
   */
  async function trackingHook(trx: Tx, change: LatestChange, now: number): Promise<void> {
    if (trackingCallbacks) await trackingCallbacks(trx, change, now);
    if (isCancelledScan(change.event)) await stepInTransaction(deps, trx, change.shipment_id, { type: 'CANCEL_CONFIRMED', awb: change.awb }, now);
  }
  const tracking: TrackingService = createTrackingService({
    db,
    clock,
    logger,
    webhookKey: options.webhookKey ?? null,
    clickpost: trackingClickpost,
    hooks: { onLatestChanged: trackingHook },
  });
  let reportJob: { stop(): void } | null = null;
  /** ClickPost's count of one India day (reconciliation); a failure to ask is reported, not thrown. */
  const clickpostCount = async (date: string): Promise<ShipmentCountResult> => {
    try {
      return await (await clickpost.api()).fetchShipmentCount(date);
    } catch (err) {
      return { ok: false, error: redact(String((err as Error)?.message ?? err)) };
    }
  };

  /** Views of several rows with two queries in all, not two per shipment. */
  async function views(rows: ShipmentRow[]): Promise<ShipmentView[]> {
    const ids = rows.map((r) => r.id);
    const [boxes, attempts] = await Promise.all([listBoxesOf(db, ids), listAttemptsOf(db, ids)]);
    return rows.map((r) => shipmentView(r, boxes.filter((b) => b.shipment_id === r.id), attempts.filter((a) => a.shipment_id === r.id)));
  }

  async function view(shipmentId: number): Promise<ShipmentView> {
    const row = await findShipmentById(db, shipmentId);
    if (!row) throw new NotFoundError('shipment');
    return (await views([row]))[0]!;
  }

  async function rowByCode(code: string) {
    const row = await findShipmentByCode(db, code);
    if (!row) throw new NotFoundError(`shipment ${code}`);
    return row;
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
    sandbox: () => sandbox.current(),

    /** Schedules a shipment. Idempotent by shipment_code; a different body under a used code is a ConflictError. */
    async schedule(input: ShipmentInput): Promise<ScheduleAnswer> {
      const current = await settings.get();
      // Checked at run time all the same: HTTP bodies and untyped callers reach here too.
      const parsed = parseShipmentInput(input, { ewaybill_above: current.ewaybill_above });
      if (!parsed.ok) throw new ValidationError('invalid_shipment', parsed.fields);
      const mapping = { pickup_after_minutes: current.pickup_after_minutes, appointment_after_days: current.appointment_after_days };
      // Retry settings are captured with the shipment, like the poll settings: a change applies to new shipments.
      const config = { ...deps.machineConfig, retry_rounds: current.retry_rounds, retry_after_ms: options.retryAfterMs ?? current.retry_after_minutes * 60_000 };
      const result = await scheduleShipment({ ...deps, machineConfig: config }, parsed.shipment, mapping);
      if (result.kind === 'conflict') {
        throw new ConflictError('shipment_code_conflict', `shipment ${parsed.shipment.shipment_code} was scheduled before with a different body`);
      }
      worker.notify();
      // A new shipment is answered from what was just written: no box has an AWB, no attempt exists yet.
      if (result.kind === 'created') {
        return { created: true, shipment: shipmentView(result.row, parsed.shipment.boxes.map((b) => ({ box_code: b.box_code, child_awb: null })), []) };
      }
      return { created: false, shipment: await view(result.shipment_id) };
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
      const items = await views(page);
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

    /**
     * A FAILED or RETRY_WAIT shipment starts a new round of its providers now (an operator
     * fixed the settings, or ClickPost is back). Any other status: ConflictError.
     */
    async retry(code: string): Promise<ShipmentView> {
      const row = await rowByCode(code);
      const step = await writeTransaction(db, async (trx) => {
        // Checked inside the step's transaction: a shipment that moved on meanwhile is not retried.
        const current = await findShipmentById(trx, row.id);
        if (!current || !RETRYABLE.has(current.status)) return null;
        return stepInTransaction(deps, trx, row.id, { type: 'RETRY' }, clock.now());
      });
      if (!step) throw new ConflictError('not_retryable', `shipment ${code} is not FAILED or RETRY_WAIT; nothing to retry`);
      worker.notify();
      return view(row.id);
    },

    /** The merged label PDF of every box (and packing slips when Packslip Required). ConflictError while not booked. */
    async label(code: string): Promise<Uint8Array> {
      const row = await rowByCode(code);
      const current = await settings.get();
      return shipmentLabel({
        shipment: row,
        boxes: await listBoxes(db, row.id),
        packslip: current.packslip_required,
        cacheDir: path.join(dataDir, 'labels'),
        clickpost: async () => guardedApi(await clickpost.api(), breakers, breakerConfig, logger),
      });
    },

    /** Tracking events oldest first, and the latest by the events' own time. */
    tracking: (code: string) => tracking.tracking(code),

    /** ClickPost's tracking webhook: resolves only once the event is committed. */
    handleWebhook: (headers: Record<string, string | string[] | undefined>, body: unknown) => tracking.handleWebhook(headers, body),

    /** The daily track-order backup poll, on demand. */
    pollTracking: () => tracking.pollOpenShipments(),

    /** Failed ClickPost calls of an India day, with URL (no key), payload, response, retry count; also written under <dataDir>/reports. */
    async failureReport(date: string): Promise<FailureReport> {
      const report = await buildFailureReport(db, date, clock, clickpostCount);
      await writeFailureReport(dataDir, report);
      return report;
    },

    metrics: () => metrics.render(),

    async health() {
      let database: 'ok' | 'error' = 'ok';
      try {
        await db.raw('select 1');
      } catch {
        database = 'error';
      }
      const target = await clickpost.describe().catch(() => null);
      return {
        ok: database === 'ok',
        database,
        workers: started ? ('running' as const) : ('stopped' as const),
        clickpost: {
          target: !target ? ('custom' as const) : target.sandbox ? ('sandbox' as const) : target.baseUrl === PRODUCTION_BASE_URL ? ('production' as const) : ('custom' as const),
          base_url: target?.baseUrl ?? '',
        },
      };
    },

    /** /readyz: the database answers and no backlog is stuck; breakers and the last answer per account. */
    readiness: () => readiness(db, clock.now(), { workersRunning: started, ...(options.readyMaxLagMs !== undefined ? { maxLagMs: options.readyMaxLagMs } : {}) }),

    /** The courier account circuit breakers. */
    breakers: async (): Promise<BreakerView[]> => (await breakers.list()).map(breakerView),

    /** An operator closes an account's breaker: its next attempt calls ClickPost again. ValidationError for a wrong account. */
    async closeBreaker(account: unknown): Promise<void> {
      const parsed = AccountRefSchema.safeParse(account);
      if (!parsed.success) throw new ValidationError('invalid_breaker', fieldErrors(parsed.error));
      await breakers.close(parsed.data);
    },

    /** The settings screen, driven by connector.json. */
    async settingsScreen() {
      return settingsScreenModel(loadDeclaration(), await settings.publicView());
    },

    async getSettings(): Promise<SettingsView> {
      return settings.publicView();
    },

    async updateSettings(patch: SettingsUpdate): Promise<SettingsView> {
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
      const trackingCron = options.trackingCron === undefined ? '0 3 * * *' : options.trackingCron;
      if (trackingCron) tracking.startSchedule(trackingCron);
      const reportCron = options.reportCron === undefined ? undefined : options.reportCron;
      if (reportCron !== null) {
        reportJob = startDailyReport({ db, clock, logger, dataDir, cron: reportCron, clickpostCount, onReconciled: (r) => metrics.observeReconciliation(r.difference) });
      }
    },

    /** Graceful: workers finish what they hold, then the sandbox and (if owned) the database close. */
    async stop(): Promise<void> {
      tracking.stopSchedule();
      reportJob?.stop();
      reportJob = null;
      if (started) await worker.stop();
      started = false;
      await sandbox.close();
      if (ownsDb) await db.destroy();
    },
  };
}

export type Connector = Awaited<ReturnType<typeof createConnector>>;
