/**
 * One knex factory for both databases. SQLite is the embedded default; PostgreSQL runs
 * the same code when one machine is not enough.
 *
 * SQLite rule: every write transaction takes the write lock with its first statement.
 * A deferred transaction that reads first and writes later fails with
 * SQLITE_BUSY_SNAPSHOT when another process committed in between (WAL mode), and the
 * busy handler cannot help. `writeTransaction` runs a no-op UPDATE first, which takes
 * the lock (waiting up to busy_timeout) before anything is read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from '../logger.js';
import { redact } from '../transport/redact.js';

export type Db = Knex;
export type Tx = Knex.Transaction;
export type Dialect = 'sqlite' | 'postgres';

const require = createRequire(import.meta.url);

// PostgreSQL returns int8 (bigint) as a string; every bigint here is epoch milliseconds
// or a row count, far below 2^53, so numbers are safe and keep both dialects alike.
// pg is loaded with the first PostgreSQL database only (~10 MB a SQLite service never needs).
function usePg(): void {
  (require('pg') as typeof import('pg')).types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));
}

export interface DbOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://user:pass@host:port/db`. */
  url: string;
  /** SQLite busy timeout in ms. */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size. */
  poolMax?: number;
  /** Where knex's own warnings go (a lost connection, a failed acquire) as JSON lines; none: dropped. */
  logger?: Logger;
}

/**
 * knex prints its own warnings with console.log, stack traces included ("Acquire connection
 * error: Error: connect ECONNREFUSED ... at ..."). The same errors reach the caller, who
 * logs them; here they become one JSON line each, first line only, or nothing.
 */
function knexLog(logger: Logger | undefined): Knex.Config['log'] {
  const line = (level: 'warn' | 'error' | 'debug') => (message: unknown) => {
    const text = typeof message === 'string' ? message : String((message as Error)?.message ?? message);
    logger?.[level]('database driver', { detail: redact(text.split('\n')[0] ?? '') });
  };
  return { warn: line('warn'), error: line('error'), deprecate: line('debug'), debug: line('debug') };
}

export function dialectOf(db: Db): Dialect {
  const client = (db.client as { config: { client: string } }).config.client;
  return client === 'pg' ? 'postgres' : 'sqlite';
}

/** `sqlite:./data/x.sqlite` -> the file path (folders created); `:memory:` kept. */
export function sqliteFileOf(url: string): string {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file === '' ) throw new Error('DATABASE_URL sqlite: needs a file path or :memory:');
  return file;
}

export function createDb(options: DbOptions): Db {
  const { url } = options;
  if (/^postgres(ql)?:\/\//.test(url)) {
    usePg();
    return knexFactory({
      client: 'pg',
      connection: url,
      log: knexLog(options.logger),
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
  }
  if (!url.startsWith('sqlite:')) {
    throw new Error('DATABASE_URL must start with sqlite: or postgres://');
  }
  const filename = sqliteFileOf(url);
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const busy = options.busyTimeoutMs ?? 10_000;
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    log: knexLog(options.logger),
    useNullAsDefault: true,
    // One connection: better-sqlite3 is synchronous, and a single connection makes the
    // process's own transactions queue instead of fighting over the file lock.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        try {
          cachePreparedStatements(conn);
          conn.pragma('journal_mode = WAL');
          conn.pragma(`busy_timeout = ${busy}`);
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}

export interface WriteTransactionOptions {
  /**
   * The caller's first statement writes (an UPDATE or DELETE), which takes the SQLite
   * write lock as the gate would: the no-op gate statement is skipped.
   */
  writeFirst?: boolean;
}

interface SqliteConnection {
  pragma(s: string): unknown;
  prepare(sql: string): unknown;
}

/** Prepared statements kept per connection (most recently used); knex prepares every statement anew. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * knex's better-sqlite3 client compiles each statement again on every run (a profile of
 * the booking bench put ~9% of the time in prepare). The same SQL text gives the same
 * statement, and better-sqlite3 statements are reusable once all()/run() returned, which
 * they do synchronously; SQLite re-prepares one by itself after a schema change.
 */
function cachePreparedStatements(conn: SqliteConnection): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement !== undefined) {
      cache.delete(sql); // re-insert: the Map's order is the recency order
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };
}

/**
 * A transaction that may write. On SQLite its first statement takes the write lock
 * (see the module comment); on PostgreSQL it is a plain READ COMMITTED transaction and
 * row locks come from the statements themselves.
 */
export async function writeTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>, options: WriteTransactionOptions = {}): Promise<T> {
  return db.transaction(async (trx) => {
    if (!options.writeFirst && dialectOf(db) === 'sqlite') await trx.raw('update write_gate set n = n where 0');
    return fn(trx);
  });
}

/** JSON columns are text on both databases; parse what comes back. */
export function parseJson<T>(value: unknown): T {
  if (value === null || value === undefined) return value as T;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** SQLite hands back 0/1 for booleans; PostgreSQL true/false. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}
