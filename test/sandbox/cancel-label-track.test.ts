import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { ManualClock } from '../../src/clock.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPayload, get, poll, post } from './fixtures.js';

const clock = new ManualClock(Date.parse('2026-11-23T05:00:00Z'));
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clock });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

/** The text shown on page 1: pdf-lib writes standard-font text as hex strings in (flate) content streams. */
function pageText(doc: PDFDocument): string {
  const contents = doc.getPage(0).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  let out = '';
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue;
    const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    for (const m of ops.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) out += `${Buffer.from(m[1]!, 'hex').toString('latin1')}\n`;
  }
  return out;
}

async function book(reference: string, courierPartnerId = 4): Promise<any> {
  return (await post(sandbox.url, createPayload({ reference, accountCode: 'Acct', courierPartnerId }))).body.result;
}

describe('sandbox cancel-order', () => {
  it('answers 200 the first time, 600 after, and 321 for an unknown AWB', async () => {
    const { waybill } = await book('CAN-1');
    const cancel = () => get(sandbox.url, '/api/v1/cancel-order/', { waybill, cp_id: '4', account_code: 'Acct' });
    expect((await cancel()).body.meta).toMatchObject({ status: 200, success: true });
    expect((await cancel()).body.meta.status).toBe(600);
    expect(sandbox.ledger.order('CAN-1')).toMatchObject({ state: 'cancelled', cancelCalls: 2 });
    expect(sandbox.ledger.liveOrdersByShipment().size).toBe(0);
    const unknown = await get(sandbox.url, '/api/v1/cancel-order/', { waybill: '999', cp_id: '4', account_code: 'Acct' });
    expect(unknown.body.meta.status).toBe(321);
  });

  it('refuses a cp_id that is not the courier of the AWB', async () => {
    const { waybill } = await book('CAN-2', 6);
    const { body } = await get(sandbox.url, '/api/v1/cancel-order/', { waybill, cp_id: '4', account_code: 'Acct' });
    expect(body.meta.status).toBe(302);
    expect(sandbox.ledger.order('CAN-2')!.state).toBe('live');
  });
});

describe('sandbox labels', () => {
  it('fetch/shippinglabel answers the label URL, which serves a one-page PDF naming the AWB', async () => {
    const { waybill, children } = await book('LBL-1');
    const { body } = await get(sandbox.url, '/api/v1/fetch/shippinglabel/', { waybill, cp_id: '4' });
    expect(body.meta.status).toBe(200);
    expect(body.result.shipping_label).toBe(`${sandbox.url}/labels/${waybill}.pdf`);
    for (const [url, awb] of [[body.result.shipping_label, waybill], [children[1].label, children[1].waybill]]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const doc = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
      expect(doc.getPageCount()).toBe(1);
      expect(doc.getTitle()).toBe(`Label ${awb}`);
      expect(pageText(doc)).toContain(`AWB ${awb}`);
    }
  });

  it('answers 404 for a label the sandbox never issued and 321 on fetch', async () => {
    expect((await fetch(`${sandbox.url}/labels/123.pdf`)).status).toBe(404);
    expect((await get(sandbox.url, '/api/v1/fetch/shippinglabel/', { waybill: '123', cp_id: '4' })).body.meta.status).toBe(321);
  });
});

describe('sandbox track-order', () => {
  it('answers one record per AWB: an OrderPlaced scan at booking, valid:false for an unknown AWB', async () => {
    const { waybill } = await book('TRK-1');
    const { body } = await get(sandbox.url, '/api/v2/track-order/', { waybill: `${waybill},NOPE`, cp_id: '4' });
    expect(body.meta.status).toBe(200);
    const record = body.result[waybill];
    expect(record.valid).toBe(true);
    expect(record.scans).toHaveLength(1);
    expect(record.scans[0]).toMatchObject({ clickpost_status_code: 1, clickpost_status_description: 'OrderPlaced', clickpost_status_bucket: 1, timestamp: '2026-11-23 10:30:00' });
    expect(record.latest_status.clickpost_status_code).toBe(1);
    expect(body.result.NOPE.valid).toBe(false);
  });

  it('pushTrackingScan adds scans; latest_status is the newest by timestamp, whatever the push order', async () => {
    const { waybill } = await book('TRK-2');
    clock.advance(3 * 3600_000);
    sandbox.pushTrackingScan(waybill, { clickpost_status_code: 8, status: 'Delivered', location: 'Pune' });
    sandbox.pushTrackingScan(waybill, { clickpost_status_code: 5, location: 'Hub', timestamp: '2026-11-23 12:00:00' });
    const { body } = await get(sandbox.url, '/api/v2/track-order/', { waybill, cp_id: '4' });
    const record = body.result[waybill];
    expect(record.scans.map((s: any) => s.clickpost_status_code)).toEqual([8, 5, 1]);
    expect(record.latest_status).toMatchObject({ clickpost_status_code: 8, clickpost_status_bucket: 6, location: 'Pune', timestamp: '2026-11-23 13:30:00' });
    expect(() => sandbox.pushTrackingScan('NOPE', { clickpost_status_code: 5 })).toThrow(/unknown AWB/);
  });

  it('reset() forgets orders, scans and requests', async () => {
    const { waybill } = await book('TRK-3');
    sandbox.reset();
    expect(sandbox.ledger.orders()).toHaveLength(0);
    expect(sandbox.ledger.requests).toHaveLength(0);
    const { body } = await get(sandbox.url, '/api/v2/track-order/', { waybill, cp_id: '4' });
    expect(body.result[waybill].valid).toBe(false);
  });
});

describe('sandbox state file', () => {
  it('a restarted sandbox still knows its orders: a repeat answers 323, the label is served, cancel works', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-state-'));
    const stateFile = path.join(dir, 'ledger.json');
    const first = await startSandbox({ stateFile });
    const placed = (await post(first.url, createPayload({ reference: 'STATE-1', accountCode: 'Acct' }))).body.result;
    const asyncOrder = await post(first.url, createPayload({ reference: 'STATE-2', accountCode: 'SBX_ASYNC_2' }));
    expect(asyncOrder.body.meta.status).toBe(202);
    await first.close();

    const again = await startSandbox({ stateFile }); // another port: no pooled socket to the closed one
    try {
      const repeat = await post(again.url, createPayload({ reference: 'STATE-1', accountCode: 'Acct' }));
      expect([repeat.body.meta.status, repeat.body.result.waybill]).toEqual([323, placed.waybill]);
      expect((await fetch(`${again.url}/labels/${placed.waybill}.pdf`)).headers.get('content-type')).toBe('application/pdf');
      const cancel = await get(again.url, '/api/v1/cancel-order/', { waybill: placed.waybill, cp_id: '4', account_code: 'Acct' });
      expect(cancel.body.meta.status).toBe(200);
      // the async order goes on counting polls where it left off
      expect((await poll(again.url, 'STATE-2', 'p1')).body.meta.status).toBe(102);
      expect((await poll(again.url, 'STATE-2', 'p2')).body.meta.status).toBe(200);
    } finally {
      await again.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
