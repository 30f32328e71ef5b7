/**
 * kill -9 at random points. A child process runs the workers against a real SQLite file
 * (and PostgreSQL in CI) and the loopback sandbox living in this process; it is SIGKILLed
 * 30+ times while 100+ shipments of mixed behaviours go through, and restarted each time.
 * In the end: every shipment terminal, at most one live ClickPost order per shipment
 * (the sandbox's ledger), no attempt polled more than the limit, nothing forgotten.
 *
 * The child runs the compiled dist/scripts/crash-worker.js (`npm test` builds first).
 */
import { describe, it, expect, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnector } from '../../src/connector.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { exampleShipment } from '../helpers/shipments.js';
import { openTestDb, testDatabases } from '../helpers/db.js';

const WORKER = path.resolve('dist/scripts/crash-worker.js');
const KILLS = Number(process.env.KILLS ?? 32);
const SHIPMENTS = Number(process.env.SHIPMENTS ?? 120);
const POLL_LIMIT = 6;

const BEHAVIOURS: string[][] = [
  ['Delhivery B2B'], // sync
  ['SBX_ERR_319', 'Bluedart Surface'], // immediate error -> P2
  ['SBX_ASYNC_2'], // async, label on the 2nd poll
  ['SBX_ASYNC_NEVER', 'Bluedart Surface'], // 12-minute window runs out -> P2
  ['SBX_ASYNC_8', 'Bluedart Surface'], // late AWB after the window -> cancelled
  ['SBX_HTTP500_2', 'Bluedart Surface'], // transient, retried, booked at P1
  ['SBX_ERR_319', 'SBX_ERR_301'], // nobody books -> FAILED
  ['SBX_ASYNC_FAIL_2', 'SBX_ASYNC_3'], // poll error -> async P2
  ['SBX_SLOW_150', 'Bluedart Surface'], // slow answers: kills land mid-call
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (a: number, b: number) => a + Math.floor(Math.random() * (b - a));

describe.each(testDatabases())('crash recovery on %s', (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`survives ${KILLS} SIGKILLs across ${SHIPMENTS} shipments`, async () => {
    expect(fs.existsSync(WORKER)).toBe(true);
    const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => sandbox.close());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const testDb = await openTestDb(kind);
    cleanups.push(() => testDb.close());
    const env = { ...process.env, DATABASE_URL: testDb.url, CLICKPOST_BASE_URL: sandbox.url, DATA_DIR: dataDir, CONNECTOR_MASTER_KEY: 'b'.repeat(64), CLICKPOST_USERNAME: 'crash', CLICKPOST_KEY: 'sk_test_CRASH_k3y', LOG_LEVEL: 'error' };
    // The machine settings travel with each shipment (its context), so the scheduling side sets them.
    const host = await createConnector({ db: testDb.db, dataDir, env, clickpostBaseUrl: sandbox.url, labelPollIntervalMs: 100, lateCheckIntervalMs: 150, lateCheckCount: 6 });

    let child: ChildProcess | null = null;
    let workerDied: string | null = null; // the worker exiting on its own is a failure, not a kill
    const spawnWorker = () => {
      const c = spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      c.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') workerDied ??= `worker exited by itself: code ${code}, signal ${signal}`;
      });
      child = c;
    };
    const killWorker = async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    };
    cleanups.push(killWorker);

    const codes = Array.from({ length: SHIPMENTS }, (_, i) => `CR-${String(i).padStart(3, '0')}`);
    const behaviourOf = (i: number) => BEHAVIOURS[i % BEHAVIOURS.length]!;
    // Half scheduled up front, the rest while the kills go on.
    for (let i = 0; i < SHIPMENTS / 2; i++) await host.schedule(exampleShipment(codes[i]!, behaviourOf(i), 1 + (i % 3)));
    spawnWorker();
    let next = SHIPMENTS / 2;
    for (let k = 0; k < KILLS; k++) {
      await sleep(rand(30, 350));
      await killWorker();
      for (let j = 0; j < 2 && next < SHIPMENTS; j++, next++) await host.schedule(exampleShipment(codes[next]!, behaviourOf(next), 1 + (next % 3)));
      spawnWorker();
    }
    while (next < SHIPMENTS) await host.schedule(exampleShipment(codes[next]!, behaviourOf(next), 1 + (next++ % 3)));

    // Let the last worker finish everything: terminal, and no abandoned order still watched.
    const deadline = Date.now() + 150_000;
    let open = Infinity;
    while (Date.now() < deadline && !workerDied) {
      const statuses = await host.db('shipments').whereNotIn('status', ['BOOKED', 'FAILED', 'CANCELLED']).count({ n: '*' });
      const watching = await host.db('attempts').whereIn('late_awb_state', ['WATCHING', 'CANCELLING']).count({ n: '*' });
      open = Number(statuses[0]!.n) + Number(watching[0]!.n);
      if (open === 0) break;
      await sleep(200);
    }
    await killWorker();
    if (open !== 0 && process.env.CRASH_DEBUG) {
      const stuck = await host.db('shipments').whereNotIn('status', ['BOOKED', 'FAILED', 'CANCELLED']).select('id', 'shipment_code', 'status', 'version').limit(3);
      for (const s of stuck) {
        console.log(JSON.stringify({ s, timers: await host.db('timers').where({ shipment_id: s.id }), effects: await host.db('effects').where({ shipment_id: s.id }) }));
      }
    }

    const shipments = await host.db('shipments').select('shipment_code', 'status', 'parent_awb');
    const attempts = await host.db('attempts').select('reference_number', 'polls', 'outcome', 'late_awb_state');
    const live = sandbox.ledger.liveOrdersByShipment();
    const orders = sandbox.ledger.orders();
    const counts = {
      kills: KILLS,
      shipments: shipments.length,
      booked: shipments.filter((s) => s.status === 'BOOKED').length,
      failed: shipments.filter((s) => s.status === 'FAILED').length,
      not_terminal: shipments.filter((s) => !['BOOKED', 'FAILED', 'CANCELLED'].includes(s.status)).length,
      failovers: attempts.filter((a) => a.outcome !== 'BOOKED').length,
      label_timeouts: attempts.filter((a) => a.outcome === 'LABEL_TIMEOUT').length,
      late_awbs_cancelled: attempts.filter((a) => a.late_awb_state === 'CANCELLED').length,
      create_calls: orders.reduce((n, o) => n + o.createCalls, 0),
      orders: orders.length,
      max_polls_seen_by_connector: Math.max(0, ...attempts.map((a) => Number(a.polls))),
      // label polls only: late checks of abandoned orders are GETs on the same reference too
      max_distinct_polls_seen_by_sandbox: Math.max(0, ...orders.map((o) => [...o.pollKeys].filter((k) => k.startsWith('label_poll:')).length)),
      poll_requests_resent_after_kills: orders.reduce((n, o) => n + o.pollHits, 0) - orders.reduce((n, o) => n + o.pollKeys.size, 0),
      max_live_orders_per_shipment: Math.max(0, ...[...live.values()].map((l) => l.length)),
    };
    // The crash test's counts, for the log of every run.
    console.log(`crash test (${kind}): ${JSON.stringify(counts)}`);

    expect(workerDied).toBeNull();
    expect(open).toBe(0);
    expect(counts.shipments).toBe(SHIPMENTS);
    expect(counts.not_terminal).toBe(0);
    expect(counts.max_polls_seen_by_connector).toBeLessThanOrEqual(POLL_LIMIT);
    expect(counts.max_distinct_polls_seen_by_sandbox).toBeLessThanOrEqual(POLL_LIMIT);
    expect(counts.max_live_orders_per_shipment).toBeLessThanOrEqual(1);
    for (const s of shipments) {
      const liveOrders = live.get(s.shipment_code) ?? [];
      if (s.status === 'BOOKED') expect(liveOrders.map((o) => o.waybill)).toEqual([s.parent_awb]);
      else expect(liveOrders).toEqual([]);
    }
    // Each behaviour ends where it must, whatever the kills did.
    shipments.forEach((s) => {
      const i = codes.indexOf(s.shipment_code);
      const expected = behaviourOf(i)[0] === 'SBX_ERR_319' && behaviourOf(i)[1] === 'SBX_ERR_301' ? 'FAILED' : 'BOOKED';
      expect([s.shipment_code, s.status]).toEqual([s.shipment_code, expected]);
    });
    await host.stop();
  }, 240_000);
});
