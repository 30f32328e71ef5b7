import { beforeEach, expect, it } from '@jest/globals';
import { writeTransaction } from '../../src/store/db.js';
import {
  claimDueTimers,
  completeTimer,
  deleteTimer,
  listTimers,
  nextTimerDueAt,
  releaseTimer,
  upsertTimer,
} from '../../src/store/timers-repo.js';
import { testDatabases, useTestDb } from '../helpers/db.js';
import { seedShipment, T0 } from './seed.js';

const LEASE = 60_000;

describe.each(testDatabases())('timers on %s', (kind) => {
  const t = useTestDb(kind);
  let sid: number;
  beforeEach(async () => {
    sid = await seedShipment(t.db, 'SHP-TM');
  });

  const poll = (n: number) => ({ type: 'LABEL_POLL_DUE', n });

  it('claims only due timers, oldest first, up to the limit', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'c', event: poll(3), due_at: T0 - 10 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'a', event: poll(1), due_at: T0 - 30 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'future', event: poll(9), due_at: T0 + 1 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'b', event: poll(2), due_at: T0 });
    const first = await claimDueTimers(t.db, { worker_id: 'w1', now: T0, lease_ms: LEASE, limit: 2 });
    expect(first.map((r) => [r.timer_key, r.event, r.locked_by, r.locked_until])).toEqual([
      ['a', poll(1), 'w1', T0 + LEASE],
      ['c', poll(3), 'w1', T0 + LEASE],
    ]);
    const second = await claimDueTimers(t.db, { worker_id: 'w1', now: T0, lease_ms: LEASE, limit: 5 });
    expect(second.map((r) => r.timer_key)).toEqual(['b']);
    expect(await claimDueTimers(t.db, { worker_id: 'w2', now: T0, lease_ms: LEASE, limit: 5 })).toEqual([]);
  });

  it('respects an unexpired lease and hands out an expired one again', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(1), due_at: T0 });
    const [mine] = await claimDueTimers(t.db, { worker_id: 'w1', now: T0, lease_ms: LEASE, limit: 1 });
    expect(mine).toBeDefined();
    expect(await claimDueTimers(t.db, { worker_id: 'w2', now: T0 + LEASE, lease_ms: LEASE, limit: 1 })).toEqual([]);
    const [taken] = await claimDueTimers(t.db, { worker_id: 'w2', now: T0 + LEASE + 1, lease_ms: LEASE, limit: 1 });
    expect(taken).toMatchObject({ id: mine!.id, locked_by: 'w2', locked_until: T0 + 2 * LEASE + 1 });
    // The crashed worker's completion is fenced out; the new holder's goes through.
    expect(await writeTransaction(t.db, (trx) => completeTimer(trx, { id: mine!.id, worker_id: 'w1' }))).toBe(false);
    expect(await listTimers(t.db, sid)).toHaveLength(1);
    expect(await writeTransaction(t.db, (trx) => completeTimer(trx, { id: mine!.id, worker_id: 'w2' }))).toBe(true);
    expect(await listTimers(t.db, sid)).toEqual([]);
  });

  it('rescheduling replaces the event and due time and clears the lease', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(1), due_at: T0 });
    const [claimed] = await claimDueTimers(t.db, { worker_id: 'w1', now: T0, lease_ms: LEASE, limit: 1 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(2), due_at: T0 + 500 });
    const rows = await listTimers(t.db, sid);
    expect(rows).toEqual([
      { id: claimed!.id, shipment_id: sid, timer_key: 'poll', event: poll(2), due_at: T0 + 500, locked_by: null, locked_until: null },
    ]);
    // The old holder must not delete the rescheduled timer.
    expect(await completeTimer(t.db, { id: claimed!.id, worker_id: 'w1' })).toBe(false);
    expect(await claimDueTimers(t.db, { worker_id: 'w2', now: T0 + 499, lease_ms: LEASE, limit: 1 })).toEqual([]);
    expect(await claimDueTimers(t.db, { worker_id: 'w2', now: T0 + 500, lease_ms: LEASE, limit: 1 })).toHaveLength(1);
  });

  it('release is fenced and makes the timer claimable at once', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(1), due_at: T0 });
    const [claimed] = await claimDueTimers(t.db, { worker_id: 'w1', now: T0, lease_ms: LEASE, limit: 1 });
    expect(await releaseTimer(t.db, { id: claimed!.id, worker_id: 'w2' })).toBe(false);
    expect(await claimDueTimers(t.db, { worker_id: 'w2', now: T0, lease_ms: LEASE, limit: 1 })).toEqual([]);
    expect(await releaseTimer(t.db, { id: claimed!.id, worker_id: 'w1' })).toBe(true);
    const again = await claimDueTimers(t.db, { worker_id: 'w2', now: T0, lease_ms: LEASE, limit: 1 });
    expect(again.map((r) => [r.id, r.locked_by])).toEqual([[claimed!.id, 'w2']]);
  });

  it('reports the next moment a timer may be claimed, and deletes by key', async () => {
    expect(await nextTimerDueAt(t.db)).toBeNull();
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'x', event: poll(1), due_at: T0 + 100 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'y', event: poll(2), due_at: T0 + 50 });
    expect(await nextTimerDueAt(t.db)).toBe(T0 + 50);
    // A held lease postpones that timer to the lease's end.
    await claimDueTimers(t.db, { worker_id: 'w1', now: T0 + 60, lease_ms: 1000, limit: 1 });
    expect(await nextTimerDueAt(t.db)).toBe(T0 + 100);
    await deleteTimer(t.db, { shipment_id: sid, timer_key: 'x' });
    expect(await nextTimerDueAt(t.db)).toBe(T0 + 1060);
    expect((await listTimers(t.db, sid)).map((r) => r.timer_key)).toEqual(['y']);
  });
});
