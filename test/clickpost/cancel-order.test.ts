import { describe, it, expect } from '@jest/globals';
import { parseCancelOrderResponse, toCancelOrderRequest } from '../../src/clickpost/cancel-order.js';
import { ClickPostConnectionError } from '../../src/transport/errors.js';
import { readCancelAnswer } from '../../src/clickpost/classify.js';
import { answer, fixture } from './fixtures.js';

describe('cancel-order', () => {
  it('builds GET /api/v1/cancel-order/ with waybill, cp_id and account_code', () => {
    const { read, ...request } = toCancelOrderRequest(fixture('cancel-order/input.json'));
    expect(request).toEqual(fixture('cancel-order/request.json'));
    expect(read).toBe(readCancelAnswer); // the answer is read as a cancel, once
  });

  for (const c of fixture<{ name: string; httpStatus: number; body: unknown; expected: unknown }[]>('cancel-order/responses.json')) {
    it(`parses: ${c.name}`, () => {
      expect(parseCancelOrderResponse(answer(c.httpStatus, c.body))).toEqual(c.expected);
    });
  }

  it('a connection failure is a transient cancel failure', () => {
    const out = parseCancelOrderResponse({ ok: false, error: new ClickPostConnectionError('socket hang up', { retryable: true }), retries: 3 });
    expect(out).toEqual({ kind: 'cancel_failed', meta_status: null, message: 'socket hang up', transient: true });
  });
});
