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
await connector.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void connector.stop().then(() => process.exit(0)));
