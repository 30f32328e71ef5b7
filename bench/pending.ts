/**
 * 100,000 pending (issue #10, point 4) and restart to first poll.
 *
 * Seeding: one real shipment is booked into LABEL_REQUESTED through the connector
 * (SBX_ASYNC_NEVER: accepted, no label ever) and its rows (shipment, boxes, attempt,
 * done create effect, label-poll timer) are copied `count - 1` times in SQL with the
 * reference swapped: the rows a node would hold after `count` such bookings, without
 * booking them one by one (body_hash is the template's, unused here; api_calls history is
 * not copied). Poll i is due at T0 + i x (2 min / count), T0 = 1 s before the node starts:
 * `count` / 120 polls due per second, as `count` shipments polled every 2 min.
 *
 * Each run is a fresh process (bench/node-child.ts, the library's workers on SQLite) and a
 * fresh sandbox process answering in `latencyMs`; the sandbox notes each poll's arrival:
 *  - restart to first poll: from spawning the node to the first poll at the sandbox;
 *  - poll dispatch lag: arrival at the sandbox minus due time, p99 over the polls due in
 *    a window of `windowS` s that opens `warmS` s after the spawn (a poll due in the window
 *    that never arrived counts as infinitely late); polls/s over the window beside it;
 *  - RSS growth: the node's RSS (/proc) once idle after the window (remaining timers pushed
 *    an hour out), minus the RSS of the same node idle on an empty database, per 100,000.
 * Baseline: bench/bare-poller.ts (better-sqlite3 + got) on a copy of the same database,
 * same pool size, same sandbox, same measures.
 */
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ManualClock } from '../src/clock.js';
import { createConnector } from '../src/connector.js';
import { sampleShipment } from '../src/cli/sample-shipment.js';
import { startSandboxProcess } from './sandbox-process.js';
import type { BenchRow } from './measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TEMPLATE = 'PEND-0000000';
export const CYCLE_MS = 120_000;
const SETTLE_MS = 6_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Seeded {
  dbPath: string;
  emptyPath: string;
  bodyFile: string;
  env: Record<string, string>;
}

