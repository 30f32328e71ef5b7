/**
 * Nodes started at the same moment on a fresh PostgreSQL database all migrate it without
 * failing: one applies the migrations, the others wait on the advisory lock and find
 * nothing to do (issue #11: 3 of 30 nodes exited on the race before).
 */
import { describe, it, expect } from '@jest/globals';
import { createDb } from '../../src/store/db.js';
import { migrateLatest } from '../../src/store/migrate.js';
import { emptyPostgresDatabase, testDatabases } from '../helpers/db.js';

const onPostgres = testDatabases().includes('postgres') ? describe : describe.skip;

onPostgres('migrations on a fresh PostgreSQL database, 8 nodes at once', () => {
  it('every node succeeds and the migrations are applied exactly once', async () => {
    const fresh = await emptyPostgresDatabase();
    const nodes = Array.from({ length: 8 }, () => createDb({ url: fresh.url, poolMax: 3 }));
    try {
      const applied = await Promise.all(nodes.map((db) => migrateLatest(db)));
      const all = applied.flat();
      expect(new Set(all).size).toBe(all.length); // nothing applied twice
      expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
      const rows = await nodes[0]!('knex_migrations').select('name');
      expect(rows.map((r: { name: string }) => r.name)).toEqual(applied.find((n) => n.length > 0));
    } finally {
      await Promise.all(nodes.map((db) => db.destroy()));
      await fresh.drop();
    }
  });
});
