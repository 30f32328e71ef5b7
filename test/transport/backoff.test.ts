import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { calculateRetryDelay, parseRetryAfter } from '../../src/transport/backoff.js';

const retryable = { retryable: true };
const base = { limit: 3, baseDelayMs: 100, maxDelayMs: 1000 };

describe('calculateRetryDelay', () => {
  it('gives up (0) past the limit and for non-retryable errors', () => {
    expect(calculateRetryDelay({ ...base, attempt: 4, error: retryable, random: () => 0.5 })).toBe(0);
    expect(calculateRetryDelay({ ...base, attempt: 1, error: { retryable: false }, random: () => 0.5 })).toBe(0);
    expect(calculateRetryDelay({ ...base, limit: 0, attempt: 1, error: retryable })).toBe(0);
  });

  it('full jitter: random share of base * 2^(attempt-1), capped at maxDelayMs', () => {
    const at = (attempt: number, r: number) => calculateRetryDelay({ ...base, limit: 10, attempt, error: retryable, random: () => r });
    expect([1, 2, 3, 4].map((a) => at(a, 0.5))).toEqual([50, 100, 200, 400]);
    expect(at(8, 0.999)).toBe(999); // 100 * 2^7 capped at 1000
    expect(at(1, 0)).toBe(1); // never 0 while retrying: 0 means give up
  });

  it('no jitter: exactly base * 2^(attempt-1), capped, whatever random says', () => {
    const at = (attempt: number) => calculateRetryDelay({ ...base, limit: 10, attempt, error: retryable, jitter: 'none', random: () => 0.1 });
    expect([1, 2, 3, 4, 5].map(at)).toEqual([100, 200, 400, 800, 1000]);
  });

  it('decorrelated jitter grows from the previous delay within [base, previous * 3], capped', () => {
    const d = (previousDelayMs: number, r: number) =>
      calculateRetryDelay({ ...base, attempt: 2, error: retryable, jitter: 'decorrelated', previousDelayMs, random: () => r });
    expect(d(200, 0)).toBe(100);
    expect(d(200, 0.5)).toBe(350); // 100 + 0.5 * (600 - 100)
    expect(d(900, 0.99)).toBe(1000);
  });

  it('honours Retry-After on 429 (and 503), capped at maxDelayMs, never 0', () => {
    const after = (retryAfterMs: number, httpStatus: number) =>
      calculateRetryDelay({ ...base, attempt: 1, error: { retryable: true, httpStatus }, retryAfterMs, random: () => 0.5 });
    expect(after(300, 429)).toBe(300);
    expect(after(60_000, 429)).toBe(1000);
    expect(after(0, 429)).toBe(1);
    expect(after(300, 503)).toBe(300);
    expect(after(300, 500)).toBe(50); // not a Retry-After status: backoff as usual
  });

  it('property: within [1, maxDelayMs] whenever a retry is due, 0 otherwise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        fc.constantFrom<'full' | 'decorrelated'>('full', 'decorrelated'),
        (attempt, limit, isRetryable, r, jitter) => {
          const ms = calculateRetryDelay({ attempt, limit, baseDelayMs: 5, maxDelayMs: 500, error: { retryable: isRetryable }, jitter, random: () => r, previousDelayMs: 40 });
          if (!isRetryable || attempt < 1 || attempt > limit) return ms === 0;
          return ms >= 1 && ms <= 500;
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T05:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(['3'], now)).toBe(3000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 05:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 04:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
