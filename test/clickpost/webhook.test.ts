import { describe, it, expect } from '@jest/globals';
import { parseWebhookPayload } from '../../src/clickpost/webhook.js';
import { fixture } from './fixtures.js';

describe('parseWebhookPayload', () => {
  // 004's samples (payloads.json) and slate _track.md's (slate-payloads.json), as published.
  const cases = ['webhook/payloads.json', 'webhook/slate-payloads.json']
    .flatMap((file) => fixture<{ name: string; body: unknown; expected: Record<string, unknown> }[]>(file));
  for (const c of cases) {
    it(`parses: ${c.name}`, () => {
      const out = parseWebhookPayload(c.body);
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      const { raw, ...event } = out.event;
      expect(event).toEqual(c.expected);
      expect(raw).toBe(c.body);
    });
  }

  it('the same event sent twice gets the same dedupe key; another code or time another key', () => {
    const base = { waybill: 'W1', clickpost_status_code: 6, timestamp: '2026-11-24 10:00:00' };
    const key = (b: unknown) => { const r = parseWebhookPayload(b); return r.ok ? r.event.dedupe_key : null; };
    expect(key(base)).toBe(key({ ...base, remark: 'resent' }));
    // The same instant written in UTC is the same event.
    expect(key(base)).toBe(key({ ...base, timestamp: '2026-11-24T04:30:00Z' }));
    expect(key(base)).not.toBe(key({ ...base, clickpost_status_code: 8 }));
    expect(key(base)).not.toBe(key({ ...base, timestamp: '2026-11-24 10:00:01' }));
    expect(key({ ...base, additional: { order_status_id: 55 } })).toBe('55');
  });

  it('names every missing or wrong field', () => {
    expect(parseWebhookPayload({ clickpost_status_code: 'six', timestamp: 'soon' })).toEqual({ ok: false, fields: [
      { path: 'waybill', message: 'is required' },
      { path: 'clickpost_status_code', message: 'must be a whole number' },
      { path: 'timestamp', message: 'must be a date and time' },
    ] });
    expect(parseWebhookPayload('nope')).toEqual({ ok: false, fields: [{ path: '(body)', message: 'must be a JSON object' }] });
    expect(parseWebhookPayload({ waybill: 'W', clickpost_status_code: 6 })).toEqual({ ok: false, fields: [{ path: 'timestamp', message: 'is required' }] });
  });

  it('derives the bucket from the code and keeps a sent bucket', () => {
    const a = parseWebhookPayload({ waybill: 'W', clickpost_status_code: 16, timestamp: '2026-11-24 10:00:00' });
    expect(a.ok && a.event.bucket).toBe(8);
    const b = parseWebhookPayload({ waybill: 'W', clickpost_status_code: 99, clickpost_status_bucket: 3, timestamp: '2026-11-24 10:00:00' });
    expect(b.ok && b.event.bucket).toBe(3);
    const c = parseWebhookPayload({ waybill: 'W', clickpost_status_code: 99, timestamp: '2026-11-24 10:00:00' });
    expect(c.ok && c.event.bucket).toBeNull();
  });

  it('NDR: mapped by code (table text wins over ClickPost\'s), ClickPost\'s text for an unknown code, none without a code', () => {
    const base = { waybill: 'W', clickpost_status_code: 9, timestamp: '2026-11-24 10:00:00' };
    const ndr = (additional: unknown) => { const r = parseWebhookPayload({ ...base, additional }); return r.ok ? r.event.ndr : 'unreadable'; };
    expect(ndr({ ndr_status_code: 6, ndr_status_description: 'adress problem' })).toEqual({ code: 6, description: 'Address Issue' });
    expect(ndr({ ndr_status_code: '2' })).toEqual({ code: 2, description: 'Rejected by Customer' });
    expect(ndr({ ndr_status_code: 13 })).toEqual({ code: 13, description: 'Shipment Misrouted by logistics partner' });
    expect(ndr({ ndr_status_code: 42, ndr_status_description: 'Consignee on leave' })).toEqual({ code: 42, description: 'Consignee on leave' });
    expect(ndr({ ndr_status_code: 42 })).toEqual({ code: 42, description: null });
    // The text alone is never mapped (ClickPost: "strictly on ndr_status_code").
    expect(ndr({ ndr_status_description: 'Customer Unavailable' })).toBeNull();
    expect(ndr({ ndr_status_code: 'one' })).toBeNull();
  });

  it('NDR only on a failed delivery (bucket 5): codes 7 and 9, or a sent bucket 5', () => {
    const ndrOf = (extra: Record<string, unknown>) => {
      const r = parseWebhookPayload({ waybill: 'W', timestamp: '2026-11-24 10:00:00', additional: { ndr_status_code: 1 }, ...extra });
      return r.ok ? r.event.ndr : 'unreadable';
    };
    expect(ndrOf({ clickpost_status_code: 7 })).toEqual({ code: 1, description: 'Customer Unavailable' });
    expect(ndrOf({ clickpost_status_code: 8 })).toBeNull();
    expect(ndrOf({ clickpost_status_code: 6 })).toBeNull();
    expect(ndrOf({ clickpost_status_code: 99, clickpost_status_bucket: 5 })).toEqual({ code: 1, description: 'Customer Unavailable' });
  });

  it('keeps notification_event_id from additional (or the top level), numbers as text too', () => {
    const id = (body: Record<string, unknown>) => { const r = parseWebhookPayload({ waybill: 'W', clickpost_status_code: 8, timestamp: '2026-11-24 10:00:00', ...body }); return r.ok ? r.event.notification_event_id : 'unreadable'; };
    expect(id({ additional: { notification_event_id: 5 } })).toBe(5);
    expect(id({ additional: { notification_event_id: '12' } })).toBe(12);
    expect(id({ notification_event_id: 3 })).toBe(3);
    expect(id({})).toBeNull();
  });
});
