/**
 * The service's environment (contract: "Environment"), read once into typed options.
 * Every variable is optional; a wrong one is named in one error, listing all of them.
 */
import path from 'node:path';
import { ValidationError } from './errors.js';
import type { FieldError } from './domain/shipment-input.js';
import type { ConnectorOptions } from './connector-options.js';

export interface EnvConfig {
  host: string;
  port: number;
  databaseUrl: string;
  clickpostBaseUrl: string | null;
  clickpostTrackingBaseUrl: string | null;
  clickpostUsername: string | null;
  clickpostKey: string | null;
  webhookKey: string | null;
  apiToken: string | null;
  labelPollIntervalMs: number;
  labelPollAttempts: number;
  lateCheckIntervalMs: number;
  lateCheckCount: number;
  /** WORKER_CONCURRENCY: ClickPost calls kept in flight per node. */
  workerConcurrency: number;
  logLevel: string;
  hostCallbackUrl: string | null;
  hostCallbackSecret: string | null;
  trackingCron: string;
  dataDir: string;
  masterKey: string | null;
}

export const DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  labelPollIntervalMs: 120_000,
  labelPollAttempts: 6,
  lateCheckIntervalMs: 30 * 60_000,
  lateCheckCount: 48,
  workerConcurrency: 64,
  logLevel: 'info',
  trackingCron: '0 3 * * *', // daily track-order backup poll, 03:00 server time
  dataDir: './data',
});

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number, errors: FieldError[]): number {
  const raw = str(env, name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    errors.push({ path: name, message: `must be a whole number from ${min} to ${max}` });
    return fallback;
  }
  return n;
}

/** The default database: a SQLite file under DATA_DIR, so one folder holds all the data. */
export function defaultDatabaseUrl(dataDir: string): string {
  return `sqlite:${path.join(dataDir, 'connector.sqlite')}`;
}

export function loadEnvConfig(env: Env = process.env): EnvConfig {
  const errors: FieldError[] = [];
  const dataDir = str(env, 'DATA_DIR') ?? DEFAULTS.dataDir;
  const config: EnvConfig = {
    host: str(env, 'HOST') ?? DEFAULTS.host,
    port: int(env, 'PORT', DEFAULTS.port, 0, 65535, errors),
    databaseUrl: str(env, 'DATABASE_URL') ?? defaultDatabaseUrl(dataDir),
    clickpostBaseUrl: str(env, 'CLICKPOST_BASE_URL'),
    clickpostTrackingBaseUrl: str(env, 'CLICKPOST_TRACKING_BASE_URL'),
    clickpostUsername: str(env, 'CLICKPOST_USERNAME'),
    clickpostKey: str(env, 'CLICKPOST_KEY'),
    webhookKey: str(env, 'WEBHOOK_KEY'),
    apiToken: str(env, 'CONNECTOR_API_TOKEN'),
    labelPollIntervalMs: int(env, 'LABEL_POLL_INTERVAL_MS', DEFAULTS.labelPollIntervalMs, 1, 86_400_000, errors),
    labelPollAttempts: int(env, 'LABEL_POLL_ATTEMPTS', DEFAULTS.labelPollAttempts, 1, 100, errors),
    lateCheckIntervalMs: int(env, 'LATE_CHECK_INTERVAL_MS', DEFAULTS.lateCheckIntervalMs, 1, 86_400_000, errors),
    lateCheckCount: int(env, 'LATE_CHECK_COUNT', DEFAULTS.lateCheckCount, 0, 10_000, errors),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', DEFAULTS.workerConcurrency, 1, 1024, errors),
    logLevel: str(env, 'LOG_LEVEL') ?? DEFAULTS.logLevel,
    hostCallbackUrl: str(env, 'HOST_CALLBACK_URL'),
    hostCallbackSecret: str(env, 'HOST_CALLBACK_SECRET'),
    trackingCron: str(env, 'TRACKING_POLL_CRON') ?? DEFAULTS.trackingCron,
    dataDir,
    masterKey: str(env, 'CONNECTOR_MASTER_KEY'),
  };
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(config.databaseUrl)) {
    errors.push({ path: 'DATABASE_URL', message: 'must be sqlite:PATH or postgres://user:pass@host:port/db' });
  }
  for (const [path, url] of [['CLICKPOST_BASE_URL', config.clickpostBaseUrl], ['CLICKPOST_TRACKING_BASE_URL', config.clickpostTrackingBaseUrl]] as const) {
    if (url !== null && !/^https?:\/\//.test(url)) errors.push({ path, message: 'must be an http(s) URL' });
  }
  if (!['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'].includes(config.logLevel)) {
    errors.push({ path: 'LOG_LEVEL', message: 'must be a winston level (error, warn, info, debug, ...)' });
  }
  if (errors.length > 0) throw new ValidationError('invalid_environment', errors);
  return config;
}

/** createConnector's options from a loaded environment (the service and optionsFromEnv share it). */
export function connectorOptionsFrom(config: EnvConfig, env: Env): ConnectorOptions {
  return {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    env,
    clickpostBaseUrl: config.clickpostBaseUrl,
    clickpostTrackingBaseUrl: config.clickpostTrackingBaseUrl,
    labelPollIntervalMs: config.labelPollIntervalMs,
    labelPollAttempts: config.labelPollAttempts,
    lateCheckIntervalMs: config.lateCheckIntervalMs,
    lateCheckCount: config.lateCheckCount,
    webhookKey: config.webhookKey,
    hostCallbackUrl: config.hostCallbackUrl,
    hostCallbackSecret: config.hostCallbackSecret,
    trackingCron: config.trackingCron,
    worker: { concurrency: config.workerConcurrency },
    // The built-in sandbox beside the service (PORT+1): a fixed port keeps the label URLs of
    // sandbox bookings valid after a restart.
    sandboxPort: config.port === 0 ? 0 : Math.min(config.port + 1, 65535),
  };
}

/**
 * The service's own mapping of the environment (contract: "Environment") to
 * createConnector's options, for a host that configures the library the same way. Throws
 * ValidationError('invalid_environment') naming every wrong variable. No logger: pass yours.
 */
export function optionsFromEnv(env: Env = process.env): ConnectorOptions {
  return connectorOptionsFrom(loadEnvConfig(env), env);
}
