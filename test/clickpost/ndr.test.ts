import { describe, it, expect } from '@jest/globals';
import { parseTrackOrderResponse } from '../../src/clickpost/track-order.js';
import { parseWebhookPayload } from '../../src/clickpost/webhook.js';
import { CANCELLED_STATUS_CODE, isCancelledScan, NDR_STATUS_CODES, ndrFor } from '../../src/clickpost/units.js';
import { answer } from './fixtures.js';

describe('NDR status codes (004 "NDR Status Codes", slate _track.md)', () => {
  it('lists 004\'s 0..11 with its texts, and slate\'s 12 and 13', () => {
    expect(Object.keys(NDR_STATUS_CODES).map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(NDR_STATUS_CODES[0]).toBe('Unknown Exception');
    expect(NDR_STATUS_CODES[4]).toBe('No Attempt');
    expect(NDR_STATUS_CODES[9]).toBe('Order Already Cancelled');
    expect(NDR_STATUS_CODES[11]).toBe('Shipment Seized By Customer');
    expect(Object.isFrozen(NDR_STATUS_CODES)).toBe(true);
  });

  it('ndrFor: the table for a known code (0 included), ClickPost\'s text otherwise, nothing without a code', () => {
    expect(ndrFor(0, 'whatever')).toEqual({ code: 0, description: 'Unknown Exception' });
    expect(ndrFor(3, null)).toEqual({ code: 3, description: 'Delivery Rescheduled' });
    expect(ndrFor(77, 'New reason')).toEqual({ code: 77, description: 'New reason' });
    expect(ndrFor(null, 'Customer Unavailable')).toBeNull();
  });
});

describe('isCancelledScan', () => {
  it('is true for clickpost_status_code 10 (CANCELLED_ORDER, slate _status.md) only', () => {
    expect(CANCELLED_STATUS_CODE).toBe(10);
    expect(isCancelledScan({ status_code: 10 })).toBe(true);
    for (const code of [1, 8, 9, 11, 16, null]) expect(isCancelledScan({ status_code: code })).toBe(false);
  });

  it('reads a parsed webhook and a track-order scan alike', () => {
    const hook = parseWebhookPayload({ waybill: 'W', clickpost_status_code: 10, clickpost_status_description: 'CancelledOrder', timestamp: '2026-11-24 10:00:00' });
    expect(hook.ok && isCancelledScan(hook.event)).toBe(true);
    const polled = parseTrackOrderResponse(answer(200, { meta: { status: 200 }, result: { W: { valid: true, scans: [
      { clickpost_status_code: 1, timestamp: '2026-11-24 09:00:00' },
      { clickpost_status_code: 10, timestamp: '2026-11-24 10:00:00' },
    ] } } }));
    expect(polled.byAwb.W!.events.map(isCancelledScan)).toEqual([false, true]);
  });
});
