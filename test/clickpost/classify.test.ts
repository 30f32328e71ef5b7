import { describe, it, expect, afterEach } from '@jest/globals';
import {
  CANCEL_STATUS_KINDS, META_STATUS_KINDS, classifyCancel, classifyMeta, failureFromTransport, outcomeWithoutResult,
  readCancelAnswer, readCreateAnswer, readMetaAnswer,
} from '../../src/clickpost/classify.js';
import { ClickPostBadResponseError, ClickPostHttpError, ClickPostTimeoutError } from '../../src/transport/errors.js';
import { forgetSecrets, registerSecret } from '../../src/transport/redact.js';

const body = (status: number, success: boolean, message = 'msg') => ({ meta: { status, success, message }, result: null });

// ClickPost's meta.status table (slate source/includes/_error.md and docs.clickpost.ai
// error-codes, plus the async codes of slate _create.md and 329 of issue #8), written out
// here independently of the code's map.
const TABLE: [number[], string][] = [
  [[200, 323], 'booked'],
  [[202], 'accepted_async'],
  [[102], 'pending'],
  [[322, 329, 429, 500, 503, 504], 'transient'],
  [[319, 354], 'immediate_error'],
  [[301, 306, 316, 320, 324, 351, 352, 353, 355, 401, 403], 'configuration_error'],
  [[302, 307, 308, 309, 310, 311, 312, 313, 314, 315, 328, 400, 405, 406, 422], 'payload_error'],
  [[321, 326, 330, 404], 'lookup_miss'],
  [[303, 304, 305, 325, 327], 'unknown'],
];

describe('classifyMeta: every code of the table', () => {
  for (const [codes, kind] of TABLE) {
    for (const code of codes) {
      it(`meta.status ${code} is ${kind}`, () => {
        const c = classifyMeta(200, body(code, code === 200 || code === 202));
        expect(c.kind).toBe(kind);
        expect(c.meta_status).toBe(code);
        expect(c.http_status).toBe(200);
      });
    }
  }

  it('the frozen map holds exactly the table', () => {
    const expected = Object.fromEntries(TABLE.flatMap(([codes, kind]) => codes.map((c) => [String(c), kind])));
    expect({ ...META_STATUS_KINDS }).toEqual(expected);
    expect(Object.isFrozen(META_STATUS_KINDS)).toBe(true);
    expect(Object.isFrozen(CANCEL_STATUS_KINDS)).toBe(true);
  });
});

describe('classifyMeta: success is HTTP 200 and 200/323, never meta.success', () => {
  it('323 with success:false is booked', () => {
    expect(classifyMeta(200, { meta: { status: 323, success: false, message: 'Order already placed' } }).kind).toBe('booked');
  });

  it('319 with success:true is still an error', () => {
    expect(classifyMeta(200, { meta: { status: 319, success: true, message: 'Pincode not serviceable' } })).toEqual({
      kind: 'immediate_error', meta_status: 319, http_status: 200, message: 'Pincode not serviceable', fields: [],
    });
  });

  it('reads meta.status_code as the guidelines name it, and numeric strings', () => {
    expect(classifyMeta(200, { meta: { status_code: 323, success: false } }).kind).toBe('booked');
    expect(classifyMeta(200, { meta: { status: '319', success: false } })).toMatchObject({ kind: 'immediate_error', meta_status: 319 });
  });

  it('a success code on a non-200 HTTP status is not a success', () => {
    const c = classifyMeta(400, body(200, true, 'SUCCESS'));
    expect(c.kind).toBe('immediate_error');
    expect(c.message).toContain('HTTP 400');
  });

  it('a 4xx with a ClickPost meta is classified by its meta', () => {
    expect(classifyMeta(401, body(301, false, 'Authentication failed')).kind).toBe('configuration_error');
  });
});

