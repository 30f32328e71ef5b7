/**
 * A connector on a real database and a real loopback sandbox, stepped on a fake clock:
 * `advance(ms)` moves time and lets the worker do everything that became due.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { ManualClock } from '../../src/clock.js';
import { createConnector, type Connector, type ConnectorOptions } from '../../src/connector.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { openTestDb, type TestDbKind } from './db.js';

export interface Harness {
  connector: Connector;
  sandbox: Sandbox;
  clock: ManualClock;
  dataDir: string;
  /** Moves the clock and drains the worker. */
  advance(ms: number): Promise<void>;
  drain(): Promise<void>;
  /** A second connector on the same database (a restart). */
  reopen(extra?: Partial<ConnectorOptions>): Promise<Connector>;
  close(): Promise<void>;
}

export async function createHarness(kind: TestDbKind = 'sqlite', extra: Partial<ConnectorOptions> = {}): Promise<Harness> {
  const clock = new ManualClock();
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  const testDb = await openTestDb(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-'));
  const base: ConnectorOptions = {
    db: testDb.db,
    clock,
    dataDir,
    env: { CONNECTOR_MASTER_KEY: 'a'.repeat(64), CLICKPOST_USERNAME: 'harness', CLICKPOST_KEY: 'sk_test_HARNESS_k3y' },
    clickpostBaseUrl: sandbox.url,
    clickpostRetry: { limit: 3, baseDelayMs: 1, maxDelayMs: 5 },
    clickpostTimeoutMs: 2_000,
    lateCheckCount: 4,
    ...extra,
  };
  const connectors: Connector[] = [];
  const open = async (more: Partial<ConnectorOptions> = {}) => {
    const c = await createConnector({ ...base, ...more });
    connectors.push(c);
    return c;
  };
  const connector = await open();
  return {
    connector,
    sandbox,
    clock,
    dataDir,
    async drain() {
      await connector.worker.drain();
    },
    async advance(ms: number) {
      clock.advance(ms);
      await connector.worker.drain();
    },
    reopen: open,
    async close() {
      for (const c of connectors) await c.stop();
      await sandbox.close();
      await testDb.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
