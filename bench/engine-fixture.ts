/** A connector on a SQLite file in `dir`, a loopback sandbox, and a clock that stands still. */
import crypto from 'node:crypto';
import path from 'node:path';
import { ManualClock } from '../src/clock.js';
import { createConnector, type Connector } from '../src/connector.js';
import { startSandbox, type Sandbox } from '../src/sandbox/server.js';

export interface EngineFixture {
  connector: Connector;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function openEngine(dir: string, name: string): Promise<EngineFixture> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  // The clock stands still: only what is due now runs, so label polls (2 min out) never do.
  const clock = new ManualClock(Date.now());
  const connector = await createConnector({
    databaseUrl: `sqlite:${path.join(dir, `${name}.sqlite`)}`,
    dataDir: path.join(dir, name),
    clock,
    env: { CONNECTOR_MASTER_KEY: crypto.randomBytes(32).toString('hex'), CLICKPOST_USERNAME: 'bench', CLICKPOST_KEY: 'bench-key-0000' },
    clickpostBaseUrl: sandbox.url,
    trackingCron: null,
    reportCron: null,
  });
  return {
    connector,
    sandbox,
    async close() {
      await connector.stop();
      await sandbox.close();
    },
  };
}

export async function countByStatus(connector: Connector, status: string): Promise<number> {
  const row = (await connector.db('shipments').where({ status }).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
