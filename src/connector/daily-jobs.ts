/**
 * The connector's nightly jobs (node-cron): the track-order backup poll for webhooks that
 * never came, and the failure report with the day's reconciliation against ClickPost.
 */
import type { Db } from '../store/db.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/index.js';
import type { ShipmentCountResult } from '../clickpost/shipment-count.js';
import type { TrackingService } from '../tracking/tracking-service.js';
import { startDailyReport, type DailyReportJob } from '../reports/index.js';

/** Default time of the track-order backup poll: 03:00 every day. */
export const DEFAULT_TRACKING_CRON = '0 3 * * *';

export interface DailyJobParts {
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  dataDir: string;
  tracking: TrackingService;
  shipmentCount: (date: string) => Promise<ShipmentCountResult>;
  /** undefined: the default; null: off. */
  trackingCron: string | null | undefined;
  reportCron: string | null | undefined;
}

export function dailyJobs(parts: DailyJobParts) {
  let report: DailyReportJob | null = null;
  return {
    start(): void {
      const trackingCron = parts.trackingCron === undefined ? DEFAULT_TRACKING_CRON : parts.trackingCron;
      if (trackingCron) parts.tracking.startSchedule(trackingCron);
      if (parts.reportCron === null) return;
      report = startDailyReport({
        db: parts.db,
        clock: parts.clock,
        logger: parts.logger,
        dataDir: parts.dataDir,
        cron: parts.reportCron,
        clickpostCount: parts.shipmentCount,
        onReconciled: (r) => parts.metrics.observeReconciliation(r.difference),
      });
    },
    stop(): void {
      parts.tracking.stopSchedule();
      report?.stop();
      report = null;
    },
  };
}
