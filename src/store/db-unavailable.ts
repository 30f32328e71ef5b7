/**
 * Is this error the database being away (down, restarting, unreachable, its file locked
 * by another process past the busy timeout) rather than a statement that is wrong? The
 * first is worth waiting out: a worker tries to record its result again, and a request
 * answers 503 (try again soon) instead of 500. Matched on stable codes, never on
 * `instanceof` (better-sqlite3's error class differs between jest module registries).
 */

/** PostgreSQL SQLSTATE: connection exceptions (class 08), shutdowns and "cannot connect now", too many connections. */
const PG_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
/** Socket errors of the pg driver reaching (or losing) the server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** SQLite: the file is locked past busy_timeout, cannot be opened, or the disk failed it. */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|PROTOCOL)/;
/** What pg and knex say without a code: the server went away mid-query, or no connection came (knex puts the SQL and " - " first). */
const MESSAGES = /(^|- )(Connection terminated|Client has encountered a connection error|Client was closed|Knex: Timeout acquiring a connection)/;

/**
 * Only the error itself is looked at (and the inner errors of pg's AggregateError), not its
 * `cause`: a ClickPost call refused by the network carries ECONNREFUSED as its cause, and
 * that is not the database.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, name, message } = err as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof name === 'string' && name.startsWith('ClickPost')) return false;
  if (typeof code === 'string' && (PG_STATES.test(code) || SOCKET_CODES.has(code) || SQLITE_CODES.test(code))) return true;
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  // pg's pool answers a refused connect with an AggregateError of both addresses (IPv4 and IPv6).
  const errors = (err as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner));
}
