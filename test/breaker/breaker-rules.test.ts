/** The circuit breaker of one courier account, read off its pure rules. */
import { describe, it, expect } from '@jest/globals';
import { CLOSED, admit, afterAnswer, type Breaker, type BreakerConfig } from '../../src/breaker/breaker-rules.js';
import type { Outcome } from '../../src/clickpost/outcome.js';

const config: BreakerConfig = { failures: 3, pause_ms: 300_000, probe_ms: 60_000, refresh_ms: 1_000 };
const down: Outcome = { kind: 'transient', meta_status: null, http_status: 503, error_code: 'ERR_CLICKPOST_HTTP', message: 'HTTP 503' };
const refused: Outcome = { kind: 'immediate_error', meta_status: 319, message: 'not serviceable', fields: [] };
const T = 1_000_000;

function failTimes(n: number, b: Breaker = CLOSED): Breaker {
  for (let i = 0; i < n; i++) b = afterAnswer(b, down, T, config);
  return b;
}

describe('account breaker', () => {
  it('stays closed below the threshold; any definite answer resets the count', () => {
    expect(failTimes(2)).toMatchObject({ state: 'CLOSED', consecutive_failures: 2 });
    expect(afterAnswer(failTimes(2), refused, T, config)).toEqual(CLOSED);
    expect(admit(failTimes(2), T, config)).toEqual({ kind: 'call' });
  });

  it('opens at the threshold: calls are skipped until the pause is over', () => {
    const open = failTimes(3);
    expect(open).toMatchObject({ state: 'OPEN', open_until: T + 300_000 });
    expect(admit(open, T + 299_999, config)).toEqual({ kind: 'skip', until: T + 300_000 });
  });

  it('after the pause one probe goes out, and others are skipped while it is out', () => {
    const probe = admit(failTimes(3), T + 300_000, config);
    expect(probe).toMatchObject({ kind: 'probe', breaker: { state: 'HALF_OPEN', probe_until: T + 360_000 } });
    if (probe.kind !== 'probe') throw new Error('no probe');
    expect(admit(probe.breaker, T + 300_001, config)).toEqual({ kind: 'skip', until: T + 360_000 });
    // a probe that never answered (its node died) lets the next caller probe
    expect(admit(probe.breaker, T + 360_000, config).kind).toBe('probe');
  });

  it('the probe decides: an answer closes, a failure opens again for the whole pause', () => {
    const probe = admit(failTimes(3), T + 300_000, config);
    if (probe.kind !== 'probe') throw new Error('no probe');
    expect(afterAnswer(probe.breaker, refused, T + 300_500, config)).toEqual(CLOSED);
    expect(afterAnswer(probe.breaker, down, T + 300_500, config)).toMatchObject({ state: 'OPEN', open_until: T + 600_500 });
  });
});
