import { describe, it, expect } from '@jest/globals';
import { parseCreateOrderResponse } from '../../src/clickpost/create-order.js';
import { ClickPostTimeoutError } from '../../src/transport/errors.js';
import { answer, answerFixture, fixture } from './fixtures.js';

const boxes = [{ box_code: 'SHP-1001-1' }, { box_code: 'SHP-1001-2' }, { box_code: 'SHP-1001-3' }];
const ok = (result: unknown, status = 200) => answer(200, { meta: { status, success: status === 200, message: 'SUCCESS' }, result });

describe('parseCreateOrderResponse: documented answers', () => {
  for (const name of ['sync', 'async', 'pending', 'already-placed', 'poll-out-of-order', 'courier-refused', 'payload-error']) {
    it(`parses response-${name}`, () => {
      expect(parseCreateOrderResponse(answerFixture(`create-order/response-${name}.json`), boxes)).toEqual(fixture(`create-order/parsed-${name}.json`));
    });
  }
});

describe('children -> boxes', () => {
  const parent = { waybill: 'P1', label: 'https://l/P1.pdf', courier_partner_id: 4 };

  it('matches by reference even when ClickPost lists them out of order', () => {
    const out = parseCreateOrderResponse(ok({ ...parent, children: [
      { reference_number: 'SHP-1001-2', waybill: 'P1_2' }, { reference_number: 'SHP-1001-3', waybill: 'P1_3' }, { reference_number: 'SHP-1001-1', waybill: 'P1_1' },
    ] }), boxes);
    expect(out.kind === 'booked' && out.children.map((c) => c.waybill)).toEqual(['P1_1', 'P1_2', 'P1_3']);
  });

  it('falls back to position for children without a reference, around the matched ones', () => {
    const out = parseCreateOrderResponse(ok({ ...parent, children: [
      { waybill: 'A' }, { reference_number: 'SHP-1001-2', waybill: 'B' }, { reference_number: 'CP-INTERNAL-9', waybill: 'C' },
    ] }), boxes);
    expect(out.kind === 'booked' && out.children.map((c) => c.waybill)).toEqual(['A', 'B', 'C']);
  });

  it('never reads children[].item.waybill', () => {
    const out = parseCreateOrderResponse(ok({ ...parent, children: [
      { reference_number: 'SHP-1001-1', waybill: 'P1_1', item: { waybill: 'WRONG' } },
      { reference_number: 'SHP-1001-2', item: { waybill: 'WRONG-2' } },
      { reference_number: 'SHP-1001-3', waybill: 'P1_3', item: { waybill: 'WRONG-3' } },
    ] }), boxes);
    // The second child has no own waybill: the list does not cover every box.
    expect(out).toMatchObject({ kind: 'booked', parent_awb: 'P1', children: [] });
    expect(JSON.stringify(out)).not.toContain('WRONG');
  });

  it('a multi-box success with too few children is booked with no children and says why', () => {
    const out = parseCreateOrderResponse(ok({ ...parent, children: [{ reference_number: 'SHP-1001-1', waybill: 'P1_1' }] }), boxes);
    expect(out.kind).toBe('booked');
    if (out.kind !== 'booked') return;
    expect(out.children).toEqual([]);
    expect(out.parent_awb).toBe('P1');
    expect(out.message).toContain('1 child waybill(s) for 3 box(es)');
  });

  it('a single box without children is the parent itself', () => {
    const out = parseCreateOrderResponse(ok(parent), [{ box_code: 'ONLY' }]);
    expect(out).toMatchObject({ kind: 'booked', children: [{ reference_number: null, waybill: 'P1', label_url: 'https://l/P1.pdf' }] });
  });

  it('extra children are ignored and noted', () => {
    const out = parseCreateOrderResponse(ok({ ...parent, children: [{ waybill: 'A' }, { waybill: 'B' }] }), [{ box_code: 'ONLY' }]);
    expect(out).toMatchObject({ kind: 'booked', children: [{ waybill: 'A' }] });
    expect(out.kind === 'booked' && out.message).toContain('1 ignored');
  });
});

describe('parseCreateOrderResponse: edges', () => {
  it('a success without a waybill is transient (nothing to label yet)', () => {
    expect(parseCreateOrderResponse(ok({ waybill: null }), boxes)).toMatchObject({ kind: 'transient', meta_status: 200 });
    expect(parseCreateOrderResponse(ok(null), boxes)).toMatchObject({ kind: 'transient' });
  });

  it('reads a numeric waybill and a string partner id', () => {
    const out = parseCreateOrderResponse(ok({ waybill: 785578015860, courier_partner: '6', children: [] }), [{ box_code: 'B' }]);
    expect(out).toMatchObject({ kind: 'booked', parent_awb: '785578015860', courier_partner_id: 6, label_url: null, courier_name: null });
  });

  it('a transport failure is transient with its stable code', () => {
    const out = parseCreateOrderResponse({ ok: false, error: new ClickPostTimeoutError('no answer in 8000 ms', { retryable: true }), retries: 3 }, boxes);
    expect(out).toEqual({ kind: 'transient', meta_status: null, http_status: null, error_code: 'ERR_CLICKPOST_TIMEOUT', message: 'no answer in 8000 ms' });
  });

  it('an unreadable 200 and a 5xx are transient', () => {
    expect(parseCreateOrderResponse(answer(200, 'Internal error'), boxes).kind).toBe('transient');
    expect(parseCreateOrderResponse(answer(502, { meta: { status: 200 } }), boxes).kind).toBe('transient');
  });

  it('a 202 without result still gives an accepted_async outcome', () => {
    expect(parseCreateOrderResponse(answer(200, { meta: { status: 202, success: true }, order_id: 991 }), boxes))
      .toEqual({ kind: 'accepted_async', meta_status: 202, order_id: '991', message: null });
  });
});
