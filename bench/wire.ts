/**
 * Booking at the speed of the wire: the connector (library face, workers started, real
 * clock, SQLite file) books a wave of synchronous 2-box shipments against the sandbox in
 * its own process, and the bare got + better-sqlite3 booker (bare-booker.ts) does the same
 * calls and rows against the same sandbox, in the same run.
 *  - booking: no sandbox latency; figure shipments/s, ratio connector / bare, goal >= 0.6.
 *  - wave: SANDBOX_LATENCY_MS = 1000; figure the mean calls in flight as the sandbox
 *    sees them (sandbox-child.ts counts), while more shipments wait than there are slots;
 *    goal >= 0.9 x WORKER_CONCURRENCY; shipments/s beside it.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { createConnector } from '../src/connector.js';
import { sampleShipment } from '../src/cli/sample-shipment.js';
import type { ShipmentInput } from '../src/domain/shipment-input.js';
import { bareBooking } from './bare-booker.js';
import { startSandboxProcess } from './sandbox-process.js';
import type { BenchRow } from './measure.js';

interface ConnectorRun {
  ms: number;
  /** Epoch ms of the start, and of the moment fewer shipments waited than there are slots. */
  startedAt: number;
  backlogEndedAt: number;
}

function wave(prefix: string, count: number): ShipmentInput[] {
  return Array.from({ length: count }, (_, i) => sampleShipment(`${prefix}-${i}`, ['Delhivery B2B', 'Bluedart Surface'], 2));
}

async function connectorBooking(dir: string, name: string, baseUrl: string, shipments: ShipmentInput[], concurrency: number): Promise<ConnectorRun> {
  const connector = await createConnector({
    databaseUrl: `sqlite:${path.join(dir, `${name}.sqlite`)}`,
    dataDir: path.join(dir, name),
    env: { CONNECTOR_MASTER_KEY: crypto.randomBytes(32).toString('hex'), CLICKPOST_USERNAME: 'bench', CLICKPOST_KEY: 'bench-key-0000' },
    clickpostBaseUrl: baseUrl,
    clickpostTimeoutMs: 30_000,
    trackingCron: null,
    reportCron: null,
    // BENCH_CLAIM_BATCH: effects per claim statement (the worker's default when unset).
    worker: { concurrency, idleMs: 50, ...(process.env.BENCH_CLAIM_BATCH ? { claimBatch: Number(process.env.BENCH_CLAIM_BATCH) } : {}) },
  });
  let booked = 0;
  let backlogEndedAt = 0;
  connector.onStatusChange((c) => {
    if (c.to !== 'BOOKED') return;
    booked++;
    if (backlogEndedAt === 0 && shipments.length - booked <= concurrency) backlogEndedAt = Date.now();
  });
  try {
    await connector.start();
    const startedAt = Date.now();
    const start = process.hrtime.bigint();
    for (const s of shipments) await connector.schedule(s);
    while (booked < shipments.length) await new Promise((r) => setTimeout(r, 5));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, startedAt, backlogEndedAt: backlogEndedAt || Date.now() };
  } finally {
    await connector.stop();
  }
}

const perSecond = (count: number, ms: number) => (count / ms) * 1000;

export async function benchBooking(dir: string, count: number, concurrency: number): Promise<BenchRow[]> {
  const sandbox = await startSandboxProcess(0);
  try {
    const bare = await bareBooking(dir, 'bare-booking', sandbox.url, wave('BARE', count), concurrency);
    const ours = await connectorBooking(dir, 'booking', sandbox.url, wave('BOOK', count), concurrency);
    const mine = perSecond(count, ours.ms);
    const floor = perSecond(bare.booked, bare.ms);
    return [
      {
        name: `booking: ${count} sync 2-box shipments, sandbox 0 ms, WORKER_CONCURRENCY ${concurrency}, SQLite`,
        value: `${mine.toFixed(0)} shipments/s`,
        baseline: `${floor.toFixed(0)} shipments/s got + better-sqlite3`,
        ratio: mine / floor,
        goal: '>= 0.6 x baseline',
        met: mine / floor >= 0.6,
      },
    ];
  } finally {
    await sandbox.close();
  }
}

export async function benchWave(dir: string, count: number, concurrency: number, latencyMs: number): Promise<BenchRow[]> {
  const sandbox = await startSandboxProcess(latencyMs);
  try {
    const bare = await bareBooking(dir, 'bare-wave', sandbox.url, wave('BAREWAVE', count), concurrency);
    const bareInFlight = await sandbox.inFlight(bare.startedAt, bare.backlogEndedAt);
    const ours = await connectorBooking(dir, 'wave', sandbox.url, wave('WAVE', count), concurrency);
    const inFlight = await sandbox.inFlight(ours.startedAt, ours.backlogEndedAt);
    const mine = perSecond(count, ours.ms);
    const floor = perSecond(bare.booked, bare.ms);
    const target = 0.9 * concurrency;
    return [
      {
        name: `wave: ${count} shipments, sandbox ${latencyMs} ms: calls in flight at the sandbox (mean while the backlog lasts; peak ${inFlight.peak})`,
        value: `${inFlight.mean.toFixed(1)} in flight`,
        baseline: `${bareInFlight.mean.toFixed(1)} in flight, bare pool`,
        ratio: inFlight.mean / concurrency,
        goal: `>= 0.9 x ${concurrency} = ${target.toFixed(1)}`,
        met: inFlight.mean >= target,
      },
      {
        name: `wave: ${count} shipments, sandbox ${latencyMs} ms: throughput`,
        value: `${mine.toFixed(1)} shipments/s`,
        baseline: `${floor.toFixed(1)} shipments/s bare pool`,
        ratio: mine / floor,
        goal: `(ceiling ${((concurrency * 1000) / latencyMs).toFixed(0)}/s)`,
        met: null,
      },
    ];
  } finally {
    await sandbox.close();
  }
}
