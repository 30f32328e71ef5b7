import { describe, it, expect } from '@jest/globals';
import { parseWebhookPayload } from '../../src/clickpost/webhook.js';
import { fixture } from './fixtures.js';

describe('parseWebhookPayload', () => {
  for (const c of fixture<{ name: string; body: unknown; expected: Record<string, unknown> }[]>('webhook/payloads.json')) {
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
});
