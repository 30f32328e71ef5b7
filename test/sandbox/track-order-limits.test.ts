/**
 * The sandbox's track-order as ClickPost documents it (issue 8): at most 5 waybills per
 * call, and a failed delivery's NDR reason in the record's additional.ndr (slate _track.md).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../src/clock.js';
import { parseTrackOrderResponse } from '../../src/clickpost/track-order.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { createPayload, get, post } from './fixtures.js';

const clock = new ManualClock(Date.parse('2026-11-23T05:00:00Z'));
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clock });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

async function book(reference: string): Promise<string> {
  const answer = await post(sandbox.url, createPayload({ reference, accountCode: 'Acct', boxes: [`${reference}-1`] }));
  expect(answer.body.meta.status).toBe(200);
  return answer.body.result.waybill;
}

describe('sandbox track-order limits', () => {
  it('answers 5 waybills, and refuses 6 with HTTP 200 and meta.status 400, no result', async () => {
    const awbs: string[] = [];
    for (let i = 1; i <= 6; i += 1) awbs.push(await book(`LIM-${i}`));
    const five = await get(sandbox.url, '/api/v2/track-order/', { waybill: awbs.slice(0, 5).join(','), cp_id: '4' });
    expect(five.body.meta.status).toBe(200);
    expect(Object.keys(five.body.result).sort()).toEqual(awbs.slice(0, 5).sort());
    const six = await get(sandbox.url, '/api/v2/track-order/', { waybill: awbs.join(','), cp_id: '4' });
    expect(six.status).toBe(200);
    expect(six.body.meta).toEqual({ status: 400, success: false, message: 'A maximum of 5 waybills is allowed per request, got 6' });
    expect(six.body.result).toBeUndefined();
  });
});

describe('sandbox NDR on failed deliveries', () => {
  it('a failed delivery carries its NDR in the record\'s additional.ndr (default 1 for code 9); scans stay as 004 shows them', async () => {
    const awb = await book('NDR-1');
    clock.advance(3_600_000);
    sandbox.pushTrackingScan(awb, { clickpost_status_code: 9, status: 'Customer not available' });
    const { body } = await get(sandbox.url, '/api/v2/track-order/', { waybill: awb, cp_id: '4' });
    const record = body.result[awb];
    expect(record.additional.ndr).toEqual({ ndr_bucket_code: 1, ndr_description: 'Customer unavailable' });
    expect(record.latest_status).toMatchObject({ clickpost_status_code: 9, clickpost_status_bucket: 5 });
    for (const scan of [...record.scans, record.latest_status]) expect(scan).not.toHaveProperty('ndr');
  });

  it('the newest failed delivery\'s NDR is served, a given code and text as given; none without a failed delivery', async () => {
    const awb = await book('NDR-2');
    const plain = await get(sandbox.url, '/api/v2/track-order/', { waybill: awb, cp_id: '4' });
    expect(plain.body.result[awb].additional).not.toHaveProperty('ndr');
    clock.advance(3_600_000);
    sandbox.pushTrackingScan(awb, { clickpost_status_code: 7 });
    clock.advance(3_600_000);
    sandbox.pushTrackingScan(awb, { clickpost_status_code: 9, ndr_status_code: 6, ndr_status_description: 'Address issue' });
    clock.advance(3_600_000);
    sandbox.pushTrackingScan(awb, { clickpost_status_code: 6 });
    const { body } = await get(sandbox.url, '/api/v2/track-order/', { waybill: awb, cp_id: '4' });
    expect(body.result[awb].additional.ndr).toEqual({ ndr_bucket_code: 6, ndr_description: 'Address issue' });
    // The connector's parser puts it on that scan, with the table's text for code 6.
    const parsed = parseTrackOrderResponse({ ok: true, httpStatus: 200, body, retries: 0 });
    expect(parsed.byAwb[awb]!.events.map((e) => [e.status_code, e.ndr])).toEqual([
      [1, null], [7, null], [9, { code: 6, description: 'Address Issue' }], [6, null],
    ]);
  });
});
