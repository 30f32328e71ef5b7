/** A node's memory of its breakers, read off its pure rules. */
import { describe, it, expect } from '@jest/globals';
import { BreakerMemory, closedAndFresh, definiteAnswerNeedsWrite } from '../../src/breaker/breaker-memory.js';
import { CLOSED, type Breaker, type BreakerConfig } from '../../src/breaker/breaker-rules.js';
import type { Outcome } from '../../src/clickpost/outcome.js';

const config: BreakerConfig = { failures: 5, pause_ms: 300_000, probe_ms: 60_000, refresh_ms: 1_000 };
const OPEN: Breaker = { state: 'OPEN', consecutive_failures: 5, open_until: 400_000, probe_until: null };
const refused: Outcome = { kind: 'immediate_error', meta_status: 319, message: 'not serviceable', fields: [] };
const T = 100_000;

describe('breaker memory', () => {
  it('a read sent before a write committed cannot undo the write when it finishes last', () => {
    const memory = new BreakerMemory();
    const readStamp = memory.stamp(); // the read goes out, still closed
    memory.learn('4:a', memory.stamp(), OPEN, T); // a failure opens it and commits
    memory.learn('4:a', readStamp, CLOSED, T); // the read's older row comes back
    expect(memory.get('4:a')!.breaker).toEqual(OPEN);
    memory.learn('4:a', memory.stamp(), CLOSED, T + 1); // a read sent after the write
    expect(memory.get('4:a')!.breaker).toEqual(CLOSED);
  });

  it('trusts only a closed breaker, and only for refresh_ms', () => {
    const memory = new BreakerMemory();
    expect(closedAndFresh(memory.get('4:a'), T, config)).toBe(false);
    memory.learn('4:a', memory.stamp(), { ...CLOSED, consecutive_failures: 3 }, T);
    expect(closedAndFresh(memory.get('4:a'), T + 999, config)).toBe(true);
    expect(closedAndFresh(memory.get('4:a'), T + 1_000, config)).toBe(false);
    memory.learn('4:a', memory.stamp(), OPEN, T);
    expect(closedAndFresh(memory.get('4:a'), T, config)).toBe(false);
  });

  it('a definite answer is written unless closed, no failure counted, and the same kind written less than refresh_ms ago', () => {
    const memory = new BreakerMemory();
    const needs = (now: number) => definiteAnswerNeedsWrite(memory.get('4:a'), refused, now, config);
    expect(needs(T)).toBe(true);
    memory.learn('4:a', memory.stamp(), CLOSED, T, { kind: 'booked', at: T });
    expect(needs(T)).toBe(true); // another kind
    memory.learn('4:a', memory.stamp(), CLOSED, T, { kind: 'immediate_error', at: T });
    expect(needs(T + 999)).toBe(false);
    expect(needs(T + 1_000)).toBe(true);
    memory.learn('4:a', memory.stamp(), { ...CLOSED, consecutive_failures: 1 }, T);
    expect(needs(T)).toBe(true); // the count must go back to 0
  });

  it('an answer being written counts as written, and counts no more when the write failed', () => {
    const memory = new BreakerMemory();
    memory.learn('4:a', memory.stamp(), CLOSED, T, null);
    const noted = memory.noteAnswer('4:a', { kind: 'immediate_error', at: T });
    expect(definiteAnswerNeedsWrite(memory.get('4:a'), refused, T, config)).toBe(false);
    noted.undo();
    expect(definiteAnswerNeedsWrite(memory.get('4:a'), refused, T, config)).toBe(true);
  });
});
