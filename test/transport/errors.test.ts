import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import {
  ClickPostBadResponseError,
  ClickPostConnectionError,
  ClickPostError,
  ClickPostHttpError,
  ClickPostTimeoutError,
} from '../../src/transport/errors.js';
import { registerSecret } from '../../src/transport/redact.js';
import { errorFromGot, readAnswer } from '../../src/transport/send-once.js';

const KEY = 'sk_live_SECRET_7f3a';
const URL_WITH_KEY = `https://www.clickpost.in/api/v3/create-order/?username=acme&key=${KEY}`;

describe('ClickPostError tree', () => {
  it('gives each subclass its name and stable code, all instances of the base', () => {
    const cases: Array<[ClickPostError, string, string]> = [
      [new ClickPostTimeoutError('t'), 'ClickPostTimeoutError', 'ERR_CLICKPOST_TIMEOUT'],
      [new ClickPostConnectionError('c'), 'ClickPostConnectionError', 'ERR_CLICKPOST_CONNECTION'],
      [new ClickPostHttpError('h', { httpStatus: 503, retryable: true }), 'ClickPostHttpError', 'ERR_CLICKPOST_HTTP'],
      [new ClickPostBadResponseError('b'), 'ClickPostBadResponseError', 'ERR_CLICKPOST_BAD_RESPONSE'],
    ];
    for (const [error, name, code] of cases) {
      expect(error).toBeInstanceOf(ClickPostError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
    }
    expect(cases[2]![0]).toMatchObject({ httpStatus: 503, retryable: true });
    expect(new ClickPostError('x').retryable).toBe(false);
  });

  it('masks the key in its message and keeps only a redacted copy of the cause', () => {
    // A got-like error: its message and its options both carry the URL with the key.
    const gotLike = Object.assign(new Error(`connect ECONNREFUSED for ${URL_WITH_KEY}`), { code: 'ECONNREFUSED', options: { url: URL_WITH_KEY } });
    const error = new ClickPostConnectionError(`failed for GET ${URL_WITH_KEY}`, { cause: gotLike, retryable: true });
    expect(error.message).toContain('key=[REDACTED]');
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED', name: 'Error' });
    expect(error.cause!.message).toContain('key=[REDACTED]');
    expect(inspect(error, { depth: 6, showHidden: true })).not.toContain(KEY);
    expect(String(error.stack)).not.toContain(KEY);
  });

  it('masks a registered key wherever it appears, not only after key=', () => {
    registerSecret(KEY);
    const error = new ClickPostError(`upstream said: bad credential ${KEY}`);
    expect(error.message).not.toContain(KEY);
  });
});

describe('mapping got failures and answers', () => {
  const where = `POST ${URL_WITH_KEY}`;
  it('maps got error names and codes to our types, all retryable', () => {
    expect(errorFromGot({ name: 'TimeoutError', code: 'ETIMEDOUT', message: 'Timeout' }, where, 200)).toBeInstanceOf(ClickPostTimeoutError);
    expect(errorFromGot({ name: 'ReadError', code: 'ERR_STREAM_PREMATURE_CLOSE', message: 'x' }, where, 200)).toBeInstanceOf(ClickPostBadResponseError);
    expect(errorFromGot({ name: 'RequestError', code: 'ECONNRESET', message: 'socket hang up' }, where, 200)).toBeInstanceOf(ClickPostConnectionError);
    const other = errorFromGot(new TypeError('bad option'), where, 200);
    expect(other.code).toBe('ERR_CLICKPOST');
    expect(other.retryable).toBe(false);
    expect(other.message).not.toContain(KEY);
  });

  it('reads answers: 5xx/429 retryable HTTP errors, 200 not JSON a bad response, 4xx JSON an answer', () => {
    expect(readAnswer(502, '{"meta":{"status":200}}', undefined, where)).toMatchObject({ kind: 'failure', error: { code: 'ERR_CLICKPOST_HTTP', retryable: true, httpStatus: 502 } });
    expect(readAnswer(429, '', '5', where)).toMatchObject({ kind: 'failure', retryAfter: '5' });
    expect(readAnswer(200, '{"meta":{"sta', undefined, where)).toMatchObject({ kind: 'failure', error: { code: 'ERR_CLICKPOST_BAD_RESPONSE', retryable: true } });
    expect(readAnswer(200, '', undefined, where)).toMatchObject({ kind: 'failure', error: { code: 'ERR_CLICKPOST_BAD_RESPONSE' } });
    expect(readAnswer(400, '{"meta":{"status":328}}', undefined, where)).toMatchObject({ kind: 'answer', httpStatus: 400, body: { meta: { status: 328 } } });
    expect(readAnswer(403, '<html>forbidden</html>', undefined, where)).toMatchObject({ kind: 'failure', error: { code: 'ERR_CLICKPOST_HTTP', retryable: false } });
    expect(readAnswer(408, 'timeout', undefined, where)).toMatchObject({ kind: 'failure', error: { retryable: true } });
  });
});
