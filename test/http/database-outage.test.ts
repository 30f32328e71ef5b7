/**
 * The database goes away for a while (issue 11, item 9), for real: PostgreSQL behind a
 * loopback TCP relay the test closes (new connections refused, open ones cut), SQLite
 * write-locked by another connection past the busy timeout. Meanwhile a request answers
 * 503 `database_unavailable` in JSON with a JSON log line (no raw driver text, no stack),
 * and ClickPost's answer that arrives during the outage is written once the database is
 * back, not dropped and not left claimed until the lease runs out.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import winston from 'winston';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../src/clock.js';
import { createConnector, type Connector } from '../../src/connector.js';
import { buildApp } from '../../src/http/app.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createDb, sqliteFileOf, type Db } from '../../src/store/db.js';
import { listEffects } from '../../src/store/effects-repo.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { openTestDb, testDatabases, type DbKind, type TestDb } from '../helpers/db.js';
import { exampleShipment } from '../helpers/shipments.js';
import { answerChecker, type OpenApiDoc } from './helpers/openapi-check.js';

const WEBHOOK_KEY = 'whk-outage-7f3a';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const giveUp = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A database that can be taken away and brought back. */
interface Outage {
  db: Db;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL through a loopback relay: down closes the listener and cuts every open connection. */
async function postgresOutage(testDb: TestDb, logger: Logger): Promise<Outage> {
  const target = new URL(testDb.url);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      if (server?.listening) return resolve();
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const url = new URL(testDb.url);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const db = createDb({ url: url.toString(), logger });
  const down = async () => {
    // close() waits for open connections to end: cut them after asking.
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    db,
    down,
    up: listen,
    async close() {
      await db.destroy();
      if (server?.listening) await down();
    },
  };
}

/** SQLite with a short busy timeout; down: another connection holds the write lock. */
async function sqliteOutage(testDb: TestDb, logger: Logger): Promise<Outage> {
  const db = createDb({ url: testDb.url, busyTimeoutMs: 100, logger });
  const other = new Database(sqliteFileOf(testDb.url));
  return {
    db,
    async down() {
      other.exec('begin exclusive');
    },
    async up() {
      if (other.inTransaction) other.exec('commit');
    },
    async close() {
      if (other.inTransaction) other.exec('commit');
      other.close();
      await db.destroy();
    },
  };
}

describe.each(testDatabases())('database outage on %s', (kind: DbKind) => {
  let testDb: TestDb;
  let outage: Outage;
  let sandbox: Sandbox;
  let connector: Connector;
  let app: FastifyInstance;
  let base: string;
  const clock = new ManualClock();
  const lines: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outage-'));

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter((l) => l.trim() !== ''));
        done();
      },
    });
    const logger = createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] });
    testDb = await openTestDb(kind);
    outage = kind === 'postgres' ? await postgresOutage(testDb, logger) : await sqliteOutage(testDb, logger);
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    connector = await createConnector({
      db: outage.db,
      clock,
      dataDir,
      logger,
      env: { CONNECTOR_MASTER_KEY: 'c'.repeat(64), CLICKPOST_USERNAME: 'outage', CLICKPOST_KEY: 'sk_test_OUTAGE_k3y' },
      clickpostBaseUrl: sandbox.url,
      clickpostRetry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
      clickpostTimeoutMs: 10_000,
      webhookKey: WEBHOOK_KEY,
    });
    app = await buildApp({ connector, logger, apiToken: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    await outage?.up();
    await app?.close();
    await connector?.stop();
    await sandbox?.close();
    await outage?.close();
    await testDb?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (code: string) => fetch(`${base}/v1/shipments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exampleShipment(code)) });

  it('a request while the database is away answers 503 database_unavailable in JSON, logged as one JSON line; once back, it goes through', async () => {
    await outage.down();
    lines.length = 0;
    // Nothing but JSON lines through the logger: the database driver prints nothing of its own.
    const printed = (['log', 'warn', 'error'] as const).map((m) => jest.spyOn(console, m));
    const res = await post('OUT-1');
    for (const spy of printed) {
      expect(spy.mock.calls).toEqual([]);
      spy.mockRestore();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: 'database_unavailable', message: expect.stringMatching(/database does not answer/) });
    // Every line the service wrote is JSON; the failure is one 'request failed' line, no stack trace.
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = logged.filter((l) => l.message === 'request failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', method: 'POST', url: '/v1/shipments' });
    expect(JSON.stringify(failed[0])).not.toMatch(/\n\s+at |stack/);

    await outage.up();
    const again = await post('OUT-1');
    expect(again.status).toBe(202);
  });

  /** One request to every operation of the document, with a plausible body. */
  const EVERY_ROUTE: Array<[string, string, unknown?]> = [
    ['POST', '/v1/shipments', exampleShipment('OUT-ALL')],
    ['GET', '/v1/shipments'],
    ['GET', '/v1/shipments/OUT-1'],
    ['GET', '/v1/shipments/OUT-1/label'],
    ['POST', '/v1/shipments/OUT-1/cancel'],
    ['POST', '/v1/shipments/OUT-1/retry'],
    ['GET', '/v1/shipments/OUT-1/tracking'],
    ['GET', '/v1/settings'],
    ['PUT', '/v1/settings', { 'App Title': 'During the outage' }],
    ['GET', '/v1/reports/failures?date=2026-01-01'],
    ['GET', '/v1/breakers'],
    ['POST', '/v1/breakers/close', { courier_partner_id: 4, account_code: 'delhivery-b2b' }],
    ['GET', '/v1/ops/board'],
    ['GET', '/v1/ops/shipments/OUT-1'],
    ['GET', '/v1/ops/service'],
    ['POST', '/v1/ops/connection-test'],
    ['POST', '/v1/webhooks/clickpost', { waybill: 'W1', clickpost_status_code: 5, timestamp: '2026-01-01T10:00:00+05:30' }],
    ['GET', '/healthz'],
    ['GET', '/readyz'],
    ['GET', '/metrics'],
    ['GET', '/'],
    ['GET', '/settings'],
    ['GET', '/shipments/OUT-1'],
  ];

  it('while the database is away, every route answers as its OpenAPI operation documents: 503 database_unavailable with Retry-After where it touches the database', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as OpenApiDoc & { paths: Record<string, Record<string, unknown>> };
    const checker = answerChecker(doc);
    // The list covers every operation of the document.
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const templated = (url: string) => url.split('?')[0]!.replace(/OUT-1/g, '{shipment_code}');
    expect(EVERY_ROUTE.map(([m, url]) => `${m} ${templated(url)}`).sort()).toEqual(expect.arrayContaining(operations.sort()));

    await outage.down();
    const statuses: Record<string, number> = {};
    try {
      for (const [method, url, json] of EVERY_ROUTE) {
        const headers: Record<string, string> = json === undefined ? {} : { 'content-type': 'application/json' };
        if (url.startsWith('/v1/webhooks/')) headers.webhook_key = WEBHOOK_KEY;
        const res = await fetch(base + url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
        const text = await res.text();
        checker.check(method, url, res.status, res.headers.get('content-type'), text);
        statuses[`${method} ${url}`] = res.status;
        if (res.status === 503 && !['/healthz', '/readyz'].includes(url)) {
          expect([url, JSON.parse(text).error, res.headers.get('retry-after')]).toEqual([url, 'database_unavailable', '5']);
        }
      }
    } finally {
      await outage.up();
    }
    // PostgreSQL away: everything that reads or writes answers 503 (/metrics answers from memory);
    // SQLite write-locked: every write does.
    const not503 = Object.keys(statuses).filter((k) => statuses[k] !== 503);
    if (kind === 'postgres') expect(not503).toEqual(['GET /metrics']);
    const writes = EVERY_ROUTE.filter(([m, url]) => m !== 'GET' && url !== '/v1/ops/connection-test').map(([m, url]) => `${m} ${url}`);
    expect(writes.filter((k) => statuses[k] !== 503)).toEqual([]);
  });

  it("ClickPost's answer that comes back during the outage is written once the database is back: booked once, not claimed until the lease ends", async () => {
    await connector.schedule({ ...exampleShipment('OUT-2', ['SBX_SLOW_800']) });
    const work = connector.worker.drain();
    // OUT-2's own create (the drain may first send the earlier test's OUT-1).
    await until('the create to reach ClickPost', () => sandbox.ledger.requests.some((r) => r.reference === 'OUT-2'));
    await outage.down(); // the answer is on its way
    await until('the worker to try writing it again', () => lines.some((l) => l.includes('database unavailable, writing again')));
    await outage.up();
    await work;

    const created = (await listEffects(connector.db, { kind: 'create_order' })).filter((e) => (e.payload as { reference?: string }).reference === 'OUT-2');
    expect(created).toEqual([expect.objectContaining({ status: 'DONE', attempts: 1, locked_by: null })]);
    expect((await connector.get('OUT-2')).status).toBe('BOOKED');
    expect(sandbox.ledger.orders().filter((o) => o.reference === 'OUT-2').map((o) => o.createCalls)).toEqual([1]);
  }, 30_000);
});
