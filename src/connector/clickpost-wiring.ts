/**
 * Which ClickPost each part of the connector talks to: the orders API behind the account
 * breakers, track-order at its own base URL, and ClickPost's daily shipment count. Every
 * call is recorded (api_calls) and timed (metrics): the rows of a worker's effect are written
 * with its step, the others at once.
 */
import type { ClickPostApi } from '../clickpost/api.js';
import type { ShipmentCountResult } from '../clickpost/shipment-count.js';
import { createClickPostProvider } from '../engine/clickpost-provider.js';
import { guardedApi } from '../breaker/guarded-api.js';
import type { AccountBreakers } from '../breaker/account-breakers.js';
import type { BreakerConfig } from '../breaker/breaker-rules.js';
import { trackingApi } from '../tracking/tracking-target.js';
import { insertApiCall } from '../store/api-calls-repo.js';
import { deferrable } from '../transport/deferred-records.js';
import { redact } from '../transport/redact.js';
import type { ApiCallRecord } from '../transport/types.js';
import type { Db } from '../store/db.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { SettingsService } from '../settings/index.js';
import type { ConnectorOptions } from '../connector-options.js';
import type { Metrics } from '../metrics/index.js';

export interface ClickPostWiring {
  /** Where calls go now: the sandbox or a real base URL. */
  describe: ReturnType<typeof createClickPostProvider>['describe'];
  /** The orders API; an account whose breaker is open is skipped without a call. */
  orders: () => Promise<ClickPostApi>;
  /** track-order, at CLICKPOST_TRACKING_BASE_URL (default api.clickpost.in). */
  tracking: () => Promise<ClickPostApi>;
  /** ClickPost's count of one India day (reconciliation); a failure to ask is reported, not thrown. */
  shipmentCount: (date: string) => Promise<ShipmentCountResult>;
}

export interface ClickPostWiringParts {
  options: ConnectorOptions;
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: SettingsService;
  metrics: Metrics;
  sandboxUrl: () => Promise<string>;
  breakers: AccountBreakers;
  breakerConfig: BreakerConfig;
}

export function wireClickPost(parts: ClickPostWiringParts): ClickPostWiring {
  const { options, db, metrics, logger, breakers, breakerConfig } = parts;
  // A worker's effect collects its rows and inserts them with its step (deferred-records.ts);
  // any other call (a cancel from the HTTP face, tracking, reconciliation, the CLI) writes at once.
  const writeRow = deferrable((row) => insertApiCall(db, row));
  const providerOptions = {
    settings: () => parts.settings.get(),
    sandboxUrl: parts.sandboxUrl,
    recorder: (row: ApiCallRecord) => {
      metrics.observeClickPostCall(row.endpoint, row.duration_ms, row.failed ? 'failed' : 'ok');
      return writeRow(row);
    },
    logger,
    clock: parts.clock,
    timeoutMs: options.clickpostTimeoutMs,
    retry: options.clickpostRetry,
  };
  const main = createClickPostProvider({ ...providerOptions, baseUrl: options.clickpostBaseUrl ?? null });
  const tracking = trackingApi({
    main,
    trackingBaseUrl: options.clickpostTrackingBaseUrl ?? null,
    baseUrl: options.clickpostBaseUrl ?? null,
    pinned: (baseUrl) => createClickPostProvider({ ...providerOptions, baseUrl }),
  });
  return {
    describe: () => main.describe(),
    orders: async () => guardedApi(await main.api(), breakers, breakerConfig, logger),
    tracking,
    async shipmentCount(date) {
      try {
        return await (await main.api()).fetchShipmentCount(date);
      } catch (err) {
        return { ok: false, error: redact(String((err as Error)?.message ?? err)) };
      }
    },
  };
}
