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
  const view = (await (await t.call('GET', shipmentPath(code))).json()) as { status: string; parent_awb: string };
  expect(view.status).toBe('BOOKED');
  return view.parent_awb;
}

function event(awb: string, code: number, timestamp: string) {
  return { waybill: awb, clickpost_status_code: code, clickpost_status_description: `code ${code}`, status: `status ${code}`, location: 'Pune', remark: `remark ${code}`, timestamp };
}

describe('POST /v1/webhooks/clickpost', () => {
  it('answers 401 without or with a wrong webhook_key and stores nothing', async () => {
    const awb = await bookedAwb('SHP-W1');
    const body = event(awb, 5, '2026-11-23 12:00:00');
    const attempts: Record<string, string>[] = [{}, { webhook_key: 'wrong-key-123' }, { 'webhook-key': WEBHOOK_KEY }];
    for (const headers of attempts) {
      const res = await t.call('POST', '/v1/webhooks/clickpost', { json: body, headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('unauthorized');
    }
    const tracking = (await (await t.call('GET', shipmentPath('SHP-W1', '/tracking'))).json()) as { events: unknown[] };
    expect(tracking.events).toEqual([]);
  });

  it('answers 200 once stored, flags a duplicate, and tracking shows events oldest first with the latest', async () => {
    const awb = await bookedAwb('SHP-W2');
    // The harness clock reads 2026-11-23 10:30 India time.
    const later = event(awb, 5, '2026-11-23 10:00:00');
    const earlier = event(awb, 4, '2026-11-23 08:00:00');
    const daysOld = event(awb, 3, '2026-11-20 09:00:00');
    const headers = { webhook_key: WEBHOOK_KEY };

    const first = await t.call('POST', '/v1/webhooks/clickpost', { json: later, headers });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, duplicate: false, stale: false });
    // Resolved means committed: the event is readable the moment the 200 arrived.
    const afterFirst = (await (await t.call('GET', shipmentPath('SHP-W2', '/tracking'))).json()) as { events: unknown[] };
    expect(afterFirst.events).toHaveLength(1);

    const dup = await t.call('POST', '/v1/webhooks/clickpost', { json: later, headers });
    expect(dup.status).toBe(200);
    expect(((await dup.json()) as { duplicate: boolean }).duplicate).toBe(true);

    const outOfOrder = await t.call('POST', '/v1/webhooks/clickpost', { json: earlier, headers });
    expect(outOfOrder.status).toBe(200);
    expect(await outOfOrder.json()).toEqual({ ok: true, duplicate: false, stale: false });

    // More than a day older than now: stored, but flagged stale.
    const late = await t.call('POST', '/v1/webhooks/clickpost', { json: daysOld, headers });
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ ok: true, duplicate: false, stale: true });

    const tracking = (await (await t.call('GET', shipmentPath('SHP-W2', '/tracking'))).json()) as {
      shipment_code: string; awb: string; latest: { status_code: number } | null;
      events: { status_code: number; status_description: string | null; bucket: number | null; status: string | null; location: string | null; remark: string | null; timestamp: string; stale: boolean }[];
    };
    expect(tracking.shipment_code).toBe('SHP-W2');
    expect(tracking.awb).toBe(awb);
    expect(tracking.events.map((e) => e.status_code)).toEqual([3, 4, 5]);
    expect(tracking.events.map((e) => e.stale)).toEqual([true, false, false]);
    expect(tracking.latest?.status_code).toBe(5);
    for (const e of tracking.events) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['status_code', 'status_description', 'bucket', 'status', 'location', 'remark', 'timestamp', 'stale']));
    }
  });

  it('answers 400 invalid_webhook naming the missing fields', async () => {
    const res = await t.call('POST', '/v1/webhooks/clickpost', { json: { remark: 'no waybill' }, headers: { webhook_key: WEBHOOK_KEY } });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; fields: { path: string }[] };
    expect(answer.error).toBe('invalid_webhook');
    expect(answer.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['waybill']));
  });
});

describe('GET and PUT /v1/settings', () => {
  // No CLICKPOST_USERNAME / CLICKPOST_KEY in this environment: the saved settings are in force.
  beforeEach(async () => {
    await t.close();
    t = await startHttp({ connector: { env: { CONNECTOR_MASTER_KEY: 'b'.repeat(64) } } });
  });

  it('never answers the Key, only whether one is set', async () => {
    const before = (await (await t.call('GET', '/v1/settings')).json()) as Record<string, unknown>;
    expect(before).toEqual(expect.objectContaining({ username: '', key_set: false, packslip_required: false, pickup_after_minutes: 0, appointment_after_days: 0 }));
    expect(before).not.toHaveProperty('key');

    const put = await t.call('PUT', '/v1/settings', { json: { username: 'acme', key: 'cp-key-51f0c3aa', pickup_after_minutes: 30 } });
    expect(put.status).toBe(200);
    const putText = await put.text();
    expect(putText).not.toContain('cp-key-51f0c3aa');
    expect(JSON.parse(putText)).toEqual(expect.objectContaining({ username: 'acme', key_set: true, pickup_after_minutes: 30 }));

    const afterText = await (await t.call('GET', '/v1/settings')).text();
    expect(afterText).not.toContain('cp-key-51f0c3aa');
    expect(JSON.parse(afterText)).not.toHaveProperty('key');
    expect(JSON.parse(afterText).key_set).toBe(true);
  });

  it('answers 400 invalid_settings naming each wrong field, and keeps the saved settings', async () => {
    const res = await t.call('PUT', '/v1/settings', {
      json: { pickup_after_minutes: -1, appointment_after_days: 'two', packslip_required: 'yes', colour: 'blue' },
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; fields: { path: string; message: string }[] };
    expect(answer.error).toBe('invalid_settings');
    expect(answer.fields.map((f) => f.path).sort()).toEqual(['appointment_after_days', 'colour', 'packslip_required', 'pickup_after_minutes']);
    const saved = (await (await t.call('GET', '/v1/settings')).json()) as { pickup_after_minutes: number };
    expect(saved.pickup_after_minutes).toBe(0);
  });
});

describe('GET /v1/reports/failures', () => {
  it('answers the report of a day, and 400 invalid_query for a date that is not YYYY-MM-DD', async () => {
    const ok = await t.call('GET', '/v1/reports/failures?date=2026-11-23');
    expect(ok.status).toBe(200);
    expect(typeof (await ok.json())).toBe('object');
    const bad = await t.call('GET', '/v1/reports/failures?date=23-11-2026');
    expect(bad.status).toBe(400);
    const answer = (await bad.json()) as { error: string; fields: { path: string }[] };
    expect(answer.error).toBe('invalid_query');
    expect(answer.fields.map((f) => f.path)).toEqual(['date']);
    expect((await t.call('GET', '/v1/reports/failures')).status).toBe(400);
  });
});
