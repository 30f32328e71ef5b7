import { describe, it, expect } from '@jest/globals';
import { onLateCancelResult, onLateCheckDue, onLateCheckResult, startWatch } from '../../machines/late-watch-rules.js';
import { DEFAULT_MACHINE_CONFIG, newAttempt, type AttemptState } from '../../machines/shipment-rules.js';
import type { Outcome } from '../../src/clickpost/outcome.js';

const config = { ...DEFAULT_MACHINE_CONFIG, late_check_count: 2 };
const watched = (late = startWatch()): AttemptState => ({ ...newAttempt('S', [{ courier_partner_id: 4, account_code: 'A' }], 0), late });
const pending: Outcome = { kind: 'pending', meta_status: 102, message: null };
const booked: Outcome = { kind: 'booked', meta_status: 323, parent_awb: 'LATE', label_url: null, children: [], courier_partner_id: 4, courier_name: null, message: null };

describe('late watch rules', () => {
  it('a due check counts and asks; nothing once the watch is over or absent', () => {
    expect(onLateCheckDue(watched())).toEqual({ late: { state: 'WATCHING', checks: 1, awb: null }, check: true });
    expect(onLateCheckDue(watched({ state: 'GAVE_UP', checks: 2, awb: null }))).toBeNull();
    expect(onLateCheckDue(undefined)).toBeNull();
  });
  it('an AWB found late is to be cancelled, even on a 323', () => {
    expect(onLateCheckResult(watched({ state: 'WATCHING', checks: 1, awb: null }), 1, booked, config)).toEqual({ late: { state: 'CANCELLING', checks: 1, awb: 'LATE' }, cancelAwb: 'LATE' });
  });
  it('still processing: look again while the budget lasts, then give up; stale answers change nothing', () => {
    expect(onLateCheckResult(watched({ state: 'WATCHING', checks: 1, awb: null }), 1, pending, config)?.recheck).toBe(true);
    expect(onLateCheckResult(watched({ state: 'WATCHING', checks: 2, awb: null }), 2, pending, config)?.late.state).toBe('GAVE_UP');
    expect(onLateCheckResult(watched({ state: 'WATCHING', checks: 2, awb: null }), 1, pending, config)).toBeNull();
  });
  it('a cancel that failed transiently is retried through another check; a refusal is final', () => {
    const cancelling = watched({ state: 'CANCELLING', checks: 1, awb: 'LATE' });
    expect(onLateCancelResult(cancelling, { kind: 'cancelled', meta_status: 600, message: null }, config)?.late.state).toBe('CANCELLED');
    expect(onLateCancelResult(cancelling, { kind: 'cancel_failed', meta_status: null, message: 'timeout', transient: true }, config)).toMatchObject({ late: { state: 'WATCHING' }, recheck: true });
    expect(onLateCancelResult(cancelling, { kind: 'cancel_failed', meta_status: 350, message: 'no', transient: false }, config)?.late.state).toBe('CANCEL_FAILED');
  });
});
