/**
 * SANDBOX_LATENCY_MS: parsed with a clear error, the longer of it and a behaviour code's
 * own delay wins, and a real sandbox holds its answers back (seen through a client
 * timeout shorter than the latency, never by timing the answer).
 */
import { describe, expect, it } from '@jest/globals';
import { answerDelay, latencyFromEnv, NO_LATENCY, parseLatency } from '../../src/sandbox/latency.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { ValidationError } from '../../src/errors.js';
import { createPayload } from './fixtures.js';

describe('sandbox latency', () => {
  it('reads a fixed time, a range, or nothing', () => {
    expect(parseLatency('1000')).toEqual({ minMs: 1000, maxMs: 1000 });
    expect(parseLatency(' 800 - 1200 ')).toEqual({ minMs: 800, maxMs: 1200 });
    expect(parseLatency('')).toBe(NO_LATENCY);
    expect(latencyFromEnv({})).toBe(NO_LATENCY);
    expect(latencyFromEnv({ SANDBOX_LATENCY_MS: '250' })).toEqual({ minMs: 250, maxMs: 250 });
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['fast', '-5', '1200-800', '1.5', '10000000']) {
      const err = (() => {
        try {
          parseLatency(bad);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ValidationError);
      expect(JSON.stringify(err)).toContain('SANDBOX_LATENCY_MS');
    }
  });

  it("holds an answer back by the longer of the latency and the behaviour code's delay", () => {
    expect(answerDelay(0, NO_LATENCY)).toBe(0);
    expect(answerDelay(0, { minMs: 1000, maxMs: 1000 })).toBe(1000);
    expect(answerDelay(1500, { minMs: 1000, maxMs: 1000 })).toBe(1500); // SBX_SLOW_1500 stays slower
    expect(answerDelay(0, { minMs: 800, maxMs: 1200 }, () => 0.5)).toBe(1000);
    expect(answerDelay(0, { minMs: 800, maxMs: 1200 }, () => 0)).toBe(800);
  });

  it('a sandbox with latency answers after a client that waits less has given up', async () => {
    const slow = await startSandbox({ latency: { minMs: 60_000, maxMs: 60_000 } });
    const quick = await startSandbox({ latency: NO_LATENCY });
    try {
      const post = (base: string, reference: string, waitMs: number) =>
        fetch(`${base}/api/v3/create-order/?username=u&key=k`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(createPayload({ reference, accountCode: 'Delhivery B2B' })),
          signal: AbortSignal.timeout(waitMs),
        }).then((r) => r.status, (e: Error) => e.name);
      expect(await post(quick.url, 'LAT-1', 20_000)).toBe(200);
      expect(await post(slow.url, 'LAT-2', 1_000)).toBe('TimeoutError'); // held for 60 s
    } finally {
      await slow.close();
      await quick.close();
    }
  });
});
