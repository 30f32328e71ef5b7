import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { createPayload, poll, post } from './fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

describe('sandbox create-order, synchronous MPS', () => {
  it('books at once with one child per carton, in carton order, each with its own label', async () => {
    const boxes = ['SHP-1-C', 'SHP-1-A', 'SHP-1-B'];
    const { status, body } = await post(sandbox.url, createPayload({ reference: 'SHP-1', accountCode: 'Delhivery B2B', courierPartnerId: 4, boxes }));
    expect(status).toBe(200);
    expect(body.meta).toEqual({ status: 200, message: expect.any(String), success: true });
    const r = body.result;
    expect(r.waybill).toMatch(/^\d{12}$/);
    expect(r.label).toBe(`${sandbox.url}/labels/${r.waybill}.pdf`);
    expect(r).toMatchObject({ reference_number: 'SHP-1', courier_partner_id: 4, courier_name: 'Delhivery B2B' });
    expect(typeof r.sort_code).toBe('string');
    expect(typeof r.security_key).toBe('string');
    expect(r.children.map((c: any) => c.reference_number)).toEqual(boxes);
    expect(r.children.map((c: any) => c.waybill)).toEqual([1, 2, 3].map((n) => `${r.waybill}_${n}`));
    expect(r.children.map((c: any) => c.label)).toEqual([1, 2, 3].map((n) => `${sandbox.url}/labels/${r.waybill}_${n}.pdf`));
    // The nested item.waybill must disagree: the notes say never to trust it.
    for (const child of r.children) expect(child.item.waybill).not.toBe(child.waybill);
    const order = sandbox.ledger.order('SHP-1')!;
    expect(order).toMatchObject({ state: 'live', waybill: r.waybill, shipmentCode: 'SHP-1', accountCode: 'Delhivery B2B', courierPartnerId: 4, createCalls: 1 });
  });

  it('answers a repeat of a live reference with 323 and the same waybill, label and children, never a second order', async () => {
    const payload = createPayload({ reference: 'SHP-2', accountCode: 'Bluedart Surface', courierPartnerId: 6 });
    const first = await post(sandbox.url, payload);
    const second = await post(sandbox.url, payload);
    expect(second.status).toBe(200);
    expect(second.body.meta).toMatchObject({ status: 323, success: false });
    expect(second.body.result.waybill).toBe(first.body.result.waybill);
    expect(second.body.result.label).toBe(first.body.result.label);
    expect(second.body.result.children).toEqual(first.body.result.children);
    expect(sandbox.ledger.orders()).toHaveLength(1);
    expect(sandbox.ledger.order('SHP-2')!.createCalls).toBe(2);
  });

  it('gives null child labels under SBX_NOCHILDLABELS (the parent label covers every box)', async () => {
    const { body } = await post(sandbox.url, createPayload({ reference: 'SHP-3', accountCode: 'sbx_nochildlabels' }));
    expect(body.meta.status).toBe(200);
    expect(body.result.label).toContain(body.result.waybill);
    expect(body.result.children).toHaveLength(3);
    expect(body.result.children.every((c: any) => c.label === null)).toBe(true);
  });

  it('answers a GET poll of a booked order with 200 naming the partner courier_partner', async () => {
    const { body: created } = await post(sandbox.url, createPayload({ reference: 'SHP-4', accountCode: 'Gati B2B', courierPartnerId: 9 }));
    const { body } = await poll(sandbox.url, 'SHP-4');
    expect(body.meta.status).toBe(200);
    expect(body.result.courier_partner).toBe(9);
    expect(body.result).not.toHaveProperty('courier_partner_id');
    expect(body.result.waybill).toBe(created.result.waybill);
  });

  it('groups live orders by shipment code, so a double booking across P1/P2 is visible', async () => {
    await post(sandbox.url, createPayload({ reference: 'SHP-5', accountCode: 'A' }));
    await post(sandbox.url, createPayload({ reference: 'SHP-5-P2', accountCode: 'B' }));
    await post(sandbox.url, createPayload({ reference: 'SHP-6-P3', accountCode: 'C' }));
    const live = sandbox.ledger.liveOrdersByShipment();
    expect(live.get('SHP-5')!.map((o) => o.reference)).toEqual(['SHP-5', 'SHP-5-P2']);
    expect(live.get('SHP-6')!.map((o) => o.reference)).toEqual(['SHP-6-P3']);
  });

  it('answers HTTP 200 meta 301 when the key or the username is missing, and places nothing', async () => {
    const payload = createPayload({ reference: 'SHP-7', accountCode: 'A' });
    for (const query of ['username=u', 'key=k', '']) {
      const { status, body } = await post(sandbox.url, payload, query);
      expect(status).toBe(200);
      expect(body.meta).toMatchObject({ status: 301, success: false });
    }
    expect(sandbox.ledger.orders()).toHaveLength(0);
  });

  it('answers 328 naming every missing or wrong field of the v3 payload', async () => {
    const payload = createPayload({ reference: 'SHP-8', accountCode: 'A' }) as any;
    delete payload.pickup_info.tin;
    delete payload.shipment_details.invoice_date;
    payload.shipment_details.shipment_type = 'SPS';
    payload.drop_info.drop_pincode = '4105';
    payload.shipment_details.items[1].weight = null;
    const { body } = await post(sandbox.url, payload);
    expect(body.meta).toMatchObject({ status: 328, success: false });
    for (const field of ['pickup_info.tin', 'shipment_details.invoice_date', 'shipment_details.shipment_type', 'drop_info.drop_pincode', 'shipment_details.items[1].weight']) {
      expect(body.meta.message).toContain(field);
    }
    expect(sandbox.ledger.orders()).toHaveLength(0);
  });

  it('logs every request without the key', async () => {
    await post(sandbox.url, createPayload({ reference: 'SHP-9', accountCode: 'A' }));
    const [entry] = sandbox.ledger.requests;
    expect(entry).toMatchObject({ method: 'POST', path: '/api/v3/create-order/', reference: 'SHP-9', hasKey: true, query: { username: 'sbx-user' } });
    expect(JSON.stringify(sandbox.ledger.requests)).not.toContain('sbx-key');
  });
});
