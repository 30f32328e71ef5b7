import { describe, it, expect } from '@jest/globals';
import {
  appointmentDateFor, bucketForStatusCode, indiaDate, indiaIsoWithOffset, indiaLocalDateTime, isTerminalBucket,
  pickupTimeFor, pickupTimeIsoFor, TERMINAL_BUCKETS, TRACKING_BUCKETS, wholeUp,
} from '../../src/clickpost/units.js';

const at = (iso: string) => Date.parse(iso);

describe('India local time', () => {
  it('formats an instant as India wall-clock time, whole seconds, no offset', () => {
    expect(indiaLocalDateTime(at('2026-11-23T05:15:00.999Z'))).toBe('2026-11-23T10:45:00');
    expect(indiaLocalDateTime(at('2026-11-23T05:15:00.999Z'))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('gives the same instant with +05:30 for people', () => {
    expect(indiaIsoWithOffset(at('2026-11-23T05:15:00Z'))).toBe('2026-11-23T10:45:00+05:30');
    expect(Date.parse(indiaIsoWithOffset(at('2026-11-23T05:15:07Z')))).toBe(at('2026-11-23T05:15:07Z'));
  });

  it('reads the India date, which turns at 18:30 UTC', () => {
    expect(indiaDate(at('2026-11-23T18:29:59Z'))).toBe('2026-11-23');
    expect(indiaDate(at('2026-11-23T18:30:00Z'))).toBe('2026-11-24');
  });

  it('pickup_time is the booking time plus Pickup After minutes, in India time', () => {
    expect(pickupTimeFor(at('2026-11-23T05:15:00Z'), 30)).toBe('2026-11-23T11:15:00');
    expect(pickupTimeIsoFor(at('2026-11-23T05:15:00Z'), 0)).toBe('2026-11-23T10:45:00+05:30');
    // 23:50 IST + 20 minutes crosses into the next India day.
    expect(pickupTimeFor(at('2026-11-23T18:20:00Z'), 20)).toBe('2026-11-24T00:10:00');
  });

  it('appointment_date is today in India plus the days, also just after India midnight', () => {
    // 00:30 IST on the 24th is still the 23rd in UTC: today (India) is the 24th.
    expect(appointmentDateFor(at('2026-11-23T19:00:00Z'), 0)).toBe('2026-11-24');
    expect(appointmentDateFor(at('2026-11-23T19:00:00Z'), 1)).toBe('2026-11-25');
    // 23:59:59 IST on the 23rd.
    expect(appointmentDateFor(at('2026-11-23T18:29:59Z'), 1)).toBe('2026-11-24');
    // Across a month and a year end.
    expect(appointmentDateFor(at('2026-12-31T20:00:00Z'), 2)).toBe('2027-01-03');
  });
});

describe('wholeUp', () => {
  it('rounds up to a whole number and never gives 0', () => {
    expect(wholeUp(40.2)).toBe(41);
    expect(wholeUp(40)).toBe(40);
    expect(wholeUp(0.2)).toBe(1);
  });

  it('does not push an exact sum up because of float noise', () => {
    const noisy = 0.1 * 3 * 10;
    expect(noisy).not.toBe(3); // the noise is real (3.0000000000000004)...
    expect(wholeUp(noisy)).toBe(3); // ...and ignored
  });
});

describe('tracking buckets', () => {
  it('maps every status code of the 004 table to its bucket', () => {
    const table: Record<number, number[]> = {
      1: [1, 2, 3, 28, 25, 10], 2: [4], 3: [5, 18, 19, 20], 4: [6], 5: [7, 9], 6: [8],
      7: [11, 12, 13, 14, 15, 21, 26, 27], 8: [16], 9: [17],
    };
    for (const [bucket, codes] of Object.entries(table)) {
      for (const code of codes) expect(bucketForStatusCode(code)).toBe(Number(bucket));
    }
    expect(bucketForStatusCode(99)).toBeNull();
  });

  it('names nine buckets and treats 6, 7, 8 as terminal', () => {
    expect(Object.keys(TRACKING_BUCKETS).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(TRACKING_BUCKETS[6]).toBe('Delivered');
    expect(TERMINAL_BUCKETS).toEqual([6, 7, 8]);
    expect(Object.isFrozen(TERMINAL_BUCKETS)).toBe(true);
    expect(Object.isFrozen(TRACKING_BUCKETS)).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].filter(isTerminalBucket)).toEqual([6, 7, 8]);
    expect(isTerminalBucket(null)).toBe(false);
  });
});
