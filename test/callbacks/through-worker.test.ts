/**
 * End to end through the outbox: enqueue in a transaction, the worker delivers, a 500
 * pushes the effect back by the worker's backoff, the next drain after it delivers.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createHostCallbacks, HOST_CALLBACK_KIND } from '../../src/callbacks/host-callbacks.js';
import { callbackKey, statusChangeCallbacks } from '../../src/callbacks/status-change.js';
import { verifyCallbackSignature } from '../../src/callbacks/signature.js';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { writeTransaction } from '../../src/store/db.js';
import { listEffects } from '../../src/store/effects-repo.js';
import { createWorker, effectRetryDelay } from '../../src/engine/worker.js';
import { DEFAULT_MACHINE_CONFIG } from '../../machines/shipment-rules.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { seedShipment } from '../store/seed.js';
import { startHostServer, type HostServer } from './host-server.js';

const SECRET = 'outbox-secret-42abc';

describe('host callbacks through the worker (SQLite)', () => {
  let t: TestDb;
  let host: HostServer;
  let clock: ManualClock;
  beforeEach(async () => {
    t = await openTestDb('sqlite');
    host = await startHostServer();
    clock = new ManualClock();
  });
  afterEach(async () => {
    await host.close();
    await t.close();
  });

  function setup() {
    const callbacks = createHostCallbacks({ url: host.url, secret: SECRET, clock, logger: silentLogger(), timeoutMs: 2_000 });
    const worker = createWorker(
      { db: t.db, clock, logger: silentLogger(), clickpost: async () => { throw new Error('unused'); }, machineConfig: DEFAULT_MACHINE_CONFIG },
      { sideEffects: { [HOST_CALLBACK_KIND]: callbacks.deliver } },
    );
    return { callbacks, worker };
  }

  it('a 500 keeps the effect PENDING with run_at pushed back; after the backoff it is delivered and DONE', async () => {
    const { callbacks, worker } = setup();
    const id = await seedShipment(t.db, 'SHP-9');
    const t0 = clock.now();
    await writeTransaction(t.db, (trx) =>
      callbacks.enqueue(trx, { shipment_id: id, event: 'shipment.booked', data: { shipment_code: 'SHP-9', status: 'BOOKED' }, idempotency_key: 'cb:SHP-9:shipment.booked' }, t0),
    );
    host.script(500);

    await worker.drain();
    let [effect] = await listEffects(t.db, { kind: HOST_CALLBACK_KIND });
    expect(host.received).toHaveLength(1);
    expect(effect).toMatchObject({ status: 'PENDING', attempts: 1, run_at: t0 + effectRetryDelay(1), locked_by: null });
    expect(effect.last_error).toContain('HTTP 500');
    expect(effect.last_error).not.toContain(SECRET);

    // Not yet due: a drain just before the backoff ends sends nothing.
    clock.advance(effectRetryDelay(1) - 1);
    await worker.drain();
    expect(host.received).toHaveLength(1);

    clock.advance(1);
    await worker.drain();
    [effect] = await listEffects(t.db, { kind: HOST_CALLBACK_KIND });
    expect(effect).toMatchObject({ status: 'DONE', attempts: 2, done_at: clock.now() });
    expect(host.received).toHaveLength(2);
    const last = host.received[1];
    expect(JSON.parse(last.body)).toMatchObject({ id: 'cb:SHP-9:shipment.booked', event: 'shipment.booked', created_at: new Date(t0).toISOString() });
    expect(verifyCallbackSignature(SECRET, String(last.headers['x-connector-signature']), last.body, Math.floor(clock.now() / 1000))).toBe(true);

    // Done means done: later rounds send nothing more.
    clock.advance(600_000);
    await worker.drain();
    expect(host.received).toHaveLength(2);
  });

  it('statusChangeCallbacks queues the shipment view on a terminal status and nothing otherwise', async () => {
    const { callbacks, worker } = setup();
    const hook = statusChangeCallbacks(callbacks);
    const id = await seedShipment(t.db, 'SHP-10', { status: 'FAILED' });
    await writeTransaction(t.db, async (trx) => {
      await hook(trx, { shipment_id: id, shipment_code: 'SHP-10', from: 'QUEUED', to: 'CREATING', round: 1 }, clock.now());
      await hook(trx, { shipment_id: id, shipment_code: 'SHP-10', from: 'CREATING', to: 'FAILED', round: 1 }, clock.now());
    });
    const effects = await listEffects(t.db, { kind: HOST_CALLBACK_KIND });
    expect(effects.map((e) => e.idempotency_key)).toEqual([callbackKey('SHP-10', 'shipment.failed')]);
    await worker.drain();
    expect(host.received).toHaveLength(1);
    const body = JSON.parse(host.received[0].body);
    expect(body.event).toBe('shipment.failed');
    expect(body.data).toMatchObject({ shipment_code: 'SHP-10', status: 'FAILED', attempts: [], boxes: [] });
    expect((await listEffects(t.db, { kind: HOST_CALLBACK_KIND }))[0].status).toBe('DONE');
  });
});
