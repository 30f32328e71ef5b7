/**
 * Fresh, migrated databases for store tests. SQLite: a temp file in WAL mode (the same
 * factory as production). PostgreSQL: a new database created through DATABASE_URL (the
 * admin URL) and dropped on close, so test files never share rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { createDb, type Db } from '../../src/store/db.js';
import { migrateLatest } from '../../src/store/migrate.js';

export type DbKind = 'sqlite' | 'postgres';
export type TestDbKind = DbKind;

export interface TestDb {
  kind: DbKind;
  /** The migrated database, ready to use. */
  db: Db;
  /** Its URL, for another process or another knex instance. */
  url: string;
  /** Another knex instance on the same database (closed with the TestDb). */
  open(): Db;
  /** Destroys every instance and removes the database. */
  close(): Promise<void>;
}

/** Always sqlite; postgres too when DATABASE_URL is a postgres:// URL. */
export function testDatabases(): DbKind[] {
  const url = process.env.DATABASE_URL ?? '';
  return /^postgres(ql)?:\/\//.test(url) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function openTestDb(kind: DbKind): Promise<TestDb> {
  return kind === 'postgres' ? openPostgres() : openSqlite();
}

/** Empties every data table (children first); keeps the schema and write_gate. */
export async function resetTestDb(db: Db): Promise<void> {
  for (const table of ['effects', 'timers', 'tracking_events', 'api_calls', 'attempts', 'boxes', 'shipments', 'settings', 'account_breakers']) {
    await db(table).del();
  }
}

function tracker(url: string, first: Db) {
  const instances: Db[] = [first];
  return {
    open(): Db {
      const db = createDb({ url });
      instances.push(db);
      return db;
    },
    async destroyAll(): Promise<void> {
      await Promise.all(instances.map((db) => db.destroy()));
    },
  };
}

async function openSqlite(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
  const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
  const db = createDb({ url });
  await migrateLatest(db);
  const t = tracker(url, db);
  return {
    kind: 'sqlite',
    db,
    url,
    open: t.open,
    async close() {
      await t.destroyAll();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<TestDb> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl)) {
    throw new Error('openTestDb(postgres) needs DATABASE_URL=postgres://...');
  }
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.raw(`create database ${name}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createDb({ url });
  const t = tracker(url, db);
  try {
    await migrateLatest(db);
  } catch (err) {
    await t.destroyAll();
    await dropDatabase(adminUrl, name);
    throw err;
  }
  return {
    kind: 'postgres',
    db,
    url,
    open: t.open,
    async close() {
      await t.destroyAll();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** A new, empty (unmigrated) PostgreSQL database: its URL and a drop. */
export async function emptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL!;
  const name = `e_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.raw(`create database ${name}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => dropDatabase(adminUrl, name) };
}

async function withAdmin<T>(adminUrl: string, fn: (admin: Db) => Promise<T>): Promise<T> {
  const admin = createDb({ url: adminUrl, poolMax: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (admin) => {
    // `with (force)` (PostgreSQL 13+) ends stray connections a failed test left behind.
    try {
      await admin.raw(`drop database if exists ${name} with (force)`);
    } catch {
      await admin.raw(`drop database if exists ${name}`);
    }
  });
}

/**
 * The message a promise rejects with ('' when it resolves). Use it instead of
 * `rejects.toThrow` for database errors: better-sqlite3's native addon keeps the
 * SqliteError class of the first test file a jest worker loaded, so in later files its
 * errors are not `instanceof Error` and `toThrow` reports "did not throw".
 */
export async function rejectionMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return '';
  } catch (err) {
    const message = (err as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : String(err);
  }
}

/**
 * The usual suite setup: a fresh database for the describe block (opened before all,
 * closed after all), emptied before each test. Read `db` inside tests and hooks.
 */
export function useTestDb(kind: DbKind): { readonly db: Db; readonly current: TestDb } {
  let t: TestDb | null = null;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await resetTestDb(t!.db);
  });
  return {
    get db() {
      return t!.db;
    },
    get current() {
      return t!;
    },
  };
}
