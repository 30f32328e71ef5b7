/**
 * SQLite across processes: a child process (better-sqlite3, autocommit) inserts and
 * claims effects on the same file while this process claims, reads and completes inside
 * writeTransaction. No side may see SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT, and no effect
 * may be claimed by both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sqliteFileOf, writeTransaction } from '../../src/store/db.js';
import { claimDueEffectsWithShipment, claimEffectsSql, completeEffect, insertEffect, listEffects } from '../../src/store/effects-repo.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { T0 } from './seed.js';

const SEEDED = 150;
const CHILD_ITERATIONS = 300;
const script = fileURLToPath(new URL('./fixtures/sqlite-worker.mjs', import.meta.url));

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runChild(file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, DB_FILE: file, CLAIM_SQL: claimEffectsSql('sqlite'), NOW: String(T0), ITERATIONS: String(CHILD_ITERATIONS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('SQLite claims across processes', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('a child process writes while this one claims inside writeTransaction', async () => {
    for (let i = 0; i < SEEDED; i += 1) {
      await insertEffect(t.db, { shipment_id: null, kind: 'seed', payload: { i }, idempotency_key: `seed-${i}`, run_at: T0, now: T0 });
    }
    let childDone = false;
    const child = runChild(sqliteFileOf(t.url)).finally(() => {
      childDone = true;
    });
    const mine: number[] = [];
    let transactions = 0;
    let parentInserts = 0;
    // Keep going while the child runs (and a few rounds more, so both sides surely ran).
    while (!childDone || transactions < 20) {
      await writeTransaction(t.db, async (trx) => {
        const claimed = (await claimDueEffectsWithShipment(trx, { worker_id: 'parent', now: T0, lease_ms: 600_000, limit: 2 })).map((c) => c.effect);
        // Read after the claim in the same transaction: the pattern that breaks without the write gate.
        const held = await listEffects(trx, { status: 'PENDING' });
        for (const effect of claimed) {
          expect(held.find((e) => e.id === effect.id)?.locked_by).toBe('parent');
          expect(await completeEffect(trx, { id: effect.id, worker_id: 'parent', now: T0 + 1 })).toBe(true);
          mine.push(effect.id);
        }
        await insertEffect(trx, { shipment_id: null, kind: 'parent', payload: {}, idempotency_key: `parent-${transactions}`, run_at: T0, now: T0 });
        parentInserts += 1;
      });
      transactions += 1;
      // Let the child's pipes and exit event through between transactions.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await child;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const theirs = (JSON.parse(result.stdout) as { claimed: number[]; inserted: number }).claimed;

    const overlap = mine.filter((id) => theirs.includes(id));
    expect(overlap).toEqual([]);
    expect(new Set(mine).size).toBe(mine.length);
    expect(new Set(theirs).size).toBe(theirs.length);
    const all = await listEffects(t.db);
    expect(all).toHaveLength(SEEDED + CHILD_ITERATIONS + parentInserts);
    for (const effect of all) {
      if (mine.includes(effect.id)) expect(effect).toMatchObject({ status: 'DONE', locked_by: null });
      else if (theirs.includes(effect.id)) expect(effect).toMatchObject({ status: 'PENDING', locked_by: 'child', attempts: 1 });
      else expect(effect).toMatchObject({ status: 'PENDING', locked_by: null, attempts: 0 });
    }
    expect(mine.length + theirs.length).toBeGreaterThan(0);
  });
});