/** Copies the template's rows to PEND-0000001 .. PEND-<count-1> in a few statements. */
function clone(dbPath: string, count: number): void {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 5000');
  const code = `'PEND-' || printf('%07d', n.i)`;
  const swap = (col: string) => `replace(${col}, '${TEMPLATE}', ${code})`;
  const numbers = `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count - 1})`;
  db.transaction(() => {
    db.exec(`${numbers}
      insert into shipments (shipment_code, status, body, body_hash, snapshot, version, settings, created_at, updated_at)
      select ${code}, status, ${swap('body')}, body_hash, ${swap('snapshot')}, version, settings, created_at, updated_at
      from shipments, n where shipment_code = '${TEMPLATE}'`);
    const pend = `(select s.id, s.shipment_code from shipments s where s.shipment_code <> '${TEMPLATE}') c`;
    const tpl = `(select id from shipments where shipment_code = '${TEMPLATE}')`;
    const swapC = (col: string) => `replace(${col}, '${TEMPLATE}', c.shipment_code)`;
    db.exec(`insert into boxes (shipment_id, position, box_code) select c.id, b.position, ${swapC('b.box_code')} from ${pend}, boxes b where b.shipment_id = ${tpl}`);
    db.exec(`insert into attempts (shipment_id, priority, courier_partner_id, account_code, reference_number, outcome, meta_status, message, polls, started_at)
      select c.id, a.priority, a.courier_partner_id, a.account_code, ${swapC('a.reference_number')}, a.outcome, a.meta_status, a.message, a.polls, a.started_at
      from ${pend}, attempts a where a.shipment_id = ${tpl}`);
    db.exec(`insert into effects (shipment_id, kind, payload, idempotency_key, status, attempts, run_at, created_at, done_at)
      select c.id, e.kind, ${swapC('e.payload')}, ${swapC('e.idempotency_key')}, e.status, e.attempts, e.run_at, e.created_at, e.done_at
      from ${pend}, effects e where e.shipment_id = ${tpl}`);
    db.exec(`insert into timers (shipment_id, timer_key, event, due_at)
      select c.id, t.timer_key, ${swapC('t.event')}, t.due_at from ${pend}, timers t where t.shipment_id = ${tpl}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export async function seed(dir: string, count: number, sandboxUrl: string): Promise<Seeded> {
  const env = { CONNECTOR_MASTER_KEY: crypto.randomBytes(32).toString('hex'), CLICKPOST_USERNAME: 'bench', CLICKPOST_KEY: 'bench-key-0000' };
  const open = (file: string) =>
    createConnector({ databaseUrl: `sqlite:${file}`, dataDir: path.join(dir, 'pending-data'), clock: new ManualClock(Date.now()), env, clickpostBaseUrl: sandboxUrl, trackingCron: null, reportCron: null });
  const emptyPath = path.join(dir, 'pending-empty.sqlite');
  await (await open(emptyPath)).stop(); // migrated, settings written, no shipment
  const dbPath = path.join(dir, 'pending.sqlite');
  const connector = await open(dbPath);
  let body: string;
  try {
    await connector.schedule(sampleShipment(TEMPLATE, ['SBX_ASYNC_NEVER', 'Bluedart Surface'], 2));
    await connector.worker.drain();
    const row = (await connector.db('shipments').where({ shipment_code: TEMPLATE }).first('status')) as { status: string };
    if (row.status !== 'LABEL_REQUESTED') throw new Error(`pending bench: template is ${row.status}`);
    body = ((await connector.db('api_calls').where({ reference_number: TEMPLATE }).first('request_body')) as { request_body: string }).request_body;
  } finally {
    await connector.stop();
  }
  clone(dbPath, count);
  const bodyFile = path.join(dir, 'pending-body.json');
  fs.writeFileSync(bodyFile, body);
  return { dbPath, emptyPath, bodyFile, env };
}

export function setDue(dbPath: string, sql: string, params: unknown[]): void {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 10000');
  db.prepare(sql).run(...params);
  db.close();
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export function spawnReady(script: string, env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  // BENCH_CHILD_NODE_ARGS: e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the node.
  const nodeArgs = script === 'node-child.js' ? (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(HERE, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
  return { child, ready };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

type Launch = (dbPath: string, sandboxUrl: string) => { child: ChildProcess; ready: Promise<void> };

/** RSS of the process idle on the empty database. */
async function idleRss(launch: Launch, emptyPath: string, latencyMs: number): Promise<number> {
  const sandbox = await startSandboxProcess(latencyMs);
  const { child, ready } = launch(emptyPath, sandbox.url);
  try {
    await ready;
    await sleep(SETTLE_MS);
    return rssOf(child.pid!);
  } finally {
    await stopChild(child);
    await sandbox.close();
  }
}

interface PendingRun {
  firstPollMs: number;
  lags: number[];
  missing: number;
  windowRate: number;
  /** Polls that arrived during the window, whatever their due time, per second. */
  sentRate: number;
  peakRss: number;
  idleRss: number;
}

async function pendingRun(launch: Launch, dbPath: string, count: number, latencyMs: number, warmS: number, windowS: number): Promise<PendingRun> {
  const sandbox = await startSandboxProcess(latencyMs);
  const step = CYCLE_MS / count;
  const spawnedAt = Date.now();
  const t0 = spawnedAt - 1000;
  setDue(dbPath, `update timers set due_at = ? + cast(substr((select shipment_code from shipments s where s.id = timers.shipment_id), 6) as integer) * ?`, [t0, step]);
  const { child, ready } = launch(dbPath, sandbox.url);
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, rssOf(child.pid!));
    } catch {
      /* ended */
    }
  }, 1000);
  try {
    await ready;
    const from = spawnedAt + warmS * 1000;
    const to = from + windowS * 1000;
    await sleep(to + 5_000 - Date.now()); // the window's last polls get 5 s to arrive
    const polls = await sandbox.polls(spawnedAt);
    // Quiet again: every remaining poll an hour out, then the node settles.
    setDue(dbPath, 'update timers set due_at = due_at + 3600000', []);
    await sleep(SETTLE_MS);
    const idle = rssOf(child.pid!);
    const dueOf = (key: string) => {
      const m = /PEND-(\d{7})/.exec(key);
      return m ? t0 + Number(m[1]) * step : NaN;
    };
    const firstPollMs = polls.length > 0 ? Math.min(...polls.map(([at]) => at)) - spawnedAt : Infinity;
    const arrived = new Map<number, number>();
    for (const [at, key] of polls) {
      const due = dueOf(key);
      if (due >= from && due < to && !arrived.has(due)) arrived.set(due, at - due);
    }
    const dueInWindow = Math.ceil((to - t0) / step) - Math.ceil((from - t0) / step);
    const missing = Math.max(0, dueInWindow - arrived.size);
    const lags = [...arrived.values(), ...Array.from({ length: missing }, () => Infinity)];
    if (process.env.BENCH_PENDING_DUMP) fs.writeFileSync(`${process.env.BENCH_PENDING_DUMP}-${path.basename(dbPath)}.json`, JSON.stringify(polls.map(([at, key]) => [at - spawnedAt, Math.round(at - dueOf(key))])));
    const sentRate = polls.filter(([at]) => at >= from && at < to).length / windowS;
    return { firstPollMs, lags, missing, windowRate: arrived.size / windowS, sentRate, peakRss, idleRss: idle };
  } finally {
    clearInterval(sampler);
    await stopChild(child);
    await sandbox.close();
  }
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

const fmtLag = (s: number) => (s === Infinity ? 'not all sent' : `${s.toFixed(2)} s`);
const mb = (bytes: number) => bytes / 1024 / 1024;

export async function benchPending(dir: string, count: number, latencyMs: number, concurrency: number, warmS: number, windowS: number): Promise<BenchRow[]> {
  const seedSandbox = await startSandboxProcess(0);
  let seeded: Seeded;
  try {
    seeded = await seed(dir, count, seedSandbox.url);
  } finally {
    await seedSandbox.close();
  }
  const barePath = path.join(dir, 'pending-bare.sqlite');
  const bareEmpty = path.join(dir, 'pending-bare-empty.sqlite');
  fs.copyFileSync(seeded.dbPath, barePath);
  fs.copyFileSync(seeded.emptyPath, bareEmpty);
  const nodeLaunch: Launch = (dbPath, url) =>
    spawnReady('node-child.js', { ...seeded.env, DATABASE_URL: `sqlite:${dbPath}`, CLICKPOST_BASE_URL: url, DATA_DIR: path.join(dir, 'pending-data'), WORKER_CONCURRENCY: String(concurrency) });
  const bareLaunch: Launch = (dbPath, url) =>
    spawnReady('bare-poller.js', { BARE_DB: dbPath, BARE_URL: url, BARE_BODY: seeded.bodyFile, BARE_TEMPLATE: TEMPLATE, BARE_CONCURRENCY: String(concurrency) });

  const emptyRss = await idleRss(nodeLaunch, seeded.emptyPath, latencyMs);
  const ours = await pendingRun(nodeLaunch, seeded.dbPath, count, latencyMs, warmS, windowS);
  const bareEmptyRss = await idleRss(bareLaunch, bareEmpty, latencyMs);
  const bare = await pendingRun(bareLaunch, barePath, count, latencyMs, warmS, windowS);

  const per100k = (bytes: number) => (mb(bytes) * 100_000) / count;
  const growth = per100k(ours.idleRss - emptyRss);
  const bareGrowth = per100k(bare.idleRss - bareEmptyRss);
  const lag = p99(ours.lags) / 1000;
  const bareLag = p99(bare.lags) / 1000;
  const rate = count / (CYCLE_MS / 1000);
  const window = `window ${windowS} s from ${warmS} s after start`;
  return [
    {
      name: `pending: ${count} LABEL_REQUESTED, RSS growth of an idle node (idle after the polling window: ${mb(ours.idleRss).toFixed(0)} MB; empty: ${mb(emptyRss).toFixed(0)} MB; peak while polling ${mb(ours.peakRss).toFixed(0)} MB), per 100,000`,
      value: `${growth.toFixed(1)} MB`,
      baseline: `${bareGrowth.toFixed(1)} MB bare poller (${mb(bare.idleRss).toFixed(0)} vs ${mb(bareEmptyRss).toFixed(0)} MB)`,
      ratio: bareGrowth !== 0 ? growth / bareGrowth : 0,
      goal: '<= 64 MB per 100,000',
      met: growth <= 64,
    },
    {
      name: `pending: poll dispatch lag at the sandbox, ${rate.toFixed(0)} polls/s due, sandbox ${latencyMs} ms, pool ${concurrency} (${window}; ${ours.missing} of the window's polls never sent; ratio: polls/s sent vs bare)`,
      value: `${fmtLag(lag)} p99; ${ours.sentRate.toFixed(0)} polls/s sent in the window`,
      baseline: `${fmtLag(bareLag)} p99; ${bare.sentRate.toFixed(0)} polls/s bare poller (${bare.missing} never sent)`,
      ratio: ours.sentRate / Math.max(1, bare.sentRate),
      goal: 'p99 <= 1 s at >= 800 polls/s',
      met: lag <= 1 && ours.sentRate >= 800,
    },
    {
      name: `restart: ${count} pending, from spawning the node to the first due poll at the sandbox`,
      value: `${(ours.firstPollMs / 1000).toFixed(2)} s`,
      baseline: `${(bare.firstPollMs / 1000).toFixed(2)} s bare poller`,
      ratio: ours.firstPollMs / bare.firstPollMs,
      goal: '<= 2 s',
      met: ours.firstPollMs <= 2000,
    },
  ];
}
