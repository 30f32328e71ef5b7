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
/** What pg and knex say without a code: the server went away mid-query, or no connection came. */
const MESSAGES = /Connection terminated|connection (is )?closed|Client has encountered a connection error|Timeout acquiring a connection/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (PG_STATES.test(code) || SOCKET_CODES.has(code) || SQLITE_CODES.test(code))) return true;
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    // pg's pool answers a refused connect with an AggregateError of both addresses (IPv4 and IPv6).
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
