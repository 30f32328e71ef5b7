/** deliver() against a real loopback host; enqueue() against a real SQLite outbox. */
import { PassThrough } from 'node:stream';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import winston from 'winston';
import { createHostCallbacks, HOST_CALLBACK_KIND, type HostCallbacks } from '../../src/callbacks/host-callbacks.js';
import { verifyCallbackSignature } from '../../src/callbacks/signature.js';
import { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/logger.js';
import { writeTransaction } from '../../src/store/db.js';
import { listEffects } from '../../src/store/effects-repo.js';
import type { EffectRow } from '../../src/store/rows.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { seedShipment } from '../store/seed.js';
import { startHostServer, type HostServer } from './host-server.js';

const SECRET = 'hcb-secret-7f3a9c1e55';

function captureLogger() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => lines.push(c.toString('utf8')));
  return { logger: createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] }), lines };
}

function effectRow(overrides: Partial<EffectRow> = {}): EffectRow {
  return {
    id: 7,
    shipment_id: 1,
    kind: HOST_CALLBACK_KIND,
    payload: { event: 'shipment.booked', data: { shipment_code: 'SHP-1', status: 'BOOKED' }, created_at: Date.parse('2026-11-23T05:00:00Z') },
    idempotency_key: 'cb:SHP-1:shipment.booked',
    status: 'PENDING',
    attempts: 1,
    run_at: 0,
    locked_by: 'w',
    locked_until: 1,
    last_error: null,
    created_at: 0,
    done_at: null,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a rejection');
}

describe('host callbacks: deliver', () => {
  let host: HostServer;
  let clock: ManualClock;
  let callbacks: HostCallbacks;
  let log: ReturnType<typeof captureLogger>;
  beforeEach(async () => {
    host = await startHostServer();
    clock = new ManualClock();
    log = captureLogger();
    callbacks = createHostCallbacks({ url: host.url, secret: SECRET, clock, logger: log.logger, timeoutMs: 300 });
  });
  afterEach(async () => {
    await host.close();
  });

  it('POSTs the signed JSON body with the event and delivery headers', async () => {
    await callbacks.deliver(effectRow());
    expect(host.received).toHaveLength(1);
    const [req] = host.received;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/clickpost?token=abc');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-connector-event']).toBe('shipment.booked');
    expect(req.headers['x-connector-delivery']).toBe('cb:SHP-1:shipment.booked');
    expect(JSON.parse(req.body)).toEqual({
      id: 'cb:SHP-1:shipment.booked',
      event: 'shipment.booked',
      created_at: '2026-11-23T05:00:00.000Z',
      data: { shipment_code: 'SHP-1', status: 'BOOKED' },
    });
    const signature = String(req.headers['x-connector-signature']);
    const nowSec = Math.floor(clock.now() / 1000);
    expect(signature).toMatch(new RegExp(`^t=${nowSec},v1=[0-9a-f]{64}$`));
    expect(verifyCallbackSignature(SECRET, signature, req.body, nowSec)).toBe(true);
    expect(verifyCallbackSignature('wrong-secret-value', signature, req.body, nowSec)).toBe(false);
    expect(verifyCallbackSignature(SECRET, signature, req.body.replace('BOOKED', 'FAILED'), nowSec)).toBe(false);
  });

  it('a 500 throws naming the status and the URL; the retry with 200 resolves with the same body and id', async () => {
    host.script(500, 200);
    const message = await failure(callbacks.deliver(effectRow()));
    expect(message).toContain('HTTP 500');
    expect(message).toContain(`127.0.0.1`);
    expect(message).not.toContain(SECRET);
    clock.advance(1_000);
    await expect(callbacks.deliver(effectRow({ attempts: 2 }))).resolves.toBeUndefined();
    expect(host.received).toHaveLength(2);
    expect(host.received[1].body).toBe(host.received[0].body);
    expect(host.received[1].headers['x-connector-delivery']).toBe(host.received[0].headers['x-connector-delivery']);
    // Signed again at the retry's own time: a host rejecting old timestamps still accepts it.
    expect(host.received[1].headers['x-connector-signature']).not.toBe(host.received[0].headers['x-connector-signature']);
  });

  it.each([[301], [404], [409]])('a non-2xx %i is a failure (redirects are not followed)', async (status) => {
    host.script(status);
    expect(await failure(callbacks.deliver(effectRow()))).toContain(`HTTP ${status}`);
  });

  it('a host that never answers times out with a named code', async () => {
    host.script('hang');
    const message = await failure(callbacks.deliver(effectRow()));
    expect(message).toMatch(/timed out after 300 ms \(ETIMEDOUT\)/);
    expect(message).not.toContain(SECRET);
  });

  it('a refused connection names its code; credentials and key parameters in the URL are masked', async () => {
    const closed = await startHostServer();
    const port = new URL(closed.url).port;
    await closed.close();
    const url = `http://user:pa55word@127.0.0.1:${port}/cb?key=k-123456&x=1`;
    const refused = createHostCallbacks({ url, secret: SECRET, clock, logger: log.logger });
    const message = await failure(refused.deliver(effectRow()));
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain(`127.0.0.1:${port}/cb?key=[REDACTED]&x=1`);
    expect(message).not.toMatch(/pa55word|k-123456|user:/);
    expect(message).not.toContain(SECRET);
  });

  it('never writes the secret to a log line', async () => {
    host.script(500);
    await failure(callbacks.deliver(effectRow()));
    await callbacks.deliver(effectRow());
    log.logger.info('echo', { secret: SECRET });
    await new Promise((r) => setImmediate(r));
    expect(log.lines.some((l) => l.includes('host callback delivered'))).toBe(true);
    expect(log.lines.join('\n')).not.toContain(SECRET);
  });

  it('an effect that is not a callback payload is refused before any request', async () => {
    expect(await failure(callbacks.deliver(effectRow({ payload: { event: 'shipment.exploded', created_at: 1 } })))).toContain('not a host callback payload');
    expect(host.received).toHaveLength(0);
  });

  it('refuses a URL that is not http(s) and an empty secret', () => {
    expect(() => createHostCallbacks({ url: 'ftp://example.com/x', secret: SECRET, clock, logger: log.logger })).toThrow(/http\(s\)/);
    expect(() => createHostCallbacks({ url: host.url, secret: '', clock, logger: log.logger })).toThrow(/HOST_CALLBACK_SECRET/);
  });
});

