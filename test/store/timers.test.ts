import { beforeEach, expect, it } from '@jest/globals';
import { writeTransaction } from '../../src/store/db.js';
import {
  deleteTimer,
  failTimer,
  listTimers,
  nextTimerDueAt,
  peekDueTimers,
  takeDueTimer,
  takeDueTimers,
  upsertTimer,
} from '../../src/store/timers-repo.js';
import { testDatabases, useTestDb } from '../helpers/db.js';
import { seedShipment, T0 } from './seed.js';

const HOLD = 60_000;

describe.each(testDatabases())('timers on %s', (kind) => {
  const t = useTestDb(kind);
  let sid: number;
  beforeEach(async () => {
    sid = await seedShipment(t.db, 'SHP-TM');
  });

  const poll = (n: number) => ({ type: 'LABEL_POLL_DUE', n });
  const take = (now: number, limit: number) => writeTransaction(t.db, (trx) => takeDueTimers(trx, { now, limit }));
  const fail = (id: number, now: number, max_failures = 3) =>
    writeTransaction(t.db, (trx) => failTimer(trx, { id, worker_id: 'w1', error: 'boom', retry_delay: () => HOLD, max_failures, now }));

  it('takes only due timers, oldest first, up to the limit, each with its shipment, and deletes them', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'c', event: poll(3), due_at: T0 - 10 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'a', event: poll(1), due_at: T0 - 30 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'future', event: poll(9), due_at: T0 + 1 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'b', event: poll(2), due_at: T0 });
    expect((await peekDueTimers(t.db, { now: T0, limit: 2 })).map((r) => r.timer_key)).toEqual(['a', 'c']);
    const first = await take(T0, 2);
    expect(first.map((x) => [x.timer.timer_key, x.timer.event, x.shipment?.shipment_code])).toEqual([
      ['a', poll(1), 'SHP-TM'],
      ['c', poll(3), 'SHP-TM'],
    ]);
    expect((await take(T0, 5)).map((x) => x.timer.timer_key)).toEqual(['b']);
    expect(await take(T0, 5)).toEqual([]);
    expect((await listTimers(t.db, sid)).map((r) => r.timer_key)).toEqual(['future']);
  });

  it('a take rolled back leaves the timers due (a crash before COMMIT loses nothing)', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(1), due_at: T0 });
    await expect(
      writeTransaction(t.db, async (trx) => {
        expect(await takeDueTimers(trx, { now: T0, limit: 5 })).toHaveLength(1);
        throw new Error('the step failed');
      }),
    ).rejects.toThrow('the step failed');
    expect((await take(T0, 5)).map((x) => x.timer.timer_key)).toEqual(['poll']);
  });

  it('a failed timer is set aside until its retry time, then parked after max failures and never taken again', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(1), due_at: T0 });
    const [row] = await listTimers(t.db, sid);
    expect(await fail(row!.id, T0)).toEqual({ shipment_id: sid, failures: 1, parked: false });
    expect(await take(T0 + HOLD, 5)).toEqual([]);
    expect(await writeTransaction(t.db, (trx) => takeDueTimer(trx, { id: row!.id, now: T0 + HOLD }))).toBeNull();
    expect(await nextTimerDueAt(t.db)).toBe(T0 + HOLD);
    expect(await fail(row!.id, T0 + HOLD + 1)).toEqual({ shipment_id: sid, failures: 2, parked: false });
    expect(await fail(row!.id, T0 + 2 * HOLD + 2)).toEqual({ shipment_id: sid, failures: 3, parked: true });
    expect(await take(T0 * 2, 5)).toEqual([]);
    expect(await nextTimerDueAt(t.db)).toBeNull();
    expect((await listTimers(t.db, sid))[0]).toMatchObject({ last_error: 'boom', failures: 3, parked_at: T0 + 2 * HOLD + 2 });
  });

  it('rescheduling replaces the event and due time and clears the hold, the failures and the parking', async () => {
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(1), due_at: T0 });
    const [row] = await listTimers(t.db, sid);
    await fail(row!.id, T0, 1);
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'poll', event: poll(2), due_at: T0 + 500 });
    expect(await listTimers(t.db, sid)).toEqual([
      expect.objectContaining({ id: row!.id, shipment_id: sid, timer_key: 'poll', event: poll(2), due_at: T0 + 500, locked_by: null, locked_until: null, failures: 0, parked_at: null }),
    ]);
    expect(await take(T0 + 499, 1)).toEqual([]);
    expect(await take(T0 + 500, 1)).toHaveLength(1);
  });

  it('reports the next moment a timer may be claimed, and deletes by key', async () => {
    expect(await nextTimerDueAt(t.db)).toBeNull();
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'x', event: poll(1), due_at: T0 + 100 });
    await upsertTimer(t.db, { shipment_id: sid, timer_key: 'y', event: poll(2), due_at: T0 + 50 });
    expect(await nextTimerDueAt(t.db)).toBe(T0 + 50);
    // A timer set aside after a failure counts from the end of its hold.
    const y = (await listTimers(t.db, sid)).find((r) => r.timer_key === 'y')!;
    await writeTransaction(t.db, (trx) => failTimer(trx, { id: y.id, worker_id: 'w1', error: 'boom', retry_delay: () => 1000, max_failures: 5, now: T0 + 60 }));
    expect(await nextTimerDueAt(t.db)).toBe(T0 + 100);
    await deleteTimer(t.db, { shipment_id: sid, timer_key: 'x' });
    expect(await nextTimerDueAt(t.db)).toBe(T0 + 1060);
    expect((await listTimers(t.db, sid)).map((r) => r.timer_key)).toEqual(['y']);
  });
});
