import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { exampleShipment } from '../helpers/shipments.js';
import { shipmentPath, startHttp, type HttpHarness } from './helpers/http-harness.js';

let t: HttpHarness;
beforeEach(async () => {
  t = await startHttp();
});
afterEach(async () => {
  await t.close();
});

async function schedule(body: unknown): Promise<Response> {
  return t.call('POST', '/v1/shipments', { json: body });
}

describe('POST /v1/shipments', () => {
  it('answers 202 for a new shipment, 200 with the same one for the same body, 409 for a different body', async () => {
    const body = exampleShipment('SHP-1001');
    const first = await schedule(body);
    expect(first.status).toBe(202);
    const created = (await first.json()) as { shipment_code: string; status: string; attempts: unknown[] };
    expect(created.shipment_code).toBe('SHP-1001');
    expect(created.status).toBe('QUEUED');

    const again = await schedule(body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { shipment_code: string }).shipment_code).toBe('SHP-1001');

    const different = await schedule({ ...body, invoice: { ...body.invoice, number: 'INV-OTHER' } });
    expect(different.status).toBe(409);
    expect(((await different.json()) as { error: string }).error).toBe('shipment_code_conflict');

    const list = (await (await t.call('GET', '/v1/shipments')).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });

  it('answers 400 naming every wrong field with host paths, and writes nothing', async () => {
    const body = exampleShipment('SHP-BAD', ['Delhivery B2B'], 2) as unknown as Record<string, any>;
    body.drop.pincode = '12';
    body.boxes[0].weight_g = 0;
    body.boxes[1].items[0].quantity = -3;
    body.providers = [];
    const res = await schedule(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; fields: { path: string; message: string }[] };
    expect(answer.error).toBe('invalid_shipment');
    const paths = answer.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['drop.pincode', 'boxes[0].weight_g', 'boxes[1].items[0].quantity', 'providers']));
    for (const f of answer.fields) expect(f.message.length).toBeGreaterThan(0);

    const list = (await (await t.call('GET', '/v1/shipments')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    expect((await t.call('GET', shipmentPath('SHP-BAD'))).status).toBe(404);
  });

  it('answers 400 naming invoice.ewaybill_number above E-way Bill Above, writes nothing; 0 turns the check off', async () => {
    const base = exampleShipment('EWB-HTTP');
    const body = { ...base, invoice: { ...base.invoice, value: 75_000, ewaybill_number: undefined } };
    const res = await schedule(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; fields: { path: string; message: string }[] };
    expect(answer).toMatchObject({ error: 'invalid_shipment', fields: [{ path: 'invoice.ewaybill_number' }] });
    expect((await t.call('GET', shipmentPath('EWB-HTTP'))).status).toBe(404);
    expect((await t.call('PUT', '/v1/settings', { json: { ewaybill_above: 0 } })).status).toBe(200);
    expect((await schedule(body)).status).toBe(202);
  });

  it('answers 400 invalid_shipment for a JSON body that is not an object', async () => {
    const res = await schedule([1, 2, 3]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_shipment');
  });
});

describe('GET /v1/shipments/:code', () => {
  it('answers the shipment, 404 for an unknown code, and accepts an encoded "/" in the code', async () => {
    expect((await schedule(exampleShipment('WH1/SHP/7'))).status).toBe(202);
    const res = await t.call('GET', shipmentPath('WH1/SHP/7'));
    expect(res.status).toBe(200);
    const view = (await res.json()) as { shipment_code: string; boxes: { box_code: string }[] };
    expect(view.shipment_code).toBe('WH1/SHP/7');
    expect(view.boxes.map((b) => b.box_code)).toEqual(['WH1/SHP/7-1']);

    const missing = await t.call('GET', shipmentPath('NOPE-1'));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe('not_found');
  });

  it('answers a booked shipment with provider, AWBs and attempts after the worker ran', async () => {
    await schedule(exampleShipment('SHP-B1', ['SBX_ERR_319', 'Bluedart Surface']));
    await t.h.drain();
    const view = (await (await t.call('GET', shipmentPath('SHP-B1'))).json()) as {
      status: string; provider: { priority: number } | null; parent_awb: string | null;
      attempts: { priority: number; outcome: string; meta_status: number | null; reference_number: string }[];
    };
    expect(view.status).toBe('BOOKED');
    expect(view.provider?.priority).toBe(2);
    expect(view.parent_awb).toEqual(expect.any(String));
    expect(view.attempts.map((a) => [a.priority, a.outcome, a.reference_number])).toEqual([
      [1, 'ERROR', 'SHP-B1'],
      [2, 'BOOKED', 'SHP-B1-P2'],
    ]);
    expect(view.attempts[0]?.meta_status).toBe(319);
  });
});

describe('GET /v1/shipments (list)', () => {
  it('pages newest first with the cursor and filters by status', async () => {
    for (const code of ['L-1', 'L-2', 'L-3']) expect((await schedule(exampleShipment(code))).status).toBe(202);
    const page1 = (await (await t.call('GET', '/v1/shipments?limit=2')).json()) as { items: { shipment_code: string }[]; next_cursor: string | null };
    expect(page1.items.map((s) => s.shipment_code)).toEqual(['L-3', 'L-2']);
    expect(page1.next_cursor).toEqual(expect.any(String));

    const page2 = (await (await t.call('GET', `/v1/shipments?limit=2&after=${encodeURIComponent(page1.next_cursor!)}`)).json()) as {
      items: { shipment_code: string }[]; next_cursor: string | null;
    };
    expect(page2.items.map((s) => s.shipment_code)).toEqual(['L-1']);
    expect(page2.next_cursor).toBeNull();

    await t.h.drain();
    await t.call('POST', shipmentPath('L-2', '/cancel'));
    await t.h.drain();
    const booked = (await (await t.call('GET', '/v1/shipments?status=BOOKED')).json()) as { items: { shipment_code: string }[] };
    expect(booked.items.map((s) => s.shipment_code)).toEqual(['L-3', 'L-1']);
    const cancelled = (await (await t.call('GET', '/v1/shipments?status=CANCELLED')).json()) as { items: { shipment_code: string }[] };
    expect(cancelled.items.map((s) => s.shipment_code)).toEqual(['L-2']);
  });

  it('answers 400 invalid_query naming each wrong query field', async () => {
    const res = await t.call('GET', '/v1/shipments?limit=0&status=SHIPPED');
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; fields: { path: string }[] };
    expect(answer.error).toBe('invalid_query');
    expect(answer.fields.map((f) => f.path).sort()).toEqual(['limit', 'status']);
  });
});

