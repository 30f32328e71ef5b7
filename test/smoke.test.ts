import { describe, it, expect } from '@jest/globals';
import { createDb, writeTransaction } from '../src/store/db.js';
import { migrateLatest } from '../src/store/migrate.js';
describe('smoke', () => { it('migrates', async () => {
  const db = createDb({ url: process.env.DATABASE_URL ?? 'sqlite::memory:' });
  expect(await migrateLatest(db)).toEqual(['001_initial']);
  await writeTransaction(db, async (trx) => { await trx('settings').insert({ key: 'a', value: '1', updated_at: Date.now() }); });
  expect((await db('settings').first())?.key).toBe('a');
  await db.destroy();
}); });
