/**
 * One connector node for the multi-node benchmark: workers on the database and sandbox
 * named by the environment, nothing else. Prints "ready"; SIGTERM stops it gracefully.
 */
import { createConnector } from '../src/connector.js';

const env = process.env;
const connector = await createConnector({
  databaseUrl: env.DATABASE_URL!,
  dataDir: env.DATA_DIR ?? './data',
  env,
  clickpostBaseUrl: env.CLICKPOST_BASE_URL!,
  clickpostTimeoutMs: 30_000,
  trackingCron: null,
  reportCron: null,
  worker: { concurrency: Number(env.WORKER_CONCURRENCY ?? 64), idleMs: 50, nodeId: env.NODE_ID ?? 'bench-node' },
});
// BENCH_SQL_STATS=<file>: time spent per statement (its first 100 characters), written on SIGTERM.
const sqlStats = new Map<string, { n: number; ms: number }>();
if (env.BENCH_SQL_STATS) {
  const started = new Map<string, number>();
  connector.db.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now()));
  connector.db.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const key = q.sql.replace(/\s+/g, ' ').slice(0, 100);
    const s = sqlStats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += performance.now() - (started.get(q.__knexQueryUid) ?? performance.now());
    started.delete(q.__knexQueryUid);
    sqlStats.set(key, s);
  });
}
await connector.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void connector.stop().then(async () => {
  if (env.BENCH_SQL_STATS) {
    const { writeFileSync } = await import('node:fs');
    const rows = [...sqlStats].sort((a, b) => b[1].ms - a[1].ms).map(([sql, s]) => `${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(7)}x ${sql}`);
    writeFileSync(env.BENCH_SQL_STATS, `${rows.join('\n')}\n`);
  }
  process.exit(0);
}));
