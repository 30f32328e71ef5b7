/**
 * Start lean: the RSS of the service idle, as `npm start` runs it (bench/serve-child.ts:
 * the serve command, SQLite in a fresh DATA_DIR, no ClickPost credentials so the built-in
 * sandbox runs, workers and HTTP face up), read from /proc `settleMs` after it listened.
 * Baseline: a bare fastify server with better-sqlite3 (bench/bare-webhook.ts), idle, same
 * run. Goal: under 100 MB.
 */
import crypto from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function idleRssMb(script: string, env: Record<string, string>, settleMs: number, execArgv: string[] = []): Promise<number> {
  const child: ChildProcess = fork(path.join(HERE, script), [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it listened`)));
    });
    await new Promise((r) => setTimeout(r, settleMs));
    return rssMb(child.pid!);
  } finally {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }
}

export async function benchIdle(dir: string, settleMs: number): Promise<BenchRow[]> {
  const serviceEnv = (name: string) => ({ DATA_DIR: path.join(dir, name), PORT: '0', HOST: '127.0.0.1', CONNECTOR_MASTER_KEY: crypto.randomBytes(32).toString('hex') });
  const service = await idleRssMb('serve-child.js', serviceEnv('idle'), settleMs);
  // The same service with V8's young generation capped by the host (a start flag, not the
  // default); the service then leaves the young generation's growth to V8.
  const capped = await idleRssMb('serve-child.js', serviceEnv('idle-capped'), settleMs, ['--max-semi-space-size=2']);
  const bare = await idleRssMb('bare-webhook.js', { BARE_DB: path.join(dir, 'idle-bare.sqlite'), WEBHOOK_KEY: 'idle' }, settleMs);
  return [
    {
      name: `idle: RSS of the service (serve on SQLite, built-in sandbox, workers), ${settleMs / 1000} s after it listened`,
      value: `${service.toFixed(1)} MB`,
      baseline: `${bare.toFixed(1)} MB bare fastify + better-sqlite3`,
      ratio: service / bare,
      goal: '< 100 MB',
      met: service < 100,
    },
    {
      name: 'idle: the same, node --max-semi-space-size=2 (young generation capped by the host; not the default start)',
      value: `${capped.toFixed(1)} MB`,
      baseline: `${bare.toFixed(1)} MB bare fastify + better-sqlite3`,
      ratio: capped / bare,
      goal: '< 100 MB',
      met: capped < 100,
    },
  ];
}
