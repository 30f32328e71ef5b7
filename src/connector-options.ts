/** What createConnector takes: what the environment gives the service, and an injectable clock. */
import type { Db } from './store/db.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { RetryOptions } from './transport/client.js';
import type { WorkerOptions } from './engine/worker.js';
import type { StatusChange } from './engine/deps.js';
import { DEFAULT_MACHINE_CONFIG, type MachineConfig } from '../machines/shipment-rules.js';
import type { BreakerConfig } from './breaker/breaker-rules.js';

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
  /** CLICKPOST_TRACKING_BASE_URL: track-order calls. Unset: the sandbox when used, else clickpostBaseUrl, else https://api.clickpost.in. */
  clickpostTrackingBaseUrl?: string | null;
  clickpostTimeoutMs?: number;
  clickpostRetry?: RetryOptions;
  labelPollIntervalMs?: number;
  labelPollAttempts?: number;
  lateCheckIntervalMs?: number;
  lateCheckCount?: number;
  /** Wait before the first retry round, overriding the setting Retry After (Minutes) (tests and demos that run in real time). */
  retryAfterMs?: number;
  worker?: WorkerOptions;
  /** How long cancel() waits for ClickPost's confirmation while workers run. */
  cancelWaitMs?: number;
  /**
   * Port of the built-in sandbox (used when no credentials are set). A fixed port keeps the
   * sandbox's label URLs of earlier bookings valid across restarts; busy or unset: any port.
   */
  sandboxPort?: number;
  /** Called after a status change commits. */
  onStatusChange?: (change: StatusChange) => void;
  /** WEBHOOK_KEY: the `webhook_key` header ClickPost must send; none: webhooks refused. */
  webhookKey?: string | null;
  /** HOST_CALLBACK_URL / HOST_CALLBACK_SECRET: signed status callbacks to the host. */
  hostCallbackUrl?: string | null;
  hostCallbackSecret?: string | null;
  /** Daily track-order backup poll (node-cron); null: off. Default 03:00 every day. */
  trackingCron?: string | null;
  /** Daily failure report into <dataDir>/reports (node-cron, India time); null: off. */
  reportCron?: string | null;
  /** Courier account circuit breakers: failures to open (5), pause (5 min), probe lease (60 s), memory refresh (1 s). */
  breaker?: Partial<BreakerConfig>;
  /** /readyz: due work older than this means the workers are stuck (default 60 s). */
  readyMaxLagMs?: number;
}

/** The machine settings new shipments carry in their context. */
export function machineConfigFrom(options: ConnectorOptions): MachineConfig {
  return {
    ...DEFAULT_MACHINE_CONFIG,
    poll_interval_ms: options.labelPollIntervalMs ?? DEFAULT_MACHINE_CONFIG.poll_interval_ms,
    poll_attempts: options.labelPollAttempts ?? DEFAULT_MACHINE_CONFIG.poll_attempts,
    late_check_interval_ms: options.lateCheckIntervalMs ?? DEFAULT_MACHINE_CONFIG.late_check_interval_ms,
    late_check_count: options.lateCheckCount ?? DEFAULT_MACHINE_CONFIG.late_check_count,
  };
}