describe('GET /v1/shipments/:code/label', () => {
  it('answers 409 while not booked, then the merged PDF with one page per box', async () => {
    await schedule(exampleShipment('SHP-LBL', ['Delhivery B2B'], 3));
    const early = await t.call('GET', shipmentPath('SHP-LBL', '/label'));
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: string }).error).toBe('not_booked');

    await t.h.drain();
    const res = await t.call('GET', shipmentPath('SHP-LBL', '/label'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(3);
  });

  it('adds a packing slip per box once Packslip Required is saved', async () => {
    await schedule(exampleShipment('SHP-SLIP', ['Delhivery B2B'], 2));
    await t.h.drain();
    expect((await t.call('PUT', '/v1/settings', { json: { packslip_required: true } })).status).toBe(200);
    const res = await t.call('GET', shipmentPath('SHP-SLIP', '/label'));
    expect(res.status).toBe(200);
    expect((await PDFDocument.load(new Uint8Array(await res.arrayBuffer()))).getPageCount()).toBe(4); // label, slip, label, slip
  });

  it('answers 404 for an unknown code', async () => {
    expect((await t.call('GET', shipmentPath('NOPE', '/label'))).status).toBe(404);
  });
});

describe('POST /v1/shipments/:code/cancel', () => {
  it('cancels a queued shipment at once and answers 200 again when cancelled twice', async () => {
    await schedule(exampleShipment('SHP-C1'));
    const first = await t.call('POST', shipmentPath('SHP-C1', '/cancel'));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { status: string }).status).toBe('CANCELLED');
    // A client that sends a JSON content type with no body is served the same.
    const second = await t.call('POST', shipmentPath('SHP-C1', '/cancel'), { headers: { 'content-type': 'application/json' } });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { status: string }).status).toBe('CANCELLED');
  });

  it('cancels a booked shipment at ClickPost once the worker ran', async () => {
    await schedule(exampleShipment('SHP-C2'));
    await t.h.drain();
    expect((await t.call('POST', shipmentPath('SHP-C2', '/cancel'))).status).toBe(200);
    await t.h.drain();
    const again = await t.call('POST', shipmentPath('SHP-C2', '/cancel'));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe('CANCELLED');
  });

  it('answers 409 not_cancellable for a FAILED shipment and 404 for an unknown one', async () => {
    await schedule(exampleShipment('SHP-C3', ['SBX_ERR_319']));
    await t.h.drain();
    expect(((await (await t.call('GET', shipmentPath('SHP-C3'))).json()) as { status: string }).status).toBe('FAILED');
    const res = await t.call('POST', shipmentPath('SHP-C3', '/cancel'));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toBe('not_cancellable');
    expect((await t.call('POST', shipmentPath('NOPE', '/cancel'))).status).toBe(404);
  });
});

describe('POST /v1/shipments/:code/retry', () => {
  it('starts a new round of a FAILED shipment (200), 409 not_retryable for a BOOKED one, 404 for an unknown one', async () => {
    await schedule(exampleShipment('SHP-R1', ['SBX_ERR_319']));
    await t.h.drain();
    const res = await t.call('POST', shipmentPath('SHP-R1', '/retry'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('CREATING');
    await schedule(exampleShipment('SHP-R2'));
    await t.h.drain();
    const booked = await t.call('POST', shipmentPath('SHP-R2', '/retry'));
    expect(booked.status).toBe(409);
    expect(((await booked.json()) as { error: string }).error).toBe('not_retryable');
    expect((await t.call('POST', shipmentPath('NOPE', '/retry'))).status).toBe(404);
  });
});

describe('GET /v1/shipments/:code/tracking', () => {
  it('answers the contract shape: no events before any, 404 for an unknown code', async () => {
    await schedule(exampleShipment('SHP-T1'));
    const res = await t.call('GET', shipmentPath('SHP-T1', '/tracking'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ shipment_code: 'SHP-T1', awb: null, latest: null, events: [] });
    expect((await t.call('GET', shipmentPath('NOPE', '/tracking'))).status).toBe(404);
  });
});
