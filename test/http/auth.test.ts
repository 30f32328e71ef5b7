import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { bearerToken, tokenMatches } from '../../src/http/auth.js';
import { exampleShipment } from '../helpers/shipments.js';
import { shipmentPath, startHttp, WEBHOOK_KEY, type HttpHarness } from './helpers/http-harness.js';

const TOKEN = 'host-token-3f9a1c0e77';
const bearer = { authorization: `Bearer ${TOKEN}` };

describe('with CONNECTOR_API_TOKEN set', () => {
  let t: HttpHarness;
  beforeEach(async () => {
    t = await startHttp({ apiToken: TOKEN });
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 401 on every /v1 route without the token, and writes nothing', async () => {
    const calls: Array<[string, string]> = [
      ['GET', '/v1/shipments'],
      ['GET', shipmentPath('X')],
      ['GET', shipmentPath('X', '/label')],
      ['POST', shipmentPath('X', '/cancel')],
      ['GET', shipmentPath('X', '/tracking')],
      ['GET', '/v1/settings'],
      ['GET', '/v1/reports/failures?date=2026-11-23'],
      ['GET', '/v1/ops/board'],
      ['GET', '/v1/ops/service'],
      ['GET', '/v1/ops/shipments/SHP-A1'],
      ['POST', '/v1/ops/connection-test'],
    ];
    for (const [method, path] of calls) {
      const res = await t.call(method, path);
      expect([method, path, res.status]).toEqual([method, path, 401]);
      expect(((await res.json()) as { error: string }).error).toBe('unauthorized');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await t.call('POST', '/v1/shipments', { json: exampleShipment('SHP-A1') })).status).toBe(401);
    expect((await t.call('PUT', '/v1/settings', { json: { pickup_after_minutes: 5 } })).status).toBe(401);
    const list = (await (await t.call('GET', '/v1/shipments', { headers: bearer })).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const settings = (await (await t.call('GET', '/v1/settings', { headers: bearer })).json()) as { pickup_after_minutes: number };
    expect(settings.pickup_after_minutes).toBe(0);
  });

  it('answers 401 for a wrong token, a token of another length, or another scheme', async () => {
    for (const authorization of [`Bearer ${TOKEN.slice(0, -1)}x`, `Bearer ${TOKEN}-longer`, 'Bearer x', `Basic ${TOKEN}`, TOKEN]) {
      expect((await t.call('GET', '/v1/shipments', { headers: { authorization } })).status).toBe(401);
    }
  });

  it('serves the host API with the token', async () => {
    expect((await t.call('POST', '/v1/shipments', { json: exampleShipment('SHP-A2'), headers: bearer })).status).toBe(202);
    expect((await t.call('GET', shipmentPath('SHP-A2'), { headers: bearer })).status).toBe(200);
    expect((await t.call('GET', '/v1/shipments', { headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('leaves the ClickPost webhook to its own key, and /healthz, /metrics, /docs and / open', async () => {
    const body = { waybill: 'NO-SUCH-AWB', clickpost_status_code: 4, timestamp: '2026-11-23 10:00:00' };
    expect((await t.call('POST', '/v1/webhooks/clickpost', { json: body })).status).toBe(401);
    expect((await t.call('POST', '/v1/webhooks/clickpost', { json: body, headers: { webhook_key: WEBHOOK_KEY } })).status).toBe(200);
    expect((await t.call('POST', '/v1/webhooks/clickpost', { json: body, headers: bearer })).status).toBe(401);
    for (const path of ['/healthz', '/metrics', '/docs', '/docs/json', '/', '/settings', '/shipments/SHP-A1']) {
      const res = await t.call('GET', path);
      expect([path, res.status === 200 || res.status === 503]).toEqual([path, true]);
    }
  });

  it('does not render saved settings into the open page', async () => {
    await t.call('PUT', '/v1/settings', { json: { username: 'acme-ops-user', key: 'cp-key-9911aa' }, headers: bearer });
    for (const path of ['/', '/settings', '/shipments/SHP-A1']) {
      const html = await (await t.call('GET', path)).text();
      expect(html).not.toContain('acme-ops-user');
      expect(html).not.toContain('cp-key-9911aa');
    }
    expect(await (await t.call('GET', '/settings')).text()).toContain('Username');
  });
});

describe('without a token', () => {
  it('asks for nothing on /v1', async () => {
    const t = await startHttp();
    try {
      expect((await t.call('GET', '/v1/shipments')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('bearer helpers', () => {
  it('reads only the Bearer scheme and compares digests of any length', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc  ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    const digest = createHash('sha256').update('secret-token').digest();
    expect(tokenMatches('secret-token', digest)).toBe(true);
    expect(tokenMatches('s', digest)).toBe(false);
    expect(tokenMatches('secret-token-and-more', digest)).toBe(false);
  });
});
