/**
 * Restart to first poll (issue #10, point 4) on its own, without the 40 s polling window
 * of `pending`: the same seeded database (`count` shipments in LABEL_REQUESTED, poll i due
 * at T0 + i x 2 min / count, T0 one second before the spawn), then `runs` spawns of the
 * node (bench/node-child.ts, the library's workers) alternating with the bare poller
 * (bench/bare-poller.ts) on a copy, each timed from the spawn to its first poll at a fresh
 * sandbox process (200 ms latency). The node's time is split: spawn to "ready" (imports,
 * migrations check, settings, workers started) and "ready" to the first poll.
 * BENCH_CHILD_NODE_ARGS profiles the node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import fs from 'node:fs';
import path from 'node:path';
import { seed, setDue, spawnReady, stopChild, CYCLE_MS, TEMPLATE } from './pending.js';
import { startSandboxProcess } from './sandbox-process.js';
import type { BenchRow } from './measure.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Timing {
  readyMs: number;
  firstPollMs: number;
}

async function firstPoll(script: string, env: Record<string, string>, dbPath: string, count: number, latencyMs: number): Promise<Timing> {
  const sandbox = await startSandboxProcess(latencyMs);
  const spawnedAt = Date.now();
  setDue(dbPath, `update timers set due_at = ? + cast(substr((select shipment_code from shipments s where s.id = timers.shipment_id), 6) as integer) * ?`, [spawnedAt - 1000, CYCLE_MS / count]);
  const { child, ready } = spawnReady(script, { ...env, ...(script === 'node-child.js' ? { DATABASE_URL: `sqlite:${dbPath}` } : { BARE_DB: dbPath }), CLICKPOST_BASE_URL: sandbox.url, BARE_URL: sandbox.url });
  try {
    await ready;
    const readyMs = Date.now() - spawnedAt;
    for (let waited = 0; waited < 30_000; waited += 20) {
      const polls = await sandbox.polls(spawnedAt);
      if (polls.length > 0) return { readyMs, firstPollMs: Math.min(...polls.map(([at]) => at)) - spawnedAt };
      await sleep(20);
    }
    return { readyMs, firstPollMs: Infinity };
  } finally {
    await stopChild(child);
    await sandbox.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)}`;

export async function benchRestart(dir: string, count: number, latencyMs: number, concurrency: number, runs: number): Promise<BenchRow[]> {
  const seedSandbox = await startSandboxProcess(0);
  let seeded;
  try {
    seeded = await seed(dir, count, seedSandbox.url);
  } finally {
    await seedSandbox.close();
  }
  const barePath = path.join(dir, 'restart-bare.sqlite');
  fs.copyFileSync(seeded.dbPath, barePath);
  const nodeEnv = { ...seeded.env, DATA_DIR: path.join(dir, 'pending-data'), WORKER_CONCURRENCY: String(concurrency) };
  const bareEnv = { BARE_BODY: seeded.bodyFile, BARE_TEMPLATE: TEMPLATE, BARE_CONCURRENCY: String(concurrency) };
  const ours: Timing[] = [];
  const bare: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await firstPoll('node-child.js', nodeEnv, seeded.dbPath, count, latencyMs));
    bare.push(await firstPoll('bare-poller.js', bareEnv, barePath, count, latencyMs));
  }
  const first = median(ours.map((t) => t.firstPollMs));
  const bareFirst = median(bare.map((t) => t.firstPollMs));
  return [
    {
      name: `restart: ${count} pending, spawn to the first due poll at the sandbox, median of ${runs} (each run: ready at / first poll at, s: ${ours.map((t) => `${s(t.readyMs)}/${s(t.firstPollMs)}`).join(', ')})`,
      value: `${s(first)} s`,
      baseline: `${s(bareFirst)} s bare poller (${bare.map((t) => s(t.firstPollMs)).join(', ')})`,
      ratio: first / bareFirst,
      goal: '<= 2 s',
      met: first <= 2000,
    },
  ];
}
