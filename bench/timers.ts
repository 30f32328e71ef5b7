/**
 * Timers in batches: `count` shipments wait in LABEL_REQUESTED (SBX_ASYNC_NEVER) with
 * their label poll due at the same moment; the clock jumps past it and the worker fires
 * them all (the running loop), each timer step queueing a poll effect that calls the sandbox (its own
 * process, `latencyMs` per answer). Figures: polls sent per second of the burst, as the
 * sandbox saw them arrive, and the p99 of each poll's lag from the jump to its arrival
 * (and, beside it, to its timer's step). Baseline: bare better-sqlite3
 * taking the same number of due rows and writing one row per timer, 100 per transaction.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ManualClock } from '../src/clock.js';
import { createConnector } from '../src/connector.js';
import { sampleShipment } from '../src/cli/sample-shipment.js';
import { startSandboxProcess } from './sandbox-process.js';
import { countByStatus } from './engine-fixture.js';
import type { BenchRow } from './measure.js';

const POLL_INTERVAL_MS = 120_000;

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

function bareTimers(dir: string, count: number): number {
  const db = new Database(path.join(dir, 'bare-timers.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table timers (id integer primary key, shipment_id integer, due_at integer); create index timers_due on timers (due_at);');
  db.exec('create table effects (id integer primary key, shipment_id integer, kind text, run_at integer)');
  const insert = db.prepare('insert into timers (shipment_id, due_at) values (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(i + 1, 0);
  })();
  const take = db.prepare('delete from timers where id in (select id from timers where due_at <= ? order by due_at, id limit 100) returning *');
  const queue = db.prepare("insert into effects (shipment_id, kind, run_at) values (?, 'label_poll', ?)");
  const batch = db.transaction(() => {
    const rows = take.all(1) as { shipment_id: number }[];
    for (const r of rows) queue.run(r.shipment_id, 1);
    return rows.length;
  });
  const start = performance.now();
  while (batch() > 0);
  const ms = performance.now() - start;
  db.close();
  return ms;
}

export async function benchTimers(dir: string, count: number, latencyMs: number, concurrency: number): Promise<BenchRow[]> {
  const sandbox = await startSandboxProcess(latencyMs);
  const clock = new ManualClock(Date.now());
  const fired: number[] = [];
  let jumpedAt = 0;
  const connector = await createConnector({
    databaseUrl: `sqlite:${path.join(dir, 'timers.sqlite')}`,
    dataDir: path.join(dir, 'timers'),
    clock,
    env: { CONNECTOR_MASTER_KEY: crypto.randomBytes(32).toString('hex'), CLICKPOST_USERNAME: 'bench', CLICKPOST_KEY: 'bench-key-0000' },
    clickpostBaseUrl: sandbox.url,
    clickpostTimeoutMs: 30_000,
    labelPollIntervalMs: POLL_INTERVAL_MS,
    trackingCron: null,
    reportCron: null,
    worker: {
      concurrency,
      onTimerFired: (timer) => {
        if (timer.timer_key === 'labelPoll' && jumpedAt > 0) fired.push(performance.now() - jumpedAt);
      },
    },
  });
  try {
    for (let i = 0; i < count; i++) await connector.schedule(sampleShipment(`TMR-${i}`, ['SBX_ASYNC_NEVER', 'Bluedart Surface'], 2));
    await connector.worker.drain(); // every shipment LABEL_REQUESTED, its first poll due in 2 min
    const waiting = await countByStatus(connector, 'LABEL_REQUESTED');
    if (waiting !== count) throw new Error(`timers bench: ${waiting} of ${count} LABEL_REQUESTED`);
    clock.advance(POLL_INTERVAL_MS);
    jumpedAt = performance.now();
    const jumpedAtEpoch = Date.now();
    await connector.start(); // the running loop, as in service (drain() would wait for each batch's calls)
    const giveUpAt = jumpedAt + 600_000;
    let sent: Array<[number, string]> = [];
    while (performance.now() < giveUpAt) {
      sent = await sandbox.polls(jumpedAtEpoch);
      if (sent.length >= count && fired.length >= count) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await connector.stop(); // lets the polls in flight finish
    const burstMs = performance.now() - jumpedAt;
    if (fired.length !== count || sent.length < count) throw new Error(`timers bench: ${fired.length} of ${count} polls stepped, ${sent.length} sent`);
    const arrivals = sent.map(([at]) => at - jumpedAtEpoch);
    const lastSent = Math.max(...arrivals);
    const bareMs = bareTimers(dir, count);
    const rate = (count / lastSent) * 1000;
    const bareRate = (count / bareMs) * 1000;
    return [
      {
        name: `timers: ${count} label polls due at once, sandbox ${latencyMs} ms, pool ${concurrency}: polls/s sent (at the sandbox; steps done by ${(Math.max(...fired) / 1000).toFixed(2)} s)`,
        value: `${rate.toFixed(0)} polls/s sent`,
        baseline: `${bareRate.toFixed(0)} rows/s bare take+insert`,
        ratio: rate / bareRate,
        goal: '>= 800 polls/s',
        met: rate >= 800,
      },
      {
        name: `timers: same burst, p99 lag from due to arrival at the sandbox (to the step: ${(p99(fired) / 1000).toFixed(2)} s p99; all ${count} calls done in ${(burstMs / 1000).toFixed(1)} s)`,
        value: `${(p99(arrivals) / 1000).toFixed(2)} s p99`,
        baseline: `${(bareMs / 1000).toFixed(2)} s for the bare burst`,
        ratio: p99(arrivals) / Math.max(1, bareMs),
        goal: 'a burst, not the steady 800/s of the issue',
        met: null,
      },
    ];
  } finally {
    await connector.stop();
    await sandbox.close();
  }
}
