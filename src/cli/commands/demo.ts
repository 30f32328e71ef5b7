/**
 * `demo`: N sample multi-box shipments through the built-in ClickPost sandbox, with a
 * short label poll interval so the 12-minute polling window passes in seconds. Its own
 * database (deleted first, so every run starts fresh) and its own temporary data folder:
 * it never touches the service's data, nor real ClickPost credentials from the environment.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnector, type Connector } from '../../connector.js';
import { createLogger } from '../../logger.js';
import { sqliteFileOf } from '../../store/db.js';
import { ValidationError } from '../../errors.js';
import type { ShipmentView } from '../../views/shipment-view.js';
import { EXIT_FAILURE, EXIT_OK, type TextSink } from '../exit.js';
import { planDemo, type PlannedShipment } from '../demo/behaviours.js';
import { createProgress, type ProgressSink } from '../demo/progress.js';
import { renderSummary, summarize } from '../demo/summary.js';

export interface DemoOptions {
  shipments: number;
  intervalMs: number;
  concurrency: number;
  database: string;
  /** Give up waiting after this long (the run then fails). */
  timeoutMs: number;
}

export const DEMO_DEFAULTS: DemoOptions = Object.freeze({
  shipments: 40,
  intervalMs: 200,
  concurrency: 8,
  database: 'sqlite:./data/demo.sqlite',
  timeoutMs: 120_000,
});

const POLL_ATTEMPTS = 6; // the production window: 6 polls

/** Deletes the demo's SQLite file (and its WAL files); refuses anything but sqlite:. */
function freshDatabase(url: string): void {
  if (!url.startsWith('sqlite:')) {
    throw new ValidationError('invalid_query', [{ path: '--database', message: 'must be sqlite:PATH (the demo deletes it first, so it never uses a shared database)' }]);
  }
  const file = sqliteFileOf(url);
  if (file === ':memory:') return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

async function openDemoConnector(options: DemoOptions, dataDir: string): Promise<Connector> {
  return createConnector({
    databaseUrl: options.database,
    dataDir,
    // Only a throwaway master key: no credentials and no base URL, so calls go to the
    // built-in sandbox whatever CLICKPOST_* the shell has.
    env: { CONNECTOR_MASTER_KEY: crypto.randomBytes(32).toString('hex') },
    clickpostBaseUrl: null,
    logger: createLogger({ level: 'error' }),
    labelPollIntervalMs: options.intervalMs,
    labelPollAttempts: POLL_ATTEMPTS,
    lateCheckIntervalMs: options.intervalMs,
    lateCheckCount: 1,
    clickpostRetry: { limit: 3, baseDelayMs: 10, maxDelayMs: 50 },
    worker: { concurrency: options.concurrency, idleMs: Math.min(250, options.intervalMs) },
    trackingCron: null,
    reportCron: null,
  });
}

async function waitForAll(connector: Connector, plans: PlannedShipment[], options: DemoOptions, progress: ReturnType<typeof createProgress>, ended: Map<string, string>): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const count = (status: string) => [...ended.values()].filter((s) => s === status).length;
  while (ended.size < plans.length && Date.now() < deadline) {
    progress.update(ended.size, count('BOOKED'), count('FAILED'));
    connector.worker.notify();
    await new Promise((r) => setTimeout(r, 50));
  }
  progress.update(ended.size, count('BOOKED'), count('FAILED'));
  progress.end();
}

export async function demo(options: DemoOptions, out: TextSink & ProgressSink = process.stdout, err: TextSink = process.stderr): Promise<number> {
  freshDatabase(options.database);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clickpost-demo-'));
  const plans = planDemo(options.shipments);
  out.write(
    `Demo: ${plans.length} shipments through the built-in ClickPost sandbox; label poll every ${options.intervalMs} ms ` +
      `(${POLL_ATTEMPTS} polls), concurrency ${options.concurrency}, database ${options.database}\n`,
  );
  const connector = await openDemoConnector(options, dataDir);
  const ended = new Map<string, string>();
  connector.onStatusChange((c) => {
    if (c.to === 'BOOKED' || c.to === 'FAILED') ended.set(c.shipment_code, c.to);
  });
  let views: ShipmentView[];
  const started = Date.now();
  try {
    await connector.start();
    for (const plan of plans) await connector.schedule(plan.shipment);
    await waitForAll(connector, plans, options, createProgress(plans.length, out), ended);
    views = await Promise.all(plans.map((p) => connector.get(p.code)));
  } finally {
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const wallMs = Date.now() - started;
  const summary = summarize(plans, views);
  out.write(`${renderSummary(summary, wallMs)}\n`);
  if (summary.mismatches.length === 0) return EXIT_OK;
  if (summary.unfinished > 0) err.write(`${summary.unfinished} shipment(s) were not BOOKED or FAILED after --timeout-ms ${options.timeoutMs}.\n`);
  err.write(`${summary.mismatches.length} shipment(s) did not end as their behaviour says:\n${summary.mismatches.map((m) => `  ${m}\n`).join('')}`);
  return EXIT_FAILURE;
}
