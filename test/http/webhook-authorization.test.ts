/**
 * POST /v1/webhooks/clickpost over HTTP with ClickPost's "basic token auth" (slate
 * _track.md: `Authorization: <value entered on the dashboard>`), and the NDR reason in
 * GET .../tracking (issue 8, items 8 and 10).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { exampleShipment } from '../helpers/shipments.js';
import { shipmentPath, startHttp, WEBHOOK_KEY, type HttpHarness } from './helpers/http-harness.js';

let t: HttpHarness;
beforeEach(async () => {
  t = await startHttp();
});
afterEach(async () => {
  await t.close();
});

async function bookedAwb(code: string): Promise<string> {
  expect((await t.call('POST', '/v1/shipments', { json: exampleShipment(code) })).status).toBe(202);
  await t.h.drain();
  return ((await (await t.call('GET', shipmentPath(code))).json()) as { parent_awb: string }).parent_awb;
}

const failedDelivery = (awb: string, timestamp: string) => ({
  waybill: awb, clickpost_status_code: 9, clickpost_status_description: 'FailedDelivery', status: 'Pending', location: 'Pune',
  remark: 'No attempt made', timestamp, cp_id: 4, additional: { ndr_status_code: 4, ndr_status_description: 'No attempt', notification_event_id: 4 },
});

describe('webhook Authorization over HTTP', () => {
  it('accepts Basic base64(user:key), Bearer and the bare key; GET tracking shows the NDR', async () => {
    const awb = await bookedAwb('SHP-A1');
    const forms = [`Basic ${Buffer.from(`cp:${WEBHOOK_KEY}`).toString('base64')}`, `Bearer ${WEBHOOK_KEY}`, WEBHOOK_KEY];
    for (const [i, authorization] of forms.entries()) {
      const res = await t.call('POST', '/v1/webhooks/clickpost', { json: failedDelivery(awb, `2026-11-23 0${i + 7}:00:00`), headers: { authorization } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, duplicate: false, stale: false });
    }
    const tracking = (await (await t.call('GET', shipmentPath('SHP-A1', '/tracking'))).json()) as { latest: Record<string, unknown>; events: Record<string, unknown>[] };
    expect(tracking.events).toHaveLength(3);
    expect(tracking.latest).toMatchObject({ status_code: 9, bucket: 5, ndr: { code: 4, description: 'No Attempt' } });
    expect(t.lines.join('\n')).not.toContain(WEBHOOK_KEY);
  });

  it('answers 401 and stores nothing for a wrong Authorization, whatever the scheme', async () => {
    const awb = await bookedAwb('SHP-A2');
    const wrong = ['Bearer nope', `Basic ${Buffer.from('cp:nope').toString('base64')}`, `${WEBHOOK_KEY}-not`, `Token ${WEBHOOK_KEY}`];
    for (const authorization of wrong) {
      const res = await t.call('POST', '/v1/webhooks/clickpost', { json: failedDelivery(awb, '2026-11-23 08:00:00'), headers: { authorization } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('unauthorized');
    }
    const tracking = (await (await t.call('GET', shipmentPath('SHP-A2', '/tracking'))).json()) as { events: unknown[] };
    expect(tracking.events).toEqual([]);
  });

  it('documents both headers as optional in OpenAPI, and the NDR of a tracking event', async () => {
    const spec = (await (await t.call('GET', '/docs/json')).json()) as any;
    const params: Array<{ in: string; name: string; required?: boolean }> = spec.paths['/v1/webhooks/clickpost'].post.parameters;
    const headers = params.filter((p) => p.in === 'header');
    // webhook_key is the webhookKey security scheme (swagger then lists it there, not as a parameter).
    expect(headers.map((p) => [p.name, p.required ?? false]).sort()).toEqual([['authorization', false]]);
    expect(spec.components.securitySchemes.webhookKey).toMatchObject({ in: 'header', name: 'webhook_key' });
    expect(spec.paths['/v1/webhooks/clickpost'].post.security).toEqual([{ webhookKey: [] }, { webhookBasicToken: [] }]);
    expect(JSON.stringify(spec.paths['/v1/shipments/{shipment_code}/tracking'])).toContain('#/components/schemas/TrackingEvent');
    expect(spec.components.schemas.TrackingEvent.required).toContain('ndr');
  });
});
