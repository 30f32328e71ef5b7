/**
 * Two claimers on one database must never get the same row. PostgreSQL: two knex
 * instances (separate pools) racing `for update skip locked`. SQLite: two knex instances
 * on one file (two connections) racing the single write-first statement.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Db } from '../../src/store/db.js';
import { writeTransaction } from '../../src/store/db.js';
import { claimDueEffectsWithShipment, insertEffect, listEffects } from '../../src/store/effects-repo.js';
import { listTimers, takeDueTimers, upsertTimer } from '../../src/store/timers-repo.js';
import { openTestDb, resetTestDb, testDatabases, type TestDb } from '../helpers/db.js';
import { seedShipment, T0 } from './seed.js';

const ROWS = 60;
const ROUNDS = 5;

/** Races both claimers round after round until neither gets anything; returns who got what. */
async function race<T extends { id: number }>(claimers: Array<(worker: string) => Promise<T[]>>): Promise<Map<string, number[]>> {
  const got = new Map<string, number[]>(claimers.map((_, i) => [`w${i}`, []]));
  // A broken claim would hand rows out forever; stop long before that and let the checks fail.
  for (let round = 0; round < ROWS * 2; round += 1) {
    const results = await Promise.all(claimers.map((claim, i) => claim(`w${i}`)));
    results.forEach((rows, i) => got.get(`w${i}`)!.push(...rows.map((r) => r.id)));
    if (results.every((rows) => rows.length === 0)) return got;
  }
  return got;
}

function expectDisjointCover(got: Map<string, number[]>, expected: number[]): void {
  const all = [...got.values()].flat();
  expect(new Set(all).size).toBe(all.length);
  expect([...all].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
}

describe.each(testDatabases())('concurrent claims on %s', (kind) => {
  let t: TestDb;
  let other: Db;
  beforeAll(async () => {
    t = await openTestDb(kind);
    other = t.open();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await resetTestDb(t.db);
  });

  it('never hands one effect to two workers', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      await resetTestDb(t.db);
      const sid = await seedShipment(t.db, `SHP-R${round}`);
      for (let i = 0; i < ROWS; i += 1) {
        await insertEffect(t.db, { shipment_id: sid, kind: 'poll-order', payload: { i }, idempotency_key: `r${round}-${i}`, run_at: T0 - (i % 7), now: T0 });
      }
      const ids = (await listEffects(t.db)).map((e) => e.id);
      const claimer = (db: Db) => async (worker: string) => (await claimDueEffectsWithShipment(db, { worker_id: worker, now: T0, lease_ms: 60_000, limit: 3 })).map((c) => c.effect);
      const got = await race([claimer(t.db), claimer(other), claimer(t.db), claimer(other)]);
      expectDisjointCover(got, ids);
      // Every row says who holds it, and that worker is the one that got it.
      for (const effect of await listEffects(t.db)) {
        expect(got.get(effect.locked_by!)).toContain(effect.id);
        expect(effect.attempts).toBe(1);
      }
    }
  });

  it('never hands one timer to two takers', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      await resetTestDb(t.db);
      const sid = await seedShipment(t.db, `SHP-T${round}`);
      for (let i = 0; i < ROWS; i += 1) {
        await upsertTimer(t.db, { shipment_id: sid, timer_key: `k${i}`, event: { i }, due_at: T0 - (i % 5) });
      }
      const ids = (await listTimers(t.db, sid)).map((r) => r.id);
      // The worker's take: delete ... returning inside the stepping transaction.
      const taker = (db: Db) => async () => (await writeTransaction(db, (trx) => takeDueTimers(trx, { now: T0, limit: 4 }))).map((taken) => taken.timer);
      // A take is a transaction. Two SQLite connections in one process cannot both hold one
      // open (better-sqlite3 waits synchronously for the lock the other, stalled, holds), and
      // a node has one; so on SQLite the takers share it, on PostgreSQL two pools race.
      const second = kind === 'sqlite' ? t.db : other;
      const got = await race([taker(t.db), taker(second), taker(t.db), taker(second)]);
      expectDisjointCover(got, ids);
      expect(await listTimers(t.db, sid)).toEqual([]);
    }
  });
});
