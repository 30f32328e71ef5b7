/**
 * `npm run bench`: each scenario prints its figure, a bare baseline measured in the same
 * run, the ratio and the issue's goal; asserts nothing (not a test). The rows also go to
 * bench/results/<time>.json and bench/results/latest.json. Databases go to a temporary
 * folder, removed at the end.
 *
 *   node dist/bench/run.js                 every scenario
 *   node dist/bench/run.js wave booking    only these (steps, machine, memory, booking, wave, timers, nodes, idle, restart, webhooks, pending)
 *   BENCH_PG_URL=postgres://... node dist/bench/run.js nodes   (skipped without a PostgreSQL URL)
 *   BENCH_WAVE=2000 WORKER_CONCURRENCY=64 BENCH_LATENCY_MS=1000 node dist/bench/run.js wave
 *   BENCH_PENDING=100000 BENCH_PENDING_WINDOW_S=30 node dist/bench/run.js pending   (also restart to first poll)
 *   BENCH_PENDING=100000 BENCH_RESTART_RUNS=3 node dist/bench/run.js restart   (restart to first poll alone)
 *   BENCH_WEBHOOK_RATE=2000 BENCH_WEBHOOK_S=10 node dist/bench/run.js webhooks
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMs, renderTable } from '../src/cli/format.js';
import { benchStepThroughput } from './step-throughput.js';
import { benchMachine } from './machine-transition.js';
import { benchMemory } from './memory.js';
import { benchBooking, benchWave } from './wire.js';
import { benchTimers } from './timers.js';
import { benchNodes } from './nodes.js';
import { benchPending } from './pending.js';
import { benchWebhooks } from './webhooks.js';
import { benchIdle } from './idle.js';
import { benchRestart } from './restart.js';
import { startDone } from '../src/cli/young-generation.js';
import type { BenchRow } from './measure.js';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const STEP_SHIPMENTS = num('BENCH_STEPS', 200);
const IN_FLIGHT = num('BENCH_IN_FLIGHT', 1000);
const CONCURRENCY = num('WORKER_CONCURRENCY', 64);
const BOOKING = num('BENCH_BOOKING', 1000);
const WAVE = num('BENCH_WAVE', 2000);
const LATENCY_MS = num('BENCH_LATENCY_MS', 1000);
const TIMERS = num('BENCH_TIMERS', 5000);
const TIMER_LATENCY_MS = num('BENCH_TIMER_LATENCY_MS', 200);
const NODE_SHIPMENTS = num('BENCH_NODE_SHIPMENTS', 1000);
const NODE_LATENCY_MS = num('BENCH_NODE_LATENCY_MS', 200);
const PENDING = num('BENCH_PENDING', 100_000);
const PENDING_CONCURRENCY = num('BENCH_PENDING_CONCURRENCY', 256);
const PENDING_WARM_S = num('BENCH_PENDING_WARM_S', 10);
const PENDING_WINDOW_S = num('BENCH_PENDING_WINDOW_S', 30);
const RESTART_RUNS = num('BENCH_RESTART_RUNS', 3);
const WEBHOOK_RATE = num('BENCH_WEBHOOK_RATE', 2000);
const WEBHOOK_S = num('BENCH_WEBHOOK_S', 10);

const SCENARIOS: Record<string, (dir: string) => Promise<BenchRow[]> | BenchRow[]> = {
  steps: async (dir) => [await benchStepThroughput(dir, STEP_SHIPMENTS)],
  machine: () => benchMachine(),
  memory: (dir) => benchMemory(dir, IN_FLIGHT),
  booking: (dir) => benchBooking(dir, BOOKING, CONCURRENCY),
  wave: (dir) => benchWave(dir, WAVE, CONCURRENCY, LATENCY_MS),
  timers: (dir) => benchTimers(dir, TIMERS, TIMER_LATENCY_MS, CONCURRENCY),
  nodes: (dir) => benchNodes(dir, NODE_SHIPMENTS, NODE_LATENCY_MS, CONCURRENCY),
  idle: (dir) => benchIdle(dir, 8_000),
  webhooks: (dir) => benchWebhooks(dir, WEBHOOK_RATE, WEBHOOK_S, 100),
  restart: (dir) => benchRestart(dir, PENDING, TIMER_LATENCY_MS, PENDING_CONCURRENCY, RESTART_RUNS),
  pending: (dir) => benchPending(dir, PENDING, TIMER_LATENCY_MS, PENDING_CONCURRENCY, PENDING_WARM_S, PENDING_WINDOW_S),
};

function resultsDir(): string {
  // dist/bench/run.js -> <package>/bench/results
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results');
}

async function main(): Promise<void> {
  // Under bench/run-held.js, the young generation was held small while the modules loaded,
  // as the service's start does; from here V8 sizes it as usual (no-op otherwise).
  startDone();
  const started = Date.now();
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in SCENARIOS));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const names = wanted.length > 0 ? wanted : Object.keys(SCENARIOS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clickpost-bench-'));
  const rows: BenchRow[] = [];
  const load: number[][] = [];
  try {
    for (const name of names) {
      process.stdout.write(`running: ${name} (load ${os.loadavg()[0]!.toFixed(2)})...\n`);
      load.push(os.loadavg());
      rows.push(...(await SCENARIOS[name]!(dir)));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  load.push(os.loadavg());
  process.stdout.write(
    `\n${renderTable(
      ['scenario', 'measured', 'bare baseline (same run)', 'ratio', 'goal', 'met'],
      rows.map((r) => [r.name, r.value, r.baseline, `${r.ratio.toFixed(2)}`, r.goal ?? '', r.met === true ? 'yes' : r.met === false ? 'NO' : '']),
    )}\n`,
  );
  const machine = `Node ${process.version}, ${os.cpus().length} CPU(s), load average at the start of each scenario: ${load.map((l) => l[0]!.toFixed(2)).join(', ')}`;
  process.stdout.write(`${machine}. Total ${formatMs(Date.now() - started)}.\n`);
  const out = resultsDir();
  fs.mkdirSync(out, { recursive: true });
  const json = JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: load, scenarios: names, rows }, null, 2);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(out, `${stamp}.json`), `${json}\n`);
  fs.writeFileSync(path.join(out, 'latest.json'), `${json}\n`);
  process.stdout.write(`results: bench/results/${stamp}.json\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