describe('host callbacks: enqueue', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb('sqlite');
  });
  afterEach(async () => {
    await t.close();
  });

  it('writes one PENDING host_callback effect per idempotency key, due at once, with created_at fixed', async () => {
    const clock = new ManualClock();
    const callbacks = createHostCallbacks({ url: 'http://127.0.0.1:9/cb', secret: SECRET, clock, logger: captureLogger().logger });
    const id = await seedShipment(t.db, 'SHP-1');
    const now = clock.now();
    const input = { shipment_id: id, event: 'shipment.failed' as const, data: { shipment_code: 'SHP-1', key: 'leaky' }, idempotency_key: 'cb:SHP-1:shipment.failed' };
    await writeTransaction(t.db, (trx) => callbacks.enqueue(trx, input, now));
    await writeTransaction(t.db, (trx) => callbacks.enqueue(trx, input, now + 5_000));
    const effects = await listEffects(t.db, { kind: HOST_CALLBACK_KIND });
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({ shipment_id: id, status: 'PENDING', run_at: now, idempotency_key: 'cb:SHP-1:shipment.failed' });
    expect(effects[0].payload).toEqual({ event: 'shipment.failed', data: { shipment_code: 'SHP-1', key: '[REDACTED]' }, created_at: now });
  });

  it('rolls back with the caller transaction', async () => {
    const clock = new ManualClock();
    const callbacks = createHostCallbacks({ url: 'http://127.0.0.1:9/cb', secret: SECRET, clock, logger: captureLogger().logger });
    const id = await seedShipment(t.db, 'SHP-2');
    await writeTransaction(t.db, async (trx) => {
      await callbacks.enqueue(trx, { shipment_id: id, event: 'shipment.booked', data: {}, idempotency_key: 'k1' }, clock.now());
      throw new Error('step failed');
    }).catch(() => undefined);
    expect(await listEffects(t.db, { kind: HOST_CALLBACK_KIND })).toEqual([]);
  });
});
