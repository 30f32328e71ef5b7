/**
 * Which database errors are the database being away (503, try again) and which are a
 * text it cannot store (400): the pure mapping, by the codes the drivers really give
 * (pg SQLSTATE and socket codes, better-sqlite3's SQLITE_* codes, knex's acquire timeout).
 * The live cases are in database-outage.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { errorAnswer } from '../../src/http/error-handler.js';
import { isDatabaseUnavailable } from '../../src/store/db-unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database errors in answers', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['both addresses refused (pg AggregateError)', Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), {})],
    ['the server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['a connection exception', withCode('08006')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a connection cut mid-query, as knex words it', new Error('select * from "shipments" where "id" = $1 - Connection terminated unexpectedly')],
    ["knex's acquire timeout", Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['SQLite locked past busy_timeout', withCode('SQLITE_BUSY', 'database is locked')],
    ['SQLite file not openable', withCode('SQLITE_CANTOPEN', 'unable to open database file')],
  ])('%s is the database being away: 503 database_unavailable', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(errorAnswer(err)).toEqual({ status: 503, body: { error: 'database_unavailable', message: expect.any(String) } });
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a value out of range', withCode('22003')],
    ['a constraint failed on SQLite', withCode('SQLITE_CONSTRAINT_UNIQUE')],
    ['ClickPost refused by the network', Object.assign(new Error('ClickPost create-order: connect ECONNREFUSED'), { name: 'ClickPostError', code: 'ERR_CLICKPOST', cause: withCode('ECONNREFUSED') })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('%s is not: 500 internal_error', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(errorAnswer(err)).toEqual({ status: 500, body: { error: 'internal_error' } });
  });

  it('a NUL byte PostgreSQL cannot store is the request\'s fault: 400 invalid_text', () => {
    for (const code of ['22021', '22P05']) {
      expect(errorAnswer(withCode(code, 'invalid byte sequence for encoding "UTF8": 0x00'))).toEqual({ status: 400, body: { error: 'invalid_text', message: expect.stringMatching(/NUL byte/) } });
    }
  });
});
