/**
 * The library face: createConnector(options) gives every operation of the contract as
 * a typed function, plus start()/stop() for the workers. The HTTP face is a thin layer
 * over this object. This file only wires the parts; each lives in src/connector/:
 * ClickPost targets, the engine and its listeners, the shipment operations and views,
 * the nightly jobs, and health.
 */
import path from 'node:path';
import { createDb } from './store/db.js';
import { migrateLatest } from './store/migrate.js';
import { systemClock } from './clock.js';
import { silentLogger } from './logger.js';
import { fieldErrors } from './domain/shipment-input.js';
import { ValidationError } from './errors.js';
import { createSettingsService, loadMasterKey, SecretDecryptError, type Env, type SettingsService, type SettingsView } from './settings/index.js';
import type { SettingsUpdate } from './settings/settings-store.js';
import { masterKeyMismatch } from './settings/crypto.js';
import { stepInTransaction } from './engine/step.js';
import type { StatusChange } from './engine/deps.js';
import type { Tx } from './store/db.js';
import { machineConfigFrom, type ConnectorOptions } from './connector-options.js';
import { lazySandbox } from './sandbox/lazy-sandbox.js';
import type { LatestChange } from './tracking/types.js';
import { isCancelledScan } from './clickpost/units.js';
import { AccountRefSchema, createAccountBreakers } from './breaker/account-breakers.js';
import { DEFAULT_BREAKER_CONFIG, type BreakerConfig } from './breaker/breaker-rules.js';
import { breakerView, type BreakerView } from './health/readiness.js';
import { createTrackingService, type TrackingService } from './tracking/tracking-service.js';
import { createHostCallbacks, trackingChangeCallbacks, type HostCallbacks } from './callbacks/index.js';
import { buildFailureReport, writeFailureReport, type FailureReport } from './reports/index.js';
import { createMetrics } from './metrics/index.js';
import { loadDeclaration, settingsScreenModel } from './settings/index.js';
import { wireClickPost } from './connector/clickpost-wiring.js';
import { wireEngine } from './connector/engine-wiring.js';
import { shipmentViews } from './connector/shipment-views.js';
import { shipmentOperations } from './connector/shipment-operations.js';
import { dailyJobs } from './connector/daily-jobs.js';
import { connectorHealth } from './connector/health.js';

export type { ConnectorOptions } from './connector-options.js';
export type { ScheduleAnswer } from './connector/shipment-operations.js';
export type { ListAnswer } from './connector/shipment-views.js';

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

function hostCallbacksFrom(options: ConnectorOptions, parts: Pick<Parameters<typeof createHostCallbacks>[0], 'clock' | 'logger'>): HostCallbacks | null {
  if (!options.hostCallbackUrl) return null;
  if (!options.hostCallbackSecret) {
    throw new ValidationError('invalid_environment', [{ path: 'HOST_CALLBACK_SECRET', message: 'is required when HOST_CALLBACK_URL is set (callbacks are signed with it)' }]);
  }
  return createHostCallbacks({ url: options.hostCallbackUrl, secret: options.hostCallbackSecret, ...parts });
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
  const metrics = createMetrics({ db, clock });
  const callbacks = hostCallbacksFrom(options, { clock, logger });
  const sandbox = lazySandbox(options.sandboxPort ?? 0, logger, path.join(dataDir, 'sandbox-ledger.json'));
  const breakerConfig: BreakerConfig = { ...DEFAULT_BREAKER_CONFIG, ...options.breaker };
  const breakers = createAccountBreakers(db, clock, breakerConfig);
  const clickpost = wireClickPost({ options, db, clock, logger, settings, metrics, sandboxUrl: () => sandbox.url(), breakers, breakerConfig });
  const engine = wireEngine({ options, db, clock, logger, metrics, machineConfig: machineConfigFrom(options), callbacks, clickpost: clickpost.orders });

  const trackingCallbacks = callbacks ? trackingChangeCallbacks(callbacks) : null;
  /**
   * A new latest tracking event: the host callback, and a scan saying the AWB is cancelled
   * confirms a cancel ClickPost accepted for later (the machine ignores it otherwise).
   */
  async function trackingHook(trx: Tx, change: LatestChange, now: number): Promise<void> {
    if (trackingCallbacks) await trackingCallbacks(trx, change, now);
    if (isCancelledScan(change.event)) await stepInTransaction(engine.deps, trx, change.shipment_id, { type: 'CANCEL_CONFIRMED', awb: change.awb }, now);
  }
  const tracking: TrackingService = createTrackingService({
    db,
    clock,
    logger,
    webhookKey: options.webhookKey ?? null,
    clickpost: clickpost.tracking,
    hooks: { onLatestChanged: trackingHook },
  });

  let started = false;
  const workersRunning = (): boolean => started;
  const shipments = shipmentOperations({
    deps: engine.deps,
    settings,
    worker: engine.worker,
    views: shipmentViews(db),
    stepWaits: engine.stepWaits,
    orders: clickpost.orders,
    dataDir,
    cancelWaitMs: options.cancelWaitMs ?? 15_000,
    retryAfterMs: options.retryAfterMs,
    workersRunning,
  });
  const jobs = dailyJobs({ db, clock, logger, metrics, dataDir, tracking, shipmentCount: clickpost.shipmentCount, trackingCron: options.trackingCron, reportCron: options.reportCron });
  const health = connectorHealth({ db, clock, clickpost, workersRunning, readyMaxLagMs: options.readyMaxLagMs });

  return {
    db,
    worker: engine.worker,
    clock,
    settings,
    /** Where ClickPost calls go now: the sandbox or a real base URL. */
    clickpostTarget: () => clickpost.describe(),
    sandbox: () => sandbox.current(),

    ...shipments,

    /** Tracking events oldest first, and the latest by the events' own time. */
    tracking: (code: string) => tracking.tracking(code),

    /** ClickPost's tracking webhook: resolves only once the event is committed. */
    handleWebhook: (headers: Record<string, string | string[] | undefined>, body: unknown) => tracking.handleWebhook(headers, body),

    /** The track-order backup poll now (the `poll-tracking` command; the nightly job runs it too). */
    pollTracking: () => tracking.pollOpenShipments(),

    /** Failed ClickPost calls of an India day, with URL (no key), payload, response, retry count; also written under <dataDir>/reports. */
    async failureReport(date: string): Promise<FailureReport> {
      const report = await buildFailureReport(db, date, clock, clickpost.shipmentCount);
      await writeFailureReport(dataDir, report);
      return report;
    },

    metrics: () => metrics.render(),
    health: health.health,
    readiness: health.readiness,

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
      engine.listen(listener);
    },

    async start(): Promise<void> {
      if (started) return;
      started = true;
      await engine.worker.start();
      jobs.start();
    },

    /** Graceful: workers finish what they hold, then the sandbox and (if owned) the database close. */
    async stop(): Promise<void> {
      jobs.stop();
      if (started) await engine.worker.stop();
      started = false;
      await sandbox.close();
      if (ownsDb) await db.destroy();
    },
  };
}

export type Connector = Awaited<ReturnType<typeof createConnector>>;
