/**
 * `clickpost-connector poll-tracking`: the nightly track-order backup poll on demand, run
 * by an operator against the service's database and ClickPost target.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { createConnector } from '../../src/connector.js';
import { ManualClock } from '../../src/clock.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { exampleShipment } from '../helpers/shipments.js';
import { cleanEnv, runCli, tempDir } from './run-cli.js';

const MASTER_KEY = 'b'.repeat(64);
const KEY = 'sk_live_POLL_TRACKING_77';

describe('clickpost-connector poll-tracking', () => {
  let sandbox: Sandbox | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('asks ClickPost for every open shipment at once, prints the counts, and keeps the key out of its output', async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    const dir = tempDir();
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'c.sqlite')}`, DATA_DIR: dir, CLICKPOST_BASE_URL: sandbox.url, CLICKPOST_USERNAME: 'acme', CLICKPOST_KEY: KEY, CONNECTOR_MASTER_KEY: MASTER_KEY };
    const connector = await createConnector({ databaseUrl: env.DATABASE_URL, dataDir: dir, clickpostBaseUrl: sandbox.url, env, clock: new ManualClock() });
    try {
      for (const code of ['PT-1', 'PT-2']) await connector.schedule(exampleShipment(code));
      await connector.worker.drain();
      expect((await connector.get('PT-2')).status).toBe('BOOKED');
    } finally {
      await connector.stop();
    }
    const tracksBefore = sandbox.ledger.requests.filter((r) => r.path.startsWith('/api/v2/track-order')).length;

    const result = await runCli(['poll-tracking'], cleanEnv(env), dir);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('open shipments 2, track-order calls 1, new events');
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(sandbox.ledger.requests.filter((r) => r.path.startsWith('/api/v2/track-order')).length).toBe(tracksBefore + 1);
  });
});