describe('classifyMeta: unknown and unreadable answers', () => {
  it('an unknown code is inconclusive (never a refusal that forgets the order) and names the code', () => {
    const c = classifyMeta(200, body(777, false, 'Something new'));
    expect(c).toMatchObject({ kind: 'unknown', meta_status: 777 });
    expect(c.message).toBe('Unexpected ClickPost meta.status 777: Something new');
    expect(outcomeWithoutResult(c)).toEqual({ kind: 'unknown', meta_status: 777, message: 'Unexpected ClickPost meta.status 777: Something new' });
  });

  it('a code of another API (webhook registration) is inconclusive too', () => {
    expect(classifyMeta(200, body(305, false, 'Webhook already Registered for the user')).kind).toBe('unknown');
  });

  it('HTTP 5xx and 429 are transient whatever the body', () => {
    expect(classifyMeta(500, '<html>Internal Server Error</html>')).toMatchObject({ kind: 'transient', meta_status: null, http_status: 500 });
    expect(classifyMeta(503, body(200, true))).toMatchObject({ kind: 'transient', http_status: 503 });
    expect(classifyMeta(429, null)).toMatchObject({ kind: 'transient', http_status: 429 });
  });

  it('a status beyond the integer columns is no status: transient, never a row the database refuses', () => {
    for (const status of [2 ** 31, '99999999999', -(2 ** 31) - 1]) {
      expect(classifyMeta(200, { meta: { status, success: true }, result: null })).toMatchObject({ kind: 'transient', meta_status: null });
    }
    expect(classifyMeta(200, { meta: { status: String(2 ** 31 - 1), success: false }, result: null })).toMatchObject({ kind: 'unknown', meta_status: 2 ** 31 - 1 });
  });

  it('an answer that is not an object, has no meta or no status is transient', () => {
    for (const b of ['not json at all', null, 42, [], { result: {} }, { meta: 'x' }, { meta: { success: true } }]) {
      const c = classifyMeta(200, b);
      expect(c.kind).toBe('transient');
      expect(c.meta_status).toBeNull();
    }
  });
});

describe('payload error fields', () => {
  it('reports every field the message names, in message order', () => {
    const c = classifyMeta(200, body(308, false, 'Invalid order type; pickup_pincode must be 6 digits'));
    expect(c.fields).toEqual(['order_type', 'pickup_pincode']);
  });

  it('reads a structured errors list and a validation-shaped result', () => {
    expect(classifyMeta(200, { meta: { status: 328, message: 'Invalid POST data', errors: [{ field: 'drop_phone', message: 'bad' }] } }).fields)
      .toEqual(['drop_phone']);
    expect(classifyMeta(200, { meta: { status: 328, message: 'Invalid POST data' }, result: { invoice_date: ['must be YYYY-MM-DD'], reference_number: 'SHP-1' } }).fields)
      .toEqual(['invoice_date']);
  });

  it('only payload errors carry fields', () => {
    expect(classifyMeta(200, body(319, false, 'drop_pincode not serviceable')).fields).toEqual([]);
  });
});

describe('failureFromTransport', () => {
  afterEach(() => forgetSecrets());

  it('keeps the stable code and the HTTP status, and says transient', () => {
    const timeout = failureFromTransport({ ok: false, error: new ClickPostTimeoutError('timed out after 8000 ms', { retryable: true }), retries: 3 });
    expect(timeout).toEqual({ kind: 'transient', meta_status: null, http_status: null, error_code: 'ERR_CLICKPOST_TIMEOUT', message: 'timed out after 8000 ms' });
    const http = failureFromTransport({ ok: false, error: new ClickPostHttpError('HTTP 502', { retryable: true, httpStatus: 502 }), retries: 3 });
    expect(http).toMatchObject({ kind: 'transient', http_status: 502, error_code: 'ERR_CLICKPOST_HTTP' });
    const garbage = failureFromTransport({ ok: false, error: new ClickPostBadResponseError('not JSON'), retries: 3 });
    expect(garbage.error_code).toBe('ERR_CLICKPOST_BAD_RESPONSE');
  });

  it('never lets the key through', () => {
    registerSecret('sk_live_SECRET_7f3a');
    const error = new ClickPostHttpError('x', { httpStatus: 500 });
    // Even if a message were built carelessly after construction, the outcome scrubs it.
    Object.defineProperty(error, 'message', { value: 'GET https://x/api?key=sk_live_SECRET_7f3a failed' });
    const out = failureFromTransport({ ok: false, error, retries: 0 });
    expect(out.message).not.toContain('sk_live_SECRET_7f3a');
  });
});

