import { dialectOf, type Db } from './db.js';
import { migrationSource } from '../../migrations/index.js';

/** pg_advisory lock key of the migrations ("cpmigrat" as 8 bytes). */
export const MIGRATION_LOCK_KEY = '7165591405587063156';

/**
 * Applies every pending migration; returns the names applied. On PostgreSQL, nodes that
 * start together on a fresh database would race to create knex's own bookkeeping tables
 * (its lock table cannot exist before the first of them made it): a transaction-scoped
 * advisory lock lets one node migrate while the others wait, then find nothing to do.
 * The lock holds one pooled connection while the migrations use another.
 */
export async function migrateLatest(db: Db): Promise<string[]> {
  if (dialectOf(db) !== 'postgres') return latest(db);
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?::bigint)', [MIGRATION_LOCK_KEY]);
    return latest(db);
  });
}

async function latest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

export async function rollbackAll(db: Db): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}
