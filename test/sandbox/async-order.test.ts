import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { createPayload, get, poll, post } from './fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

describe('sandbox asynchronous acknowledgement', () => {
  it('SBX_ASYNC_3: 202 without waybill, then (ClickPost async protocol) the same POST again answers 102 twice and 323 with the AWB and children', async () => {
    const payload = createPayload({ reference: 'ASY-1', accountCode: 'SBX_ASYNC_3', courierPartnerId: 6 });
    const first = await post(sandbox.url, payload);
    expect(first.body.meta).toMatchObject({ status: 202, success: true });
    expect(first.body.result.waybill).toBeNull();
    expect(first.body.result.order_id).toEqual(expect.any(String));

    for (let i = 0; i < 2; i += 1) {
      const repeat = await post(sandbox.url, payload);
      expect(repeat.body.meta).toEqual({ status: 102, message: 'We are processing your order', success: false });
    }
    const third = await post(sandbox.url, payload);
    expect(third.body.meta).toMatchObject({ status: 323, success: false });
    expect(third.body.result.waybill).toMatch(/^\d{12}$/);
    expect(third.body.result.courier_partner_id).toBe(6);
    expect(third.body.result.children.map((c: any) => c.reference_number)).toEqual(['ASY-1-1', 'ASY-1-2', 'ASY-1-3']);

    const lookup = await poll(sandbox.url, 'ASY-1', 'k3');
    expect(lookup.body.meta.status).toBe(200);
    expect(lookup.body.result.waybill).toBe(third.body.result.waybill);
    expect(lookup.body.result.courier_partner).toBe(6);
    const rePost = await post(sandbox.url, payload);
    expect(rePost.body.meta.status).toBe(323);
    expect(rePost.body.result.waybill).toBe(third.body.result.waybill);

    const order = sandbox.ledger.order('ASY-1')!;
    // One create placed it, three re-POSTs and one GET were inquiries, the last re-POST a repeat of a live order.
    expect(order).toMatchObject({ state: 'live', createCalls: 2, pollHits: 4 });
    expect(sandbox.ledger.orders()).toHaveLength(1);
  });

  it('a GET lookup moves an async order on too, and a retried poll with the same key counts once', async () => {
    await post(sandbox.url, createPayload({ reference: 'ASY-1G', accountCode: 'SBX_ASYNC_3' }));
    expect((await poll(sandbox.url, 'ASY-1G', 'k1')).body.meta.status).toBe(102);
    expect((await poll(sandbox.url, 'ASY-1G', 'k2')).body.meta.status).toBe(102);
    expect((await poll(sandbox.url, 'ASY-1G', 'k3')).body.meta.status).toBe(200);
    expect((await poll(sandbox.url, 'ASY-1G', 'k3')).body.meta.status).toBe(200);
    expect([...sandbox.ledger.order('ASY-1G')!.pollKeys].sort()).toEqual(['k1', 'k2', 'k3']);
  });

  it('counts each poll without an idempotency key as a distinct poll', async () => {
    await post(sandbox.url, createPayload({ reference: 'ASY-2', accountCode: 'SBX_ASYNC_9' }));
    for (let i = 0; i < 3; i += 1) await poll(sandbox.url, 'ASY-2');
    expect(sandbox.ledger.order('ASY-2')!.pollKeys.size).toBe(3);
  });

  it('SBX_ASYNC_8 (beyond six polls): still 102 on poll 7, booked on poll 8', async () => {
    await post(sandbox.url, createPayload({ reference: 'ASY-3', accountCode: 'sbx_async_8' }));
    for (let i = 1; i <= 7; i += 1) expect((await poll(sandbox.url, 'ASY-3')).body.meta.status).toBe(102);
    expect((await poll(sandbox.url, 'ASY-3')).body.meta.status).toBe(200);
  });

  it('SBX_ASYNC_NEVER: 202 then 102 forever', async () => {
    expect((await post(sandbox.url, createPayload({ reference: 'ASY-4', accountCode: 'SBX_ASYNC_NEVER' }))).body.meta.status).toBe(202);
    for (let i = 0; i < 12; i += 1) expect((await poll(sandbox.url, 'ASY-4')).body.meta.status).toBe(102);
    expect(sandbox.ledger.order('ASY-4')!.state).toBe('processing');
  });

  it('SBX_ASYNC_FAIL_2: 102 on poll 1, a courier error 319 on poll 2 and after', async () => {
    await post(sandbox.url, createPayload({ reference: 'ASY-5', accountCode: 'SBX_ASYNC_FAIL_2' }));
    expect((await poll(sandbox.url, 'ASY-5')).body.meta.status).toBe(102);
    const failed = await poll(sandbox.url, 'ASY-5');
    expect(failed.body.meta).toMatchObject({ status: 319, success: false });
    expect(failed.body.meta.message).toMatch(/courier/i);
    expect(failed.body.result.waybill).toBeNull();
    expect((await poll(sandbox.url, 'ASY-5')).body.meta.status).toBe(319);
    expect(sandbox.ledger.order('ASY-5')!.state).toBe('failed');
    expect(sandbox.ledger.liveOrdersByShipment().size).toBe(0);
  });

  it('finds an order by awb and cp_id once it has a waybill, and answers 321 for an unknown one', async () => {
    const { body } = await post(sandbox.url, createPayload({ reference: 'ASY-6', accountCode: 'A', courierPartnerId: 4 }));
    const byAwb = await get(sandbox.url, '/api/v3/create-order/', { awb: body.result.waybill, cp_id: '4' });
    expect(byAwb.body.result.reference_number).toBe('ASY-6');
    expect((await poll(sandbox.url, 'NOPE')).body.meta.status).toBe(321);
    expect(sandbox.ledger.order('NOPE')).toBeUndefined();
  });
});
