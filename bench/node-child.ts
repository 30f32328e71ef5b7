/**
 * One connector node for the multi-node benchmark: workers on the database and sandbox
 * named by the environment, nothing else. Prints "ready"; SIGTERM stops it gracefully.
 * BENCH_TRACE_START=1: prints to stderr, in ms since the process began, when the imports,
 * createConnector, start() and the first ClickPost request were done (where a restart's
 * time goes), and statements slower than 20 ms (`all`: every statement).
 * BENCH_SQL_STATS=<file>: time spent per statement, written to the file on SIGTERM.
 */
import diagnostics from 'node:diagnostics_channel';

const trace = process.env.BENCH_TRACE_START ? (what: string) => process.stderr.write(`start trace: ${what} at ${performance.now().toFixed(0)} ms\n`) : () => undefined;
trace('node began');
if (process.env.BENCH_TRACE_START) {
  const onRequest = () => {
    trace('first ClickPost request');
    diagnostics.unsubscribe('http.client.request.start', onRequest);
  };
  diagnostics.subscribe('http.client.request.start', onRequest);
}
const { createConnector } = await import('../src/connector.js');
trace('imports done');

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
trace('createConnector done');
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
if (process.env.BENCH_TRACE_START) {
  // Statements slower than 20 ms until the first request, with when they ended.
  const began = new Map<string, number>();
  connector.db.on('query', (q: { __knexQueryUid: string }) => began.set(q.__knexQueryUid, performance.now()));
  connector.db.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const t = began.get(q.__knexQueryUid);
    began.delete(q.__knexQueryUid);
    if (t !== undefined && (process.env.BENCH_TRACE_START === 'all' || performance.now() - t > 20)) trace(`${(performance.now() - t).toFixed(0)} ms statement ${q.sql.slice(0, 140)}`);
  });
}
await connector.start();
trace('start() done');
process.stdout.write('ready\n');
process.on('SIGTERM', () => void connector.stop().then(async () => {
  if (env.BENCH_SQL_STATS) {
    const { writeFileSync } = await import('node:fs');
    const rows = [...sqlStats].sort((a, b) => b[1].ms - a[1].ms).map(([sql, s]) => `${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(7)}x ${sql}`);
    writeFileSync(env.BENCH_SQL_STATS, `${rows.join('\n')}\n`);
  }
  process.exit(0);
}));
