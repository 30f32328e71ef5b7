/**
 * Webhook ingest: ClickPost's tracking webhooks sent open-loop at `rate` per second for
 * `seconds` to the service (bench/serve-child.ts: the serve command on SQLite, workers
 * running, access log on), each a new scan of one of `shipments` booked shipments.
 * Latency is from each webhook's scheduled send time to its answer (a late send counts
 * against the server: no coordinated omission); the first second is warm-up, not counted.
 * Figure: p99; goal < 50 ms at 2,000/s. Baseline: bench/bare-webhook.ts (a fastify handler
 * inserting into better-sqlite3), same load, same run. The sender is this process.
 */
import crypto from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleShipment } from '../src/cli/sample-shipment.js';
import type { BenchRow } from './measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WEBHOOK_KEY = 'bench-webhook-key-0001';

function forkReady(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_CHILD_NODE_ARGS: e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
  const execArgv = script === 'serve-child.js' ? (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = fork(path.join(HERE, script), [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it listened`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Books `count` synchronous shipments through the service's HTTP face; answers their AWBs. */
async function bookedAwbs(url: string, count: number): Promise<string[]> {
  const codes = Array.from({ length: count }, (_, i) => `WHK-${i}`);
  for (const code of codes) {
    const res = await fetch(`${url}/v1/shipments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sampleShipment(code, ['Delhivery B2B'], 2)) });
    if (res.status >= 300) throw new Error(`webhook bench: booking ${code} answered ${res.status} ${await res.text()}`);
  }
  const awbs: string[] = [];
  const giveUpAt = Date.now() + 120_000;
  for (const code of codes) {
    for (;;) {
      const view = (await (await fetch(`${url}/v1/shipments/${code}`)).json()) as { status: string; parent_awb: string | null };
      if (view.parent_awb) {
        awbs.push(view.parent_awb);
        break;
      }
      if (Date.now() > giveUpAt) throw new Error(`webhook bench: ${code} not booked (${view.status})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return awbs;
}

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

interface Load {
  latencies: number[];
  failed: number;
}

/** Open loop: webhook i is due at start + i / rate; every tick sends all that are due. */
async function sendLoad(url: string, awbs: string[], rate: number, seconds: number, tag: string): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL('/v1/webhooks/clickpost', url);
  const total = Math.round(rate * seconds);
  const warm = rate; // the first second
  const latencies: number[] = [];
  let failed = 0;
  let done = 0;
  const start = performance.now();
  const day = new Date(Date.now() - 3_600_000);
  const stamp = (i: number) => new Date(day.getTime() + i * 10).toISOString().replace('T', ' ').slice(0, 19);
  const send = (i: number, due: number) => {
    const body = JSON.stringify({
      waybill: awbs[i % awbs.length], clickpost_status_code: 5, clickpost_status_description: 'In Transit', status: `${tag} scan ${i}`,
      location: 'Pune', remark: 'bench', timestamp: stamp(i), additional: { order_status_id: `${tag}-${i}` },
    });
    const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', webhook_key: WEBHOOK_KEY } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) failed++;
        else if (i >= warm) latencies.push(performance.now() - due);
        done++;
      });
    });
    req.on('error', () => {
      failed++;
      done++;
    });
    req.end(body);
  };
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + (next * 1000) / rate <= now) {
        send(next, start + (next * 1000) / rate);
        next++;
      }
      if (next < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const giveUpAt = performance.now() + 60_000;
  while (done < total && performance.now() < giveUpAt) await new Promise((r) => setTimeout(r, 20));
  agent.destroy();
  return { latencies, failed: failed + (total - done) };
}

export async function benchWebhooks(dir: string, rate: number, seconds: number, shipments: number): Promise<BenchRow[]> {
  const service = await forkReady('serve-child.js', {
    DATA_DIR: path.join(dir, 'webhooks'), PORT: '0', HOST: '127.0.0.1', WEBHOOK_KEY, CONNECTOR_MASTER_KEY: crypto.randomBytes(32).toString('hex'),
  });
  let ours: Load;
  try {
    const awbs = await bookedAwbs(service.url, shipments);
    ours = await sendLoad(service.url, awbs, rate, seconds, 'svc');
  } finally {
    await stop(service.child);
  }
  const bareServer = await forkReady('bare-webhook.js', { BARE_DB: path.join(dir, 'bare-webhooks.sqlite'), WEBHOOK_KEY });
  let bare: Load;
  try {
    bare = await sendLoad(bareServer.url, Array.from({ length: shipments }, (_, i) => `BARE${i}`), rate, seconds, 'bare');
  } finally {
    await stop(bareServer.child);
  }
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const mine = p(ours.latencies, 0.99);
  const floor = p(bare.latencies, 0.99);
  return [
    {
      name: `webhooks: ${rate}/s for ${seconds} s (first second not counted) to the service on SQLite, ${shipments} booked shipments: p99 (p50 ${ms(p(ours.latencies, 0.5))}; ${ours.failed} failed)`,
      value: `${ms(mine)} p99`,
      baseline: `${ms(floor)} p99 bare fastify + better-sqlite3 (p50 ${ms(p(bare.latencies, 0.5))}; ${bare.failed} failed)`,
      ratio: mine / Math.max(0.001, floor),
      goal: 'p99 < 50 ms',
      met: mine < 50 && ours.failed === 0,
    },
  ];
}
