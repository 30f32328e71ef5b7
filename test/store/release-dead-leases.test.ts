/**
 * At start a worker frees the leases its node's dead processes held, so their timers
 * and effects run again at once instead of after the lease. Live processes' and other
 * nodes' leases stay.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeTransaction } from '../../src/store/db.js';
import { claimDueEffectsWithShipment, insertEffect, listEffects } from '../../src/store/effects-repo.js';
import { failTimer, listTimers, upsertTimer } from '../../src/store/timers-repo.js';
import { releaseLeasesOfDeadWorkers } from '../../src/store/sql/release-leases-of-dead-workers.js';
import { openTestDb, testDatabases, type TestDb } from '../helpers/db.js';
import { seedShipment, T0 } from './seed.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe.each(testDatabases())('releasing dead workers leases on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('frees only leases of dead processes of this node', async () => {
    const sid = await seedShipment(t.db, 'SHP-DEAD');
    const dead = `node-a:${deadPid()}:x1`;
    const live = `node-a:${process.ppid}:x2`;
    const self = `node-a:${process.pid}:x3`;
    const otherNode = `node-b:${deadPid()}:x4`;
    const workers = [dead, live, self, otherNode];
    for (const [i] of workers.entries()) {
      await upsertTimer(t.db, { shipment_id: sid, timer_key: `k${i}`, event: { i }, due_at: T0 + i });
      await insertEffect(t.db, { shipment_id: sid, kind: 'poll-order', payload: { i }, idempotency_key: `e${i}`, run_at: T0 + i, now: T0 });
    }
    const timers = await listTimers(t.db, sid);
    for (const [i, worker] of workers.entries()) {
      // A timer is held by the worker whose step of it failed (set aside for a while).
      await writeTransaction(t.db, (trx) => failTimer(trx, { id: timers[i]!.id, worker_id: worker, error: 'boom', retry_delay: () => 60_000, max_failures: 10, now: T0 + 10 }));
      await claimDueEffectsWithShipment(t.db, { worker_id: worker, now: T0 + 10, lease_ms: 60_000, limit: 1 });
    }
    const released = await releaseLeasesOfDeadWorkers(t.db, { node_id: 'node-a', self_pid: process.pid });
    expect(released).toBe(2);
    expect((await listTimers(t.db, sid)).map((r) => r.locked_by)).toEqual([null, live, self, otherNode]);
    expect((await listEffects(t.db)).map((e) => e.locked_by)).toEqual([null, live, self, otherNode]);
    // The freed rows are claimable again before their lease would have ended.
    expect((await claimDueEffectsWithShipment(t.db, { worker_id: 'next', now: T0 + 11, lease_ms: 1, limit: 5 })).map((c) => c.effect.idempotency_key)).toEqual(['e0']);
  });
});
