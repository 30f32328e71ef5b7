/**
 * Several nodes on PostgreSQL share the work: `count` synchronous shipments are scheduled
 * (workers off), then 1, 2 and 3 node processes (node-child.ts) book them against the
 * sandbox in its own process at `latencyMs`; the figure is shipments/s from the moment
 * every node is up to the last BOOKED. Baseline: one node, in the same run. Needs BENCH_PG_URL (an
 * admin URL; a scratch database is created and dropped).
 */
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { createConnector } from '../src/connector.js';
import { sampleShipment } from '../src/cli/sample-shipment.js';
import { startSandboxProcess } from './sandbox-process.js';
import { countByStatus } from './engine-fixture.js';
import type { BenchRow } from './measure.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node-child.js');

function startNode(env: Record<string, string>, i: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CHILD], { env: { ...process.env, ...env, NODE_ID: `bench-node-${i}` }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`bench node exited (${code})`)));
  });
}

async function runNodes(nodes: number, count: number, url: string, sandboxUrl: string, dir: string, concurrency: number): Promise<number> {
  const masterKey = crypto.randomBytes(32).toString('hex');
  const env = { DATABASE_URL: url, CLICKPOST_BASE_URL: sandboxUrl, CONNECTOR_MASTER_KEY: masterKey, CLICKPOST_USERNAME: 'bench', CLICKPOST_KEY: 'bench-key-0000', DATA_DIR: path.join(dir, `nodes-${nodes}`), WORKER_CONCURRENCY: String(concurrency) };
  const host = await createConnector({ databaseUrl: url, dataDir: env.DATA_DIR, env, clickpostBaseUrl: sandboxUrl, trackingCron: null, reportCron: null });
  try {
    for (const table of ['effects', 'timers', 'api_calls', 'attempts', 'boxes', 'shipments']) await host.db(table).del();
    for (let i = 0; i < count; i++) await host.schedule(sampleShipment(`N${nodes}-${i}`, ['Delhivery B2B', 'Bluedart Surface'], 2));
    const children = await Promise.all(Array.from({ length: nodes }, (_, i) => startNode(env, i)));
    // From the moment every node is up (start-up is not the steady rate); what the first
    // ones booked meanwhile is not counted.
    const start = process.hrtime.bigint();
    const bookedAtStart = await countByStatus(host, 'BOOKED');
    while ((await countByStatus(host, 'BOOKED')) < count) await new Promise((r) => setTimeout(r, 50));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    })));
    return ((count - bookedAtStart) / ms) * 1000;
  } finally {
    await host.stop();
  }
}

export async function benchNodes(dir: string, count: number, latencyMs: number, concurrency: number): Promise<BenchRow[]> {
  const admin = process.env.BENCH_PG_URL;
  if (!admin) return [{ name: 'nodes: PostgreSQL with 1, 2, 3 nodes', value: 'skipped', baseline: 'set BENCH_PG_URL=postgres://...', ratio: 0, goal: '2 nodes >= 1.6x, 3 nodes >= 2.2x', met: null }];
  const name = `bench_nodes_${crypto.randomBytes(4).toString('hex')}`;
  const adminDb = knexFactory({ client: 'pg', connection: admin, pool: { min: 0, max: 1 } });
  await adminDb.raw(`create database ${name}`);
  const url = admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const sandbox = await startSandboxProcess(latencyMs);
  try {
    const rates: number[] = [];
    for (const nodes of [1, 2, 3]) rates.push(await runNodes(nodes, count, url, sandbox.url, dir, concurrency));
    const one = rates[0]!;
    const goals = [1, 1.6, 2.2];
    return rates.map((rate, i) => ({
      name: `nodes: ${i + 1} node(s) on PostgreSQL, ${count} sync shipments, sandbox ${latencyMs} ms, WORKER_CONCURRENCY ${concurrency}`,
      value: `${rate.toFixed(1)} shipments/s`,
      baseline: `${one.toFixed(1)} shipments/s, 1 node`,
      ratio: rate / one,
      goal: i === 0 ? 'the baseline' : `>= ${goals[i]}x 1 node`,
      met: i === 0 ? null : rate / one >= goals[i]!,
    }));
  } finally {
    await sandbox.close();
    await adminDb.raw(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await adminDb.destroy();
  }
}
