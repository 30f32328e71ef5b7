/**
 * The worker process the crash test SIGKILLs at random points: a connector on the
 * database and sandbox named by the environment, workers started, nothing else. Built to
 * dist/scripts/crash-worker.js by `npm run build` (the test runs the compiled file).
 */
import { createConnector } from '../src/connector.js';
import { createLogger } from '../src/logger.js';

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);

const connector = await createConnector({
  databaseUrl: env.DATABASE_URL!,
  dataDir: env.DATA_DIR ?? './data',
  env,
  logger: createLogger({ level: env.LOG_LEVEL ?? 'error' }),
  clickpostBaseUrl: env.CLICKPOST_BASE_URL!,
  clickpostRetry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20 },
  clickpostTimeoutMs: 2_000,
  labelPollIntervalMs: num('LABEL_POLL_INTERVAL_MS', 100),
  labelPollAttempts: num('LABEL_POLL_ATTEMPTS', 6),
  lateCheckIntervalMs: num('LATE_CHECK_INTERVAL_MS', 150),
  lateCheckCount: num('LATE_CHECK_COUNT', 6),
  worker: { leaseMs: num('LEASE_MS', 1_500), idleMs: 20, concurrency: 8, nodeId: env.NODE_ID ?? 'crash-test' },
  // The outage scenario: a breaker opened by the outage probes again within the test's time.
  breaker: { pause_ms: num('BREAKER_PAUSE_MS', 5 * 60_000), probe_ms: num('BREAKER_PROBE_MS', 60_000) },
});
await connector.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void connector.stop().then(() => process.exit(0));
});
