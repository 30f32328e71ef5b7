/**
 * Account code -> how the sandbox behaves for that account (README.md lists them).
 * Case-insensitive. Tokens may be joined with `+` (e.g. `SBX_HTTP500_1+SBX_ASYNC_3`);
 * anything that names no scenario books at once, synchronously, so the contract's
 * example shipment ("Delhivery B2B") ends BOOKED.
 */

export type Booking =
  | { kind: 'sync' }
  | { kind: 'async'; readyOnPoll: number }
  | { kind: 'async_never' }
  | { kind: 'async_fail'; failOnPoll: number }
  | { kind: 'error'; metaStatus: number };

/** How many tries (per reference, 1-based) a fault applies to; Infinity for ALWAYS. */
export interface Faults {
  http500: number;
  http429: number;
  garbage: number;
  reset: number;
  /** Delay every answer in the window by `ms` (real timer). */
  slow: { ms: number; tries: number } | null;
}

/** How cancel-order answers a live AWB: 200 at once, or 202 accepted for later (then 600 on a re-send, or 202 always). */
export type CancelBehaviour = 'immediate' | 'accepted' | 'accepted_always';

export interface Scenario {
  booking: Booking;
  cancel: CancelBehaviour;
  /** Child labels are null (the parent label covers every box). */
  childLabels: boolean;
  /** Faults on create-order POSTs. */
  create: Faults;
  /** Faults on create-order GET polls (SBX_POLL<fault>_<n>). */
  poll: Faults;
}

export function noFaults(): Faults {
  return { http500: 0, http429: 0, garbage: 0, reset: 0, slow: null };
}

const BOOKING_RULES: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => Booking]> = [
  [/^SBX_ASYNC_NEVER$/, () => ({ kind: 'async_never' })],
  [/^SBX_ASYNC_FAIL_(\d+)$/, (m) => ({ kind: 'async_fail', failOnPoll: Math.max(1, Number(m[1])) })],
  [/^SBX_ASYNC_(\d+)$/, (m) => ({ kind: 'async', readyOnPoll: Math.max(1, Number(m[1])) })],
  [/^SBX_ERR_(\d+)$/, (m) => ({ kind: 'error', metaStatus: Number(m[1]) })],
];

// SBX_[POLL]<FAULT>_<n|ALWAYS>; SLOW takes ms and an optional try count: SBX_SLOW_<ms>[_<n>].
const FAULT_RULE = /^SBX_(POLL)?(HTTP500|429|GARBAGE|RESET|SLOW)_(\d+|ALWAYS)(?:_(\d+))?$/;

function count(text: string): number {
  return text === 'ALWAYS' ? Number.POSITIVE_INFINITY : Number(text);
}

function applyFault(faults: Faults, kind: string, amount: string, tries: string | undefined): void {
  switch (kind) {
    case 'HTTP500':
      faults.http500 = count(amount);
      break;
    case '429':
      faults.http429 = count(amount);
      break;
    case 'GARBAGE':
      faults.garbage = count(amount);
      break;
    case 'RESET':
      faults.reset = count(amount);
      break;
    case 'SLOW':
      faults.slow = { ms: amount === 'ALWAYS' ? 0 : Number(amount), tries: tries === undefined ? Number.POSITIVE_INFINITY : Number(tries) };
      break;
  }
}

export function parseScenario(accountCode: string | null | undefined): Scenario {
  const scenario: Scenario = { booking: { kind: 'sync' }, cancel: 'immediate', childLabels: true, create: noFaults(), poll: noFaults() };
  for (const raw of String(accountCode ?? '').split('+')) {
    const token = raw.trim().toUpperCase();
    if (token === 'SBX_NOCHILDLABELS') {
      scenario.childLabels = false;
      continue;
    }
    if (token === 'SBX_CANCEL_202' || token === 'SBX_CANCEL_202_ALWAYS') {
      scenario.cancel = token === 'SBX_CANCEL_202' ? 'accepted' : 'accepted_always';
      continue;
    }
    const fault = FAULT_RULE.exec(token);
    if (fault) {
      applyFault(fault[1] ? scenario.poll : scenario.create, fault[2]!, fault[3]!, fault[4]);
      continue;
    }
    for (const [rule, make] of BOOKING_RULES) {
      const m = token.match(rule);
      if (m) {
        scenario.booking = make(m);
        break;
      }
    }
  }
  return scenario;
}

/** Which fault, if any, answers try number `tryNumber` (1-based). Order: reset, 500, 429. */
export function blockingFault(faults: Faults, tryNumber: number): 'reset' | 'http500' | 'http429' | null {
  if (tryNumber <= faults.reset) return 'reset';
  if (tryNumber <= faults.http500) return 'http500';
  if (tryNumber <= faults.http429) return 'http429';
  return null;
}

export function isGarbled(faults: Faults, tryNumber: number): boolean {
  return tryNumber <= faults.garbage;
}

export function delayFor(faults: Faults, tryNumber: number): number {
  return faults.slow && tryNumber <= faults.slow.tries ? faults.slow.ms : 0;
}