describe('ClickPost text is redacted before it is stored', () => {
  afterEach(() => forgetSecrets());
  it('a message quoting the key (meta.message) never carries it into the outcome', () => {
    registerSecret('sk_live_QUOTED_9z1');
    const c = classifyMeta(200, { meta: { status: 319, message: 'Courier said: key=sk_live_QUOTED_9z1 is not valid for cp 4' } });
    expect(c.message).not.toContain('sk_live_QUOTED_9z1');
    expect(JSON.stringify(outcomeWithoutResult(c))).not.toContain('sk_live_QUOTED_9z1');
    expect(JSON.stringify(classifyCancel(200, { meta: { status: 350, message: 'refused for sk_live_QUOTED_9z1' } }))).not.toContain('sk_live_QUOTED_9z1');
  });
});

describe('outcomeWithoutResult', () => {
  it('builds the outcome of each kind that needs no result', () => {
    expect(outcomeWithoutResult(classifyMeta(200, body(102, false, 'We are processing your order'))))
      .toEqual({ kind: 'pending', meta_status: 102, message: 'We are processing your order' });
    expect(outcomeWithoutResult(classifyMeta(200, body(321, false, 'AWB does not exist'))))
      .toEqual({ kind: 'lookup_miss', meta_status: 321, message: 'AWB does not exist' });
    expect(outcomeWithoutResult(classifyMeta(200, body(322, false, 'Courier server error'))))
      .toEqual({ kind: 'transient', meta_status: 322, http_status: 200, error_code: null, message: 'Courier server error' });
    expect(outcomeWithoutResult(classifyMeta(200, { meta: { status: 352 } })))
      .toEqual({ kind: 'configuration_error', meta_status: 352, message: 'ClickPost meta.status 352', fields: [] });
  });
});

describe('classifyCancel', () => {
  it('200 and 600 are cancelled; 322 transient; 350 and others final', () => {
    expect(classifyCancel(200, body(200, true, 'SUCCESS'))).toEqual({ kind: 'cancelled', meta_status: 200, message: 'SUCCESS' });
    expect(classifyCancel(200, body(600, false, 'Already cancelled'))).toEqual({ kind: 'cancelled', meta_status: 600, message: 'Already cancelled' });
    expect(classifyCancel(200, body(322, false, 'try again'))).toMatchObject({ kind: 'cancel_failed', transient: true });
    expect(classifyCancel(200, body(350, false, 'courier refused'))).toMatchObject({ kind: 'cancel_failed', meta_status: 350, transient: false });
    expect(classifyCancel(200, body(319, false, 'x'))).toMatchObject({ kind: 'cancel_failed', transient: false });
  });

  it('5xx, 429 and unreadable answers are transient failures', () => {
    expect(classifyCancel(500, null)).toMatchObject({ kind: 'cancel_failed', meta_status: null, transient: true });
    expect(classifyCancel(429, null)).toMatchObject({ kind: 'cancel_failed', transient: true });
    expect(classifyCancel(200, 'garbage')).toMatchObject({ kind: 'cancel_failed', transient: true });
  });

  it('a 200 meta on a non-200 HTTP status is not a confirmation', () => {
    expect(classifyCancel(400, body(200, true))).toMatchObject({ kind: 'cancel_failed', transient: false });
  });
});

describe('answer readings (api_calls.failed and meta_status, the daily failure report, "try again")', () => {
  it('create and poll: booked, 202 and 102 are not failures; 319 and 5xx are', () => {
    const body = (status: number, success = status === 200) => ({ meta: { status, message: 'm', success } });
    expect([200, 323, 202, 102].map((s) => readCreateAnswer(200, body(s, false)).succeeded)).toEqual([true, true, true, true]);
    expect(readCreateAnswer(200, body(319)).succeeded).toBe(false);
    expect(readMetaAnswer(500, body(200)).succeeded).toBe(false);
    expect(readCreateAnswer(200, body(319))).toMatchObject({ meta_status: 319, again: false });
  });
  it('a "try again" code is sent again on create only; every other call is sent once', () => {
    const tryAgain = { meta: { status: 322, message: 'try again', success: false } };
    expect(readCreateAnswer(200, tryAgain)).toMatchObject({ meta_status: 322, succeeded: false, again: true });
    expect(readMetaAnswer(200, tryAgain)).toMatchObject({ meta_status: 322, succeeded: false, again: false });
  });
  it('cancel: 200 and 600 are done, 350 is a failure', () => {
    expect(readCancelAnswer(200, { meta: { status: 600, message: 'already cancelled', success: false } }).succeeded).toBe(true);
    expect(readCancelAnswer(200, { meta: { status: 350, message: 'courier error', success: false } })).toMatchObject({ meta_status: 350, succeeded: false, again: false });
  });
});
