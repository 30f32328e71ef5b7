/**
 * The nightly job: shortly after India midnight, build and write yesterday's failure
 * report. node-cron fires on the wall clock in Asia/Kolkata; the day reported is taken
 * from the injected clock, so a test can run the job body at any instant.
 */
import cron from 'node-cron';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { buildFailureReport } from './failure-report.js';
import { previousIndiaDate } from './india-day.js';
import { writeFailureReport } from './write-report.js';
import type { Reconciliation } from './reconciliation.js';
import type { ShipmentCountResult } from '../clickpost/shipment-count.js';

export const DEFAULT_REPORT_CRON = '15 0 * * *';
export const REPORT_TIMEZONE = 'Asia/Kolkata';

export interface DailyReportOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  /** node-cron expression in India time; default 00:15 every day. */
  cron?: string;
  /** ClickPost's count of a day, for the reconciliation in the report (absent: none). */
  clickpostCount?: (date: string) => Promise<ShipmentCountResult>;
  /** Hears every reconciliation (metrics). */
  onReconciled?: (r: Reconciliation) => void;
}

export interface DailyReportResult {
  date: string;
  json: string;
  csv: string;
  failed_calls: number;
}

/** Builds and writes the report of the India day before `clock.now()`. */
export async function runDailyReport(options: Omit<DailyReportOptions, 'cron'>): Promise<DailyReportResult> {
  // The reconciliation is part of the nightly report: ClickPost's count of yesterday.
  const date = previousIndiaDate(options.clock.now());
  const report = await buildFailureReport(options.db, date, options.clock, options.clickpostCount);
  const files = await writeFailureReport(options.dataDir, report);
  options.logger.info('failure report written', { date, failed_calls: report.totals.failed_calls, json: files.json, csv: files.csv });
  const r = report.reconciliation;
  if (r) {
    options.onReconciled?.(r);
    if (r.difference !== 0) {
      options.logger.warn('daily reconciliation differs', { date, clickpost_count: r.clickpost_count, connector_count: r.connector_count, difference: r.difference, error: r.error ?? null });
    }
  }
  return { date, ...files, failed_calls: report.totals.failed_calls };
}

export interface DailyReportJob {
  stop(): void;
  /** When the job fires next (a real instant: node-cron reads the system clock); null once stopped. */
  nextRun(): Date | null;
}

export function startDailyReport(options: DailyReportOptions): DailyReportJob {
  const expression = options.cron ?? DEFAULT_REPORT_CRON;
  if (!cron.validate(expression)) throw new Error(`Invalid report cron expression: ${expression}`);
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await runDailyReport(options);
      } catch (err) {
        // A failed night must not stop the schedule; the next night tries again.
        options.logger.error('failure report failed', { error: err instanceof Error ? err.message : String(err) });
      }
    },
    { timezone: REPORT_TIMEZONE, name: 'daily-failure-report', noOverlap: true },
  );
  let stopped = false;
  return {
    stop() {
      stopped = true;
      void task.destroy();
    },
    nextRun: () => (stopped ? null : task.getNextRun()),
  };
}
