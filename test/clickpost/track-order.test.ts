import { describe, it, expect } from '@jest/globals';
import { parseTrackOrderResponse, toTrackOrderRequest } from '../../src/clickpost/track-order.js';
import type { TrackingEvent } from '../../src/clickpost/tracking-event.js';
import { ClickPostHttpError } from '../../src/transport/errors.js';
import { answer, answerFixture, fixture } from './fixtures.js';

const withoutRaw = (events: TrackingEvent[]) => events.map(({ raw: _raw, ...rest }) => rest);

describe('track-order', () => {
  it('builds GET /api/v2/track-order/ with comma-separated waybills and cp_id', () => {
    expect(toTrackOrderRequest(fixture('track-order/input.json'))).toEqual(fixture('track-order/request.json'));
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
