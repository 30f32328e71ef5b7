/**
 * The India calendar day as an epoch window: [date 00:00 IST, next day 00:00 IST).
 * IST is UTC+05:30 all year, so a day is always 24 h.
 */
import { IST_OFFSET_MS, indiaDate } from '../clickpost/units.js';
import { ValidationError } from '../errors.js';

const DAY_MS = 86_400_000;

export interface DayWindow {
  from_ms: number;
  to_ms: number;
}

/** `YYYY-MM-DD` that names a real calendar day -> its India window; ValidationError otherwise. */
export function indiaDayWindow(date: string): DayWindow {
  const match = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const utcMidnight = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // Date.UTC rolls 2026-02-30 over to March: a round trip catches days that do not exist.
  if (!match || Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== date) {
    throw new ValidationError('invalid_query', [{ path: 'date', message: 'must be a calendar date YYYY-MM-DD (India day)' }]);
  }
  const from_ms = utcMidnight - IST_OFFSET_MS;
  return { from_ms, to_ms: from_ms + DAY_MS };
}

/** The India date of the day before the one `nowMs` falls in: what the nightly job reports. */
export function previousIndiaDate(nowMs: number): string {
  return indiaDate(nowMs - DAY_MS);
}
