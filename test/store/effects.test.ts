import { beforeEach, expect, it } from '@jest/globals';
import { writeTransaction } from '../../src/store/db.js';
import {
  claimDueEffectsWithShipment,
  completeEffect,
  countEffects,
  extendEffectLease,
  failEffect,
  insertEffect,
  listEffects,
  nextEffectRunAt,
} from '../../src/store/effects-repo.js';
import { testDatabases, useTestDb } from '../helpers/db.js';
import { seedShipment, T0 } from './seed.js';

const LEASE = 30_000;

describe.each(testDatabases())('effects on %s', (kind) => {
  const t = useTestDb(kind);
  let sid: number;
  beforeEach(async () => {
    sid = await seedShipment(t.db, 'SHP-EF');
  });

  const add = (key: string, run_at: number, kind = 'create-order', payload: unknown = { key }) =>
    insertEffect(t.db, { shipment_id: sid, kind, payload, idempotency_key: key, run_at, now: T0 - 1000 });
  const claim = async (worker_id: string, now: number, limit = 10) =>
    (await claimDueEffectsWithShipment(t.db, { worker_id, now, lease_ms: LEASE, limit })).map((c) => c.effect);

  it('is idempotent by idempotency_key', async () => {
    const id = await add('SHP-EF:create:1', T0, 'create-order', { priority: 1 });
    expect(typeof id).toBe('number');
    expect(await add('SHP-EF:create:1', T0 + 5, 'poll-order', { priority: 9 })).toBeNull();
    const rows = await listEffects(t.db, { shipment_id: sid });
    expect(rows).toEqual([
      {
        id,
        shipment_id: sid,
        kind: 'create-order',
        payload: { priority: 1 },
        idempotency_key: 'SHP-EF:create:1',
        status: 'PENDING',
        attempts: 0,
        run_at: T0,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: T0 - 1000,
        done_at: null,
      },
    ]);
  });

  it('claims only due pending effects, oldest first, up to the limit, counting attempts', async () => {
    await add('late', T0 + 1);
    await add('b', T0 - 5);
    await add('a', T0 - 10, 'poll-order');
    await add('c', T0);
    const first = await claim('w1', T0, 1);
    expect(first.map((e) => [e.idempotency_key, e.attempts, e.locked_by, e.locked_until])).toEqual([['a', 1, 'w1', T0 + LEASE]]);
    expect((await claim('w2', T0)).map((e) => e.idempotency_key)).toEqual(['b', 'c']);
    expect(await claim('w3', T0)).toEqual([]);
  });

  it('hands each effect back with its shipment as of the claim, and null for an effect of no shipment', async () => {
    await add('with', T0 - 1);
    await insertEffect(t.db, { shipment_id: null, kind: 'host-callback', payload: {}, idempotency_key: 'without', run_at: T0, now: T0 });
    const claimed = await claimDueEffectsWithShipment(t.db, { worker_id: 'w1', now: T0, lease_ms: LEASE, limit: 5 });
    expect(claimed.map((c) => [c.effect.idempotency_key, c.shipment?.shipment_code ?? null])).toEqual([['with', 'SHP-EF'], ['without', null]]);
    expect(claimed[0]!.shipment).toMatchObject({ version: expect.any(Number), snapshot: expect.anything() });
  });

  it('takes an expired lease again and fences the old holder out', async () => {
    const id = (await add('e', T0))!;
    await claim('w1', T0);
    expect(await claim('w2', T0 + LEASE)).toEqual([]);
    const [again] = await claim('w2', T0 + LEASE + 1);
    expect(again).toMatchObject({ id, attempts: 2, locked_by: 'w2' });
    expect(await writeTransaction(t.db, (trx) => completeEffect(trx, { id, worker_id: 'w1', now: T0 + LEASE + 2 }))).toBe(false);
    expect(await failEffect(t.db, { id, worker_id: 'w1', error: 'boom', run_at: T0, dead: false, now: T0 })).toBe(false);
    expect(await extendEffectLease(t.db, { id, worker_id: 'w1', until: T0 * 2 })).toBe(false);
    expect((await listEffects(t.db))[0]).toMatchObject({ status: 'PENDING', locked_by: 'w2', last_error: null });
    expect(await writeTransaction(t.db, (trx) => completeEffect(trx, { id, worker_id: 'w2', now: T0 + LEASE + 3 }))).toBe(true);
    expect((await listEffects(t.db))[0]).toMatchObject({ status: 'DONE', done_at: T0 + LEASE + 3, locked_by: null, locked_until: null });
    expect(await claim('w3', T0 * 2)).toEqual([]);
  });

  it('a failure pushes run_at back, or marks the effect dead', async () => {
    const id = (await add('f', T0))!;
    await claim('w1', T0);
    expect(await failEffect(t.db, { id, worker_id: 'w1', error: 'HTTP 503', run_at: T0 + 4000, dead: false, now: T0 + 1 })).toBe(true);
    expect((await listEffects(t.db))[0]).toMatchObject({ status: 'PENDING', run_at: T0 + 4000, last_error: 'HTTP 503', locked_by: null, done_at: null });
    expect(await claim('w2', T0 + 3999)).toEqual([]);
    const [retry] = await claim('w2', T0 + 4000);
    expect(retry).toMatchObject({ id, attempts: 2 });
    expect(await failEffect(t.db, { id, worker_id: 'w2', error: 'gave up', run_at: T0 + 9000, dead: true, now: T0 + 4001 })).toBe(true);
    expect((await listEffects(t.db))[0]).toMatchObject({ status: 'DEAD', last_error: 'gave up', done_at: T0 + 4001, run_at: T0 + 4000 });
    expect(await claim('w3', T0 * 2)).toEqual([]);
    expect(await countEffects(t.db, { status: 'DEAD' })).toBe(1);
  });

  it('extending the lease keeps other workers out', async () => {
    const id = (await add('x', T0))!;
    await claim('w1', T0);
    expect(await extendEffectLease(t.db, { id, worker_id: 'w1', until: T0 + 10 * LEASE })).toBe(true);
    expect(await claim('w2', T0 + LEASE + 1)).toEqual([]);
    expect((await claim('w2', T0 + 10 * LEASE + 1)).map((e) => e.id)).toEqual([id]);
  });

  it('reports the next run time and counts by status', async () => {
    expect(await nextEffectRunAt(t.db)).toBeNull();
    await add('n1', T0 + 300);
    await add('n2', T0 + 200);
    expect(await nextEffectRunAt(t.db)).toBe(T0 + 200);
    const [held] = await claim('w1', T0 + 200);
    expect(await nextEffectRunAt(t.db)).toBe(T0 + 300);
    await completeEffect(t.db, { id: held!.id, worker_id: 'w1', now: T0 + 250 });
    expect(await countEffects(t.db, { status: 'PENDING' })).toBe(1);
    expect(await countEffects(t.db, { status: 'DONE' })).toBe(1);
    expect(await nextEffectRunAt(t.db)).toBe(T0 + 300);
  });
});
