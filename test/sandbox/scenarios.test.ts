import { describe, expect, it } from '@jest/globals';
import { blockingFault, delayFor, isGarbled, parseScenario } from '../../src/sandbox/scenarios.js';

describe('parseScenario', () => {
  it('books any account code that names no scenario synchronously, with child labels', () => {
    for (const code of ['Delhivery B2B', 'Bluedart Surface', '', 'SBX_UNKNOWN_1']) {
      const s = parseScenario(code);
      expect(s.booking).toEqual({ kind: 'sync' });
      expect(s.childLabels).toBe(true);
      expect(blockingFault(s.create, 1)).toBeNull();
    }
  });

  it('reads each scenario, case-insensitively', () => {
    expect(parseScenario('sbx_async_7').booking).toEqual({ kind: 'async', readyOnPoll: 7 });
    expect(parseScenario('SBX_ASYNC_NEVER').booking).toEqual({ kind: 'async_never' });
    expect(parseScenario('SBX_ASYNC_FAIL_4').booking).toEqual({ kind: 'async_fail', failOnPoll: 4 });
    expect(parseScenario('SBX_ERR_354').booking).toEqual({ kind: 'error', metaStatus: 354 });
    expect(parseScenario('SBX_NOCHILDLABELS').childLabels).toBe(false);
  });

  it('opens fault windows for the first n tries', () => {
    const s = parseScenario('SBX_HTTP500_2');
    expect([1, 2, 3].map((t) => blockingFault(s.create, t))).toEqual(['http500', 'http500', null]);
    expect(blockingFault(parseScenario('SBX_HTTP500_ALWAYS').create, 1000)).toBe('http500');
    expect(blockingFault(parseScenario('SBX_429_1').create, 1)).toBe('http429');
    expect(blockingFault(parseScenario('SBX_RESET_1').create, 1)).toBe('reset');
    expect(isGarbled(parseScenario('SBX_GARBAGE_1').create, 2)).toBe(false);
    expect(delayFor(parseScenario('SBX_SLOW_1000').create, 50)).toBe(1000);
    expect(delayFor(parseScenario('SBX_SLOW_1000_1').create, 2)).toBe(0);
  });

  it('combines tokens with +, and keeps poll faults apart from create faults', () => {
    const s = parseScenario('SBX_ASYNC_3+SBX_POLLHTTP500_1+SBX_NOCHILDLABELS');
    expect(s.booking).toEqual({ kind: 'async', readyOnPoll: 3 });
    expect(s.childLabels).toBe(false);
    expect(blockingFault(s.poll, 1)).toBe('http500');
    expect(blockingFault(s.create, 1)).toBeNull();
  });
});
