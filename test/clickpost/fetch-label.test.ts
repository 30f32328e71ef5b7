import { describe, it, expect } from '@jest/globals';
import { parseFetchLabelResponse, toFetchLabelRequest } from '../../src/clickpost/fetch-label.js';
import { ClickPostTimeoutError } from '../../src/transport/errors.js';
import { readMetaAnswer } from '../../src/clickpost/classify.js';
import { answer, fixture } from './fixtures.js';

describe('fetch-label', () => {
  it('builds GET /api/v1/fetch/shippinglabel/ with waybill, cp_id and regenerate', () => {
    const { read, ...request } = toFetchLabelRequest(fixture('fetch-label/input.json'));
    expect(request).toEqual(fixture('fetch-label/request.json'));
    expect(read).toBe(readMetaAnswer);
    expect(toFetchLabelRequest({ awb: 'A', courier_partner_id: 1, regenerate: false }).query).toEqual({ waybill: 'A', cp_id: 1, regenerate: 'false' });
  });

  for (const c of fixture<{ name: string; httpStatus: number; body: unknown; expected: unknown }[]>('fetch-label/responses.json')) {
    it(`parses: ${c.name}`, () => {
      expect(parseFetchLabelResponse(answer(c.httpStatus, c.body))).toEqual(c.expected);
    });
  }

  it('returns a transport failure instead of throwing', () => {
    const out = parseFetchLabelResponse({ ok: false, error: new ClickPostTimeoutError('timed out', { retryable: true }), retries: 3 });
    expect(out).toEqual({ ok: false, error: 'timed out', meta_status: null, transient: true });
  });
});
