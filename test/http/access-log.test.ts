import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { exampleShipment } from '../helpers/shipments.js';
import { shipmentPath, startHttp, WEBHOOK_KEY, type HttpHarness } from './helpers/http-harness.js';

const CLICKPOST_KEY = 'cp-live-key-7788aa99';

let t: HttpHarness;
beforeEach(async () => {
  t = await startHttp();
});
afterEach(async () => {
  await t.close();
});

interface Line {
  message: string;
  method?: string;
  url?: string;
  status?: number;
  duration_ms?: number;
  request_id?: string;
}

describe('access log', () => {
  it('writes one JSON line per request with method, url, status, duration and request id', async () => {
    await t.call('GET', '/healthz');
    await t.call('GET', shipmentPath('NOPE'));
    const access = t.lines.map((l) => JSON.parse(l) as Line).filter((l) => l.message === 'http request');
    expect(access).toHaveLength(2);
    expect(access[0]).toEqual(expect.objectContaining({ method: 'GET', url: '/healthz', status: 200, duration_ms: expect.any(Number), request_id: expect.any(String) }));
    expect(access[1]).toEqual(expect.objectContaining({ url: '/v1/shipments/NOPE', status: 404 }));
    expect(access[0]!.request_id).not.toBe(access[1]!.request_id);
  });

  it('never carries the ClickPost key or the webhook key, wherever they were sent', async () => {
    expect((await t.call('PUT', '/v1/settings', { json: { username: 'acme', key: CLICKPOST_KEY } })).status).toBe(200);
    await t.call('GET', `/v1/shipments?after=${CLICKPOST_KEY}`);
    await t.call('GET', `/nothing?key=${CLICKPOST_KEY}`);
    await t.call('POST', '/v1/shipments', { json: exampleShipment('SHP-LOG') });
    await t.h.drain();
    await t.call('GET', shipmentPath('SHP-LOG', '/label'));
    await t.call('POST', '/v1/webhooks/clickpost', { json: { waybill: 'X', clickpost_status_code: 4, timestamp: '2026-11-23 10:00:00' }, headers: { webhook_key: WEBHOOK_KEY } });
    await t.call('POST', '/v1/webhooks/clickpost', { json: { waybill: 'X' }, headers: { webhook_key: `${WEBHOOK_KEY}-wrong` } });

    expect(t.lines.length).toBeGreaterThan(6);
    for (const line of t.lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = t.lines.join('\n');
    expect(all).not.toContain(CLICKPOST_KEY);
    expect(all).not.toContain('sk_test_HARNESS_k3y'); // the key the harness environment puts in force
    expect(all).not.toContain(WEBHOOK_KEY);
    expect(all).toContain('/nothing?key=[REDACTED]');
  });
});
