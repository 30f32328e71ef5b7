import { describe, it, expect } from '@jest/globals';
import { MAX_WAYBILLS_PER_TRACK_ORDER, parseTrackOrderResponse, toTrackOrderRequest } from '../../src/clickpost/track-order.js';
import type { TrackingEvent } from '../../src/clickpost/tracking-event.js';
import { ClickPostHttpError } from '../../src/transport/errors.js';
import { readMetaAnswer } from '../../src/clickpost/classify.js';
import { answer, answerFixture, fixture } from './fixtures.js';

const withoutRaw = (events: TrackingEvent[]) => events.map(({ raw: _raw, ...rest }) => rest);

describe('track-order', () => {
  it('builds GET /api/v2/track-order/ with comma-separated waybills and cp_id', () => {
    const { read, ...request } = toTrackOrderRequest(fixture('track-order/input.json'));
    expect(request).toEqual(fixture('track-order/request.json'));
    expect(read).toBe(readMetaAnswer);
  });

  it('parses the 004 sample: scans and latest_status, each once, oldest first', () => {
    const out = parseTrackOrderResponse(answerFixture('track-order/response.json'));
    const expected = fixture('track-order/parsed.json');
    expect(out.messages).toEqual(expected.messages);
    expect(Object.keys(out.byAwb).sort()).toEqual(Object.keys(expected.byAwb).sort());
    for (const awb of Object.keys(expected.byAwb)) {
      expect(out.byAwb[awb]!.valid).toBe(expected.byAwb[awb].valid);
      expect(withoutRaw(out.byAwb[awb]!.events)).toEqual(expected.byAwb[awb].events);
    }
    // raw keeps ClickPost's own object (checkpoint ids and all).
    expect(out.byAwb.SF18399217NER!.events[0]!.raw).toMatchObject({ checkpoint_id: 162947643 });
  });

  it('reads a result given as an array of records, and reports unreadable scans', () => {
    const out = parseTrackOrderResponse(answer(200, { meta: { status: 200, success: true }, result: [
      { waybill: 'AWB1', valid: true, scans: [
        { clickpost_status_code: 4, timestamp: '2026-11-24 09:00:00', status: 'Shipped' },
        { clickpost_status_code: 5, timestamp: 'yesterday' },
      ] },
      { AWB2: { valid: false, scans: [] } },
    ] }));
    expect(out.byAwb.AWB1!.events.map((e) => [e.status_code, e.bucket, e.timestamp_ms])).toEqual([[4, 2, Date.parse('2026-11-24T03:30:00Z')]]);
    expect(out.byAwb.AWB2).toEqual({ valid: false, events: [] });
    expect(out.messages).toEqual(['AWB1 scans[1] skipped: timestamp must be a date and time']);
  });

  it('a failed call gives messages and no records', () => {
    expect(parseTrackOrderResponse(answer(200, { meta: { status: 301, message: 'Authentication failed' } }))).toEqual({ byAwb: {}, messages: ['Authentication failed'] });
    expect(parseTrackOrderResponse({ ok: false, error: new ClickPostHttpError('HTTP 503', { httpStatus: 503 }), retries: 3 }))
      .toEqual({ byAwb: {}, messages: ['HTTP 503'] });
  });
});

describe('track-order per ClickPost\'s current docs', () => {
  it('sends 1 to 5 waybills per call, never more', () => {
    const awbs = ['A1', 'A2', 'A3', 'A4', 'A5'];
    expect(toTrackOrderRequest({ awbs, courier_partner_id: 4 }).query).toEqual({ waybill: 'A1,A2,A3,A4,A5', cp_id: 4 });
    expect(MAX_WAYBILLS_PER_TRACK_ORDER).toBe(5);
    expect(() => toTrackOrderRequest({ awbs: [...awbs, 'A6'], courier_partner_id: 4 })).toThrow(RangeError);
    expect(() => toTrackOrderRequest({ awbs: [], courier_partner_id: 4 })).toThrow(RangeError);
  });

  it('replays slate\'s polling sample: the record\'s additional.ndr goes to its failed-delivery scan, by code', () => {
    const out = parseTrackOrderResponse(answerFixture('track-order/slate-response.json'));
    expect(out.messages).toEqual([]);
    const events = out.byAwb.SF18399217NER!.events;
    expect(events.map((e) => e.status_code)).toEqual([1, 5, 1, 5, 5, 6, 9, 8]);
    const failed = events.find((e) => e.status_code === 9)!;
    // ClickPost wrote "Customer unavailable"; the table's text for code 1 is shown.
    expect(failed.ndr).toEqual({ code: 1, description: 'Customer Unavailable' });
    expect(failed).toMatchObject({ bucket: 5, status: 'Delivery attempted: customer not available', timestamp: '2018-07-07 10:53:01' });
    expect(events.filter((e) => e !== failed).map((e) => e.ndr)).toEqual(Array(7).fill(null));
  });

  it('a scan\'s own NDR wins; the record\'s goes to the newest failed delivery only; none without a failed delivery', () => {
    const record = (scans: unknown[], additional: unknown) => parseTrackOrderResponse(answer(200, { meta: { status: 200 }, result: { W: { valid: true, scans, additional } } })).byAwb.W!.events;
    const scan = (code: number, time: string, extra: Record<string, unknown> = {}) => ({ clickpost_status_code: code, timestamp: `2026-11-24 ${time}`, ...extra });
    const twoFailures = record([scan(9, '09:00:00'), scan(9, '11:00:00'), scan(6, '10:00:00')], { ndr: { ndr_bucket_code: 5, ndr_description: 'x' } });
    expect(twoFailures.map((e) => [e.status_code, e.ndr?.code ?? null])).toEqual([[9, null], [6, null], [9, 5]]);
    const own = record([scan(9, '09:00:00', { additional: { ndr_status_code: 2 } })], { ndr: { ndr_bucket_code: 5 } });
    expect(own[0]!.ndr).toEqual({ code: 2, description: 'Rejected by Customer' });
    const flat = record([scan(7, '09:00:00')], { ndr_status_code: 8, ndr_status_description: 'ODA' });
    expect(flat[0]!.ndr).toEqual({ code: 8, description: 'Out Of Delivery Area' });
    expect(record([scan(8, '09:00:00')], { ndr: { ndr_bucket_code: 1 } })[0]!.ndr).toBeNull();
  });

  it('a refused call (more than 5 waybills, meta.status 400) gives its message and no records', () => {
    const out = parseTrackOrderResponse(answer(200, { meta: { status: 400, success: false, message: 'A maximum of 5 waybills is allowed per request, got 6' } }));
    // The prefix is classify.ts's (it names codes it does not know); ClickPost's message is kept.
    expect(out.byAwb).toEqual({});
    expect(out.messages).toHaveLength(1);
    expect(out.messages[0]).toContain('A maximum of 5 waybills is allowed per request, got 6');
  });
});
