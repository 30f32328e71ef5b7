/**
 * ClickPost's own published sample answers (test/fixtures/clickpost/slate/, copied from the
 * Clickpost/slate docs repository) replayed through the parsers: what the real API documents
 * is what the connector reads.
 */
import { describe, it, expect } from '@jest/globals';
import { parseCreateOrderResponse } from '../../src/clickpost/create-order.js';
import { parseCancelOrderResponse } from '../../src/clickpost/cancel-order.js';
import { answer, fixture } from './fixtures.js';

const create = fixture('slate/create-order.json');
const cancel = fixture('slate/cancel-order.json');
const twoBoxes = [{ box_code: 'XYZ1' }, { box_code: 'XYZ2' }];

describe('slate create-order samples', () => {
  it('the B2B MPS answer books with children[].waybill, never the nested item.waybill', () => {
    const outcome = parseCreateOrderResponse(answer(200, create.b2b_mps_placed), twoBoxes);
    expect(outcome).toMatchObject({ kind: 'booked', meta_status: 200, parent_awb: '785578015860' });
    if (outcome.kind !== 'booked') throw new Error('not booked');
    expect(outcome.children.map((c) => c.waybill)).toEqual(['785578015860_1', '785578015860_2']);
    expect(JSON.stringify(outcome)).not.toContain('58402429105_1');
  });

  it('async: 202 accepted, then 102 still processing', () => {
    expect(parseCreateOrderResponse(answer(200, create.async_accepted), twoBoxes)).toMatchObject({ kind: 'accepted_async', meta_status: 202, order_id: '8488542' });
    expect(parseCreateOrderResponse(answer(200, create.async_processing), twoBoxes)).toMatchObject({ kind: 'pending', meta_status: 102 });
  });

  it('async success on the re-sent create is 323 with success:false, and books', () => {
    const outcome = parseCreateOrderResponse(answer(200, create.async_success), [{ box_code: 'B1' }]);
    expect(outcome).toMatchObject({ kind: 'booked', meta_status: 323, parent_awb: '1993933981231' });
  });

  it('async success without children for several boxes books with no child AWB invented', () => {
    const outcome = parseCreateOrderResponse(answer(200, create.async_success), twoBoxes);
    expect(outcome).toMatchObject({ kind: 'booked', parent_awb: '1993933981231', children: [] });
  });

  it('async failure (319 with the courier text) is a refusal of that attempt', () => {
    const outcome = parseCreateOrderResponse(answer(200, create.async_failure), twoBoxes);
    expect(outcome).toMatchObject({ kind: 'immediate_error', meta_status: 319 });
    if (outcome.kind !== 'immediate_error') throw new Error('not an error');
    expect(outcome.message).toContain('ConfigurationError');
  });

  it('the GET lookup by reference names the partner courier_partner', () => {
    const outcome = parseCreateOrderResponse(answer(200, create.lookup_by_reference), [{ box_code: 'B1' }]);
    expect(outcome).toMatchObject({ kind: 'booked', parent_awb: '8505644567', courier_partner_id: 1 });
  });
});

describe('slate cancel samples and codes', () => {
  const parse = (body: unknown, httpStatus = 200) => parseCancelOrderResponse(answer(httpStatus, body));

  it('"already in a deleted state" (meta 400) and 600 are done; 200 is done', () => {
    expect(parse(cancel.already_deleted)).toMatchObject({ kind: 'cancelled', meta_status: 400 });
    expect(parse(cancel.already_cancelled)).toMatchObject({ kind: 'cancelled', meta_status: 600 });
    expect(parse(cancel.success)).toMatchObject({ kind: 'cancelled', meta_status: 200 });
  });

  it('202 (meta or HTTP) is accepted for later processing, not done and not failed', () => {
    expect(parse(cancel.accepted_for_mail)).toMatchObject({ kind: 'cancel_accepted', meta_status: 202 });
    expect(parse({ meta: { status: 200, message: 'queued' } }, 202)).toMatchObject({ kind: 'cancel_accepted' });
  });

  it('350 is the courier refusing: a final failure', () => {
    expect(parse(cancel.courier_error)).toMatchObject({ kind: 'cancel_failed', meta_status: 350, transient: false });
  });
});
