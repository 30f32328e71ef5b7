/**
 * The Unicommerce workflow, read straight off the pure machine: initialTransition /
 * transition, asserting snapshot values and the effects and timers it asks for.
 */
import { describe, it, expect } from '@jest/globals';
import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { shipmentMachine, statusOf } from '../../machines/shipment.machine.js';
import { DEFAULT_MACHINE_CONFIG } from '../../machines/shipment-rules.js';
import type { ShipmentEvent } from '../../machines/shipment-events.js';
import type { Outcome } from '../../src/clickpost/outcome.js';
import { restoreSnapshot } from '../../src/engine/step.js';

type Snap = ReturnType<typeof initialTransition<typeof shipmentMachine>>[0];
interface Act { type: string; params?: any }

const providers = [
  { courier_partner_id: 4, account_code: 'Delhivery B2B' },
  { courier_partner_id: 6, account_code: 'Bluedart Surface' },
  { courier_partner_id: 9, account_code: 'Gati B2B' },
];
const config = { ...DEFAULT_MACHINE_CONFIG, late_check_count: 3 };

const booked = (awb = 'AWB1'): Outcome => ({
  kind: 'booked', meta_status: 200, parent_awb: awb, label_url: `http://l/${awb}.pdf`,
  children: [{ reference_number: 'B1', waybill: `${awb}_1`, label_url: null }], courier_partner_id: 4, courier_name: null, message: null,
});
const accepted: Outcome = { kind: 'accepted_async', meta_status: 202, order_id: 'o1', message: null };
const pending: Outcome = { kind: 'pending', meta_status: 102, message: 'We are processing your order' };
const err319: Outcome = { kind: 'immediate_error', meta_status: 319, message: 'Pincode not serviceable', fields: [] };
const cfg301: Outcome = { kind: 'configuration_error', meta_status: 301, message: 'Auth failed', fields: [] };
const pay308: Outcome = { kind: 'payload_error', meta_status: 308, message: 'Invalid item format', fields: ['items'] };
const transient: Outcome = { kind: 'transient', meta_status: null, http_status: 500, error_code: 'ERR_CLICKPOST_HTTP', message: 'HTTP 500' };

function run(list: ShipmentEvent[], n = providers.length, cfg = config) {
  let [snap, actions] = initialTransition(shipmentMachine, { shipment_code: 'SHP-1', providers: providers.slice(0, n), config: cfg });
  const log: Act[][] = [actions as Act[]];
  for (const e of list) {
    [snap, actions] = transition(shipmentMachine, snap, e);
    log.push(actions as Act[]);
  }
  return { snap, last: log[log.length - 1]!, log };
}
const types = (acts: Act[]) => acts.map((a) => a.type);
const S: ShipmentEvent = { type: 'START' };
const create = (reference: string, outcome: Outcome): ShipmentEvent => ({ type: 'CREATE_RESULT', reference, outcome });
const pollDue = (reference: string): ShipmentEvent => ({ type: 'LABEL_POLL_DUE', reference });
const poll = (reference: string, n: number, outcome: Outcome): ShipmentEvent => ({ type: 'POLL_RESULT', reference, poll: n, outcome });

describe('shipment machine', () => {
  it('builds its initial state without input: transition() does on every event, and it must not fail there', () => {
    // xstate's transition() creates an inert actor of the machine, without input, per event.
    const snapshot = createActor(shipmentMachine as AnyStateMachine).getSnapshot();
    expect(snapshot.status).toBe('active');
    expect(snapshot.value).toBe('QUEUED');
  });

  it('starts QUEUED with a START timer due at once', () => {
    const { snap, last } = run([]);
    expect(snap.value).toBe('QUEUED');
    expect(last).toEqual([expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ id: 'start', delay: 0 }) })]);
  });

  it('START asks for create-order at P1 with the shipment code as reference', () => {
    const { snap, last } = run([S]);
    expect(snap.value).toEqual({ CREATING: 'calling' });
    expect(last).toEqual([expect.objectContaining({ type: 'requestCreateOrder', params: { reference: 'SHP-1', priority: 1 } })]);
  });

  it('a synchronous success books with parent AWB, children and label', () => {
    const { snap } = run([S, create('SHP-1', booked())]);
    expect(snap.value).toEqual({ BOOKED: 'active' });
    expect(snap.context.booking).toMatchObject({ priority: 1, parent_awb: 'AWB1', label_url: 'http://l/AWB1.pdf' });
    expect(snap.context.attempts[0]).toMatchObject({ outcome: 'BOOKED', meta_status: 200 });
  });

  it.each([
    ['immediate error', err319],
    ['configuration error', cfg301],
    ['payload error', pay308],
  ])('%s: fails over to the next provider at once with reference CODE-P2', (_name, outcome) => {
    const { snap, last } = run([S, create('SHP-1', outcome)]);
    expect(snap.value).toEqual({ CREATING: 'calling' });
    expect(last.filter((a) => a.type === 'requestCreateOrder').map((a) => a.params)).toEqual([{ reference: 'SHP-1-P2', priority: 2 }]);
    expect(snap.context.attempts[0]).toMatchObject({ outcome: 'ERROR', meta_status: outcome.meta_status });
  });

  it('P1 -> P2 -> P3 -> FAILED names every attempt and its reason', () => {
    const { snap } = run([S, create('SHP-1', err319), create('SHP-1-P2', cfg301), create('SHP-1-P3', pay308)]);
    expect(snap.value).toBe('FAILED');
    expect(snap.context.attempts.map((a) => a.reference_number)).toEqual(['SHP-1', 'SHP-1-P2', 'SHP-1-P3']);
    expect(snap.context.error?.attempts).toEqual([
      { priority: 1, meta_status: 319, message: 'Pincode not serviceable' },
      { priority: 2, meta_status: 301, message: 'Auth failed' },
      { priority: 3, meta_status: 308, message: 'Invalid item format (fields: items)' },
    ]);
  });

  it('transient failures after the transport retries count as an immediate error, and the unknown order is watched', () => {
    const { snap, last } = run([S, create('SHP-1', transient)]);
    expect(snap.value).toEqual({ CREATING: 'calling' });
    expect(snap.context.attempts[0]).toMatchObject({ outcome: 'ERROR', error_kind: 'transient', late: { state: 'WATCHING', checks: 0, awb: null } });
    expect(last).toContainEqual(expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ id: 'late:SHP-1', delay: config.late_check_interval_ms }) }));
  });

  it('an answer for an attempt already left behind changes nothing', () => {
    const { snap, last } = run([S, create('SHP-1', err319), create('SHP-1', booked())]);
    expect(snap.value).toEqual({ CREATING: 'calling' });
    expect(snap.context.booking).toBeNull();
    expect(last).toEqual([]);
  });

  it('async 202 -> LABEL_REQUESTED, first poll one interval later, label on the 3rd poll -> BOOKED', () => {
    const { snap: s1, last: a1 } = run([S, create('SHP-1', accepted)]);
    expect(s1.value).toBe('LABEL_REQUESTED');
    expect(a1).toEqual([expect.objectContaining({ type: 'xstate.raise', params: { event: pollDue('SHP-1'), id: 'labelPoll', delay: 120_000 } })]);
    const { snap, log } = run([S, create('SHP-1', accepted), pollDue('SHP-1'), poll('SHP-1', 1, pending), pollDue('SHP-1'), poll('SHP-1', 2, pending), pollDue('SHP-1'), poll('SHP-1', 3, booked())]);
    expect(snap.value).toEqual({ BOOKED: 'active' });
    expect(snap.context.attempts[0]!.polls).toBe(3);
    expect(log.flat().filter((a) => a.type === 'requestLabelPoll').map((a) => a.params.poll)).toEqual([1, 2, 3]);
  });

  it('6 polls without a label: LABEL_TIMEOUT, the next provider, and a late watch on the abandoned order', () => {
    const events: ShipmentEvent[] = [S, create('SHP-1', accepted)];
    for (let i = 1; i <= 6; i++) events.push(pollDue('SHP-1'), poll('SHP-1', i, pending));
    const { snap, log, last } = run(events);
    expect(snap.value).toEqual({ CREATING: 'calling' });
    expect(log.flat().filter((a) => a.type === 'requestLabelPoll')).toHaveLength(6);
    expect(snap.context.attempts[0]).toMatchObject({ outcome: 'LABEL_TIMEOUT', polls: 6, late: { state: 'WATCHING' } });
    expect(types(last)).toEqual(expect.arrayContaining(['xstate.cancel', 'requestCreateOrder']));
    // a 7th poll is never asked for, even if a stray timer fires
    const [, extra] = transition(shipmentMachine, snap, pollDue('SHP-1'));
    expect(types(extra as Act[])).not.toContain('requestLabelPoll');
  });

  it('a transient answer on a poll spends that poll but keeps waiting', () => {
    const { snap, last } = run([S, create('SHP-1', accepted), pollDue('SHP-1'), poll('SHP-1', 1, transient)]);
    expect(snap.value).toBe('LABEL_REQUESTED');
    expect(types(last)).toEqual(['xstate.raise']);
  });

  it('an error on a poll fails over to the next provider', () => {
    const { snap } = run([S, create('SHP-1', accepted), pollDue('SHP-1'), poll('SHP-1', 1, err319)]);
    expect(snap.value).toEqual({ CREATING: 'calling' });
    expect(snap.context.attempts.map((a) => a.outcome)).toEqual(['ERROR', 'IN_PROGRESS']);
  });

  it('the last provider timing out ends FAILED with LABEL_TIMEOUT as its reason (no retry rounds)', () => {
    const events: ShipmentEvent[] = [S, create('SHP-1', accepted)];
    for (let i = 1; i <= 6; i++) events.push(pollDue('SHP-1'), poll('SHP-1', i, pending));
    const { snap } = run(events, 1, { ...config, retry_rounds: 0 });
    expect(snap.value).toBe('FAILED');
    expect(snap.context.error?.attempts[0]?.message).toMatch(/No label after 6 polls/);
  });

  describe('what ClickPost leaves open is never forgotten (issue #8)', () => {
    const unknown: Outcome = { kind: 'unknown', meta_status: 777, message: 'Unexpected ClickPost meta.status 777' };

    it('an unknown code on create fails over and watches the reference for a late AWB', () => {
      const { snap } = run([S, create('SHP-1', unknown)]);
      expect(snap.value).toEqual({ CREATING: 'calling' });
      expect(snap.context.attempts[0]).toMatchObject({ outcome: 'ERROR', error_kind: 'unknown', meta_status: 777, late: { state: 'WATCHING' } });
    });

    it('an unknown code on a poll keeps polling; if the window ends so, the order is watched while failing over', () => {
      const { snap: after1 } = run([S, create('SHP-1', accepted), pollDue('SHP-1'), poll('SHP-1', 1, unknown)]);
      expect(after1.value).toBe('LABEL_REQUESTED');
      expect(after1.context.attempts[0]).toMatchObject({ polls: 1, meta_status: 777, late: null });
      const events: ShipmentEvent[] = [S, create('SHP-1', accepted)];
      for (let i = 1; i <= 6; i++) events.push(pollDue('SHP-1'), poll('SHP-1', i, unknown));
      const { snap } = run(events);
      expect(snap.value).toEqual({ CREATING: 'calling' });
      expect(snap.context.attempts[0]).toMatchObject({ outcome: 'LABEL_TIMEOUT', polls: 6, late: { state: 'WATCHING' } });
    });

    it('a label poll re-sends the create with the time of the first request, so the payload is identical', () => {
      const created: ShipmentEvent = { type: 'CREATE_RESULT', reference: 'SHP-1', outcome: accepted, requested_at: 1_764_000_000_000 };
      const { last } = run([S, created, pollDue('SHP-1')]);
      expect(last).toContainEqual(expect.objectContaining({
        type: 'requestLabelPoll', params: { reference: 'SHP-1', priority: 1, poll: 1, create_requested_at: 1_764_000_000_000 },
      }));
    });
  });

  describe('cancel accepted for later processing (202)', () => {
    const acceptedCancel: ShipmentEvent = { type: 'CANCEL_RESULT', awb: 'A9', outcome: { kind: 'cancel_accepted', meta_status: 202, message: 'will be mailed to the couriers' } };
    const confirmed: ShipmentEvent = { type: 'CANCEL_RESULT', awb: 'A9', outcome: { kind: 'cancelled', meta_status: 600, message: 'Order already cancelled' } };
    const cancelAccepted = () => {
      const { snap } = run([S, create('SHP-1', booked('A9')), { type: 'CANCEL' }]);
      return transition(shipmentMachine, snap, acceptedCancel);
    };

    it('is CANCELLED with cancel.state ACCEPTED, and a confirmation check is scheduled', () => {
      const [s, acts] = cancelAccepted();
      expect(statusOf(s.value)).toBe('CANCELLED');
      expect(s.context.cancel).toMatchObject({ state: 'ACCEPTED', message: 'will be mailed to the couriers', confirm_checks: 0 });
      expect(acts).toContainEqual(expect.objectContaining({
        type: 'xstate.raise', params: expect.objectContaining({ id: 'cancelConfirm', delay: DEFAULT_MACHINE_CONFIG.cancel_confirm_interval_ms }),
      }));
    });

    it('the re-sent cancel answering 600 confirms it: DONE, no more checks', () => {
      let [s, acts] = cancelAccepted();
      [s, acts] = transition(shipmentMachine, s, { type: 'CANCEL_CONFIRM_DUE' });
      expect(acts).toContainEqual(expect.objectContaining({ type: 'requestCancelOrder', params: expect.objectContaining({ awb: 'A9', priority: 1 }) }));
      [s, acts] = transition(shipmentMachine, s, confirmed);
      expect(s.context.cancel).toMatchObject({ state: 'DONE' });
      expect(types(acts as Act[])).toEqual(['xstate.cancel']);
      expect(statusOf(s.value)).toBe('CANCELLED');
    });

    it('a tracking scan saying cancelled confirms it too', () => {
      const [s0] = cancelAccepted();
      const [s, acts] = transition(shipmentMachine, s0, { type: 'CANCEL_CONFIRMED', awb: 'A9' });
      expect(s.context.cancel?.state).toBe('DONE');
      expect(acts).toContainEqual(expect.objectContaining({ type: 'xstate.cancel', params: { sendId: 'cancelConfirm' } }));
    });

    it('still only accepted after every check (24 h): marked unconfirmed for the failure report, no further checks', () => {
      let [s] = cancelAccepted();
      let acts: Act[] = [];
      for (let i = 0; i < DEFAULT_MACHINE_CONFIG.cancel_confirm_count; i++) {
        [s] = transition(shipmentMachine, s, { type: 'CANCEL_CONFIRM_DUE' });
        [s, acts] = transition(shipmentMachine, s, acceptedCancel) as [Snap, Act[]];
      }
      expect(s.context.cancel).toMatchObject({ state: 'ACCEPTED', unconfirmed: true, confirm_checks: DEFAULT_MACHINE_CONFIG.cancel_confirm_count });
      expect(types(acts)).not.toContain('xstate.raise');
      const [, stray] = transition(shipmentMachine, s, { type: 'CANCEL_CONFIRM_DUE' });
      expect(types(stray as Act[])).not.toContain('requestCancelOrder');
    });

    it('a snapshot saved before accepted cancels existed (no confirm config) still schedules its checks', () => {
      const { snap } = run([S, create('SHP-1', booked('A9')), { type: 'CANCEL' }]);
      const { cancel_confirm_interval_ms: _i, cancel_confirm_count: _c, ...oldConfig } = snap.context.config;
      const old = shipmentMachine.resolveState({ value: snap.value, context: { ...snap.context, config: oldConfig as typeof snap.context.config } });
      const [s, acts] = transition(shipmentMachine, old, acceptedCancel);
      expect(s.context.cancel?.state).toBe('ACCEPTED');
      expect(acts).toContainEqual(expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ delay: DEFAULT_MACHINE_CONFIG.cancel_confirm_interval_ms }) }));
    });
  });

  describe('retry rounds (issue #11)', () => {
    const at = (e: ShipmentEvent, ms: number): ShipmentEvent => ({ ...e, at: ms } as ShipmentEvent);
    const T = 1_764_000_000_000;
    const downEverywhere = (n = 2) => run([S, create('SHP-1', transient), at(create('SHP-1-P2', err319), T)], n);

    it('every provider failed and one failure may pass: RETRY_WAIT with round, next_at and reason; a timer for Retry After', () => {
      const { snap, last } = downEverywhere();
      expect(statusOf(snap.value)).toBe('RETRY_WAIT');
      expect(snap.context.retry).toEqual({ round: 2, next_at: T + config.retry_after_ms, reason: expect.stringContaining('P1: HTTP 500') });
      expect(snap.context.error).toBeNull();
      expect(last).toContainEqual(expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ id: 'retryRound', delay: config.retry_after_ms }) }));
    });

    it('every failure a refusal: FAILED at once, no round', () => {
      const { snap } = run([S, create('SHP-1', err319), create('SHP-1-P2', cfg301)], 2);
      expect(snap.value).toBe('FAILED');
      expect(snap.context.retry ?? null).toBeNull();
    });

    it('the round starts again at P1 with the same references; the old watch is handed to the round', () => {
      const { snap } = downEverywhere();
      const [s, acts] = transition(shipmentMachine, snap, { type: 'RETRY_DUE' });
      expect(s.value).toEqual({ CREATING: 'calling' });
      expect(s.context.round).toBe(2);
      // same reference; the round tags the outbox row so it is not taken for round 1's
      expect(acts).toContainEqual(expect.objectContaining({ type: 'requestCreateOrder', params: { reference: 'SHP-1', priority: 1, round: 2 } }));
      expect(s.context.attempts).toHaveLength(1);
      expect(s.context.past_rounds).toEqual([{ round: 1, attempts: [expect.objectContaining({ reference_number: 'SHP-1', late: expect.objectContaining({ state: 'ADOPTED' }) }), expect.objectContaining({ reference_number: 'SHP-1-P2' })] }]);
      // a late check of the old watch now does nothing: the round owns the reference
      const [, late] = transition(shipmentMachine, s, { type: 'LATE_CHECK_DUE', reference: 'SHP-1' });
      expect(types(late as Act[])).not.toContain('requestLateCheck');
      // ClickPost answers 323 for the order placed late: adopted, BOOKED
      const [booked323] = transition(shipmentMachine, s, create('SHP-1', { ...(booked('LATE1') as Extract<Outcome, { kind: 'booked' }>), meta_status: 323 }));
      expect(booked323.value).toEqual({ BOOKED: 'active' });
      expect(booked323.context.booking?.parent_awb).toBe('LATE1');
    });

    it('a round that books at P1 leaves the watch of P2 on: an order P2 placed late in round 1 is still found and cancelled', () => {
      // Round 1: P1 and P2 give no answer (both watched), P3 refuses; round 2 books at P1 and never re-sends P2's reference.
      const { snap } = run([S, create('SHP-1', transient), create('SHP-1-P2', transient), at(create('SHP-1-P3', err319), T)], 3);
      expect(statusOf(snap.value)).toBe('RETRY_WAIT');
      let [s] = transition(shipmentMachine, snap, { type: 'RETRY_DUE' });
      expect(s.context.past_rounds![0]!.attempts.map((a) => a.late?.state ?? null)).toEqual(['ADOPTED', 'WATCHING', null]);
      [s] = transition(shipmentMachine, s, create('SHP-1', booked('R2AWB')));
      expect(s.value).toEqual({ BOOKED: 'active' });
      let a: Act[];
      [s, a] = transition(shipmentMachine, s, { type: 'LATE_CHECK_DUE', reference: 'SHP-1-P2' }) as [Snap, Act[]];
      // Round 1's watch asks under round 1's keys (no round tag), so a later watch of the same reference never meets them.
      expect(a).toContainEqual(expect.objectContaining({ type: 'requestLateCheck', params: { reference: 'SHP-1-P2', priority: 2, check: 1 } }));
      [s, a] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1-P2', check: 1, outcome: booked('LATEP2') }) as [Snap, Act[]];
      expect(a).toContainEqual(expect.objectContaining({ type: 'requestLateCancel', params: { reference: 'SHP-1-P2', priority: 2, awb: 'LATEP2' } }));
      [s] = transition(shipmentMachine, s, { type: 'LATE_CANCEL_RESULT', reference: 'SHP-1-P2', awb: 'LATEP2', outcome: { kind: 'cancelled', meta_status: 200, message: null } });
      expect(s.context.past_rounds![0]!.attempts[1]!.late).toEqual({ state: 'CANCELLED', checks: 1, awb: 'LATEP2' });
      expect(s.context.booking?.parent_awb).toBe('R2AWB');
    });

    it('waiting for the next round, an order placed late by a watched attempt is the booking: adopted, not cancelled, and the round is called off', () => {
      let { snap: s } = downEverywhere();
      [s] = transition(shipmentMachine, s, { type: 'LATE_CHECK_DUE', reference: 'SHP-1' });
      const [booked1, acts] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1', check: 1, outcome: booked('LATE1') });
      expect(booked1.value).toEqual({ BOOKED: 'active' });
      expect(booked1.context.booking).toMatchObject({ priority: 1, parent_awb: 'LATE1' });
      expect(booked1.context.retry).toBeNull();
      expect(booked1.context.attempts[0]).toMatchObject({ outcome: 'BOOKED', parent_awb: 'LATE1', late: { state: 'ADOPTED', awb: 'LATE1' } });
      expect(types(acts as Act[])).not.toContain('requestLateCancel');
      expect(acts).toContainEqual(expect.objectContaining({ type: 'xstate.cancel', params: { sendId: 'retryRound' } }));
      // A stale check answer (an older check number) adopts nothing.
      const [stale] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1', check: 0, outcome: booked('LATE1') });
      expect(statusOf(stale.value)).toBe('RETRY_WAIT');
    });

    it("an earlier round's order found while the next round still runs is not cancelled: the round re-sends its reference and adopts it", () => {
      const { snap } = run([S, create('SHP-1', transient), create('SHP-1-P2', transient), at(create('SHP-1-P3', err319), T)], 3);
      let [s] = transition(shipmentMachine, snap, { type: 'RETRY_DUE' });
      let a: Act[];
      [s] = transition(shipmentMachine, s, { type: 'LATE_CHECK_DUE', reference: 'SHP-1-P2' });
      [s, a] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1-P2', check: 1, outcome: booked('LATEP2') }) as [Snap, Act[]];
      expect(types(a)).not.toContain('requestLateCancel');
      expect(a).toContainEqual(expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ id: 'late:SHP-1-P2' }) }));
      expect(s.context.past_rounds![0]!.attempts[1]!.late?.state).toBe('WATCHING');
      [s] = transition(shipmentMachine, s, create('SHP-1', err319)); // round 2's P1 refuses: P2 is re-sent
      expect(s.context.past_rounds![0]!.attempts[1]!.late?.state).toBe('ADOPTED');
      [s] = transition(shipmentMachine, s, create('SHP-1-P2', { ...(booked('LATEP2') as Extract<Outcome, { kind: 'booked' }>), meta_status: 323 }));
      expect(s.value).toEqual({ BOOKED: 'active' });
      expect(s.context.booking).toMatchObject({ priority: 2, parent_awb: 'LATEP2' });
    });

    it('a re-sent reference answered with the order cancelled as late in an earlier round is no booking: the round goes on to P2', () => {
      // P1 gave no answer and is watched; while P2's create is in flight the watch finds P1's
      // late order and cancels it; P2 refuses; the round after re-sends P1's reference.
      let { snap: s } = run([S, create('SHP-1', transient)], 2);
      [s] = transition(shipmentMachine, s, { type: 'LATE_CHECK_DUE', reference: 'SHP-1' });
      [s] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1', check: 1, outcome: booked('DEAD1') });
      [s] = transition(shipmentMachine, s, { type: 'LATE_CANCEL_RESULT', reference: 'SHP-1', awb: 'DEAD1', outcome: { kind: 'cancelled', meta_status: 200, message: null } });
      [s] = transition(shipmentMachine, s, at(create('SHP-1-P2', err319), T));
      expect(statusOf(s.value)).toBe('RETRY_WAIT');
      [s] = transition(shipmentMachine, s, { type: 'RETRY_DUE' });
      const [after, acts] = transition(shipmentMachine, s, create('SHP-1', { ...(booked('DEAD1') as Extract<Outcome, { kind: 'booked' }>), meta_status: 323 }));
      expect(after.context.booking).toBeNull();
      expect(after.context.attempts[0]).toMatchObject({ outcome: 'ERROR', message: expect.stringContaining('DEAD1') });
      expect(after.value).toEqual({ CREATING: 'calling' });
      expect(acts).toContainEqual(expect.objectContaining({ type: 'requestCreateOrder', params: { reference: 'SHP-1-P2', priority: 2, round: 2 } }));
    });

    it('the wait doubles each round and, after the last round, the shipment is FAILED', () => {
      let { snap } = downEverywhere();
      const delays: number[] = [];
      for (let round = 2; round <= 1 + config.retry_rounds; round++) {
        delays.push(snap.context.retry!.next_at - T);
        [snap] = transition(shipmentMachine, snap, { type: 'RETRY_DUE' });
        [snap] = transition(shipmentMachine, snap, create('SHP-1', transient));
        [snap] = transition(shipmentMachine, snap, at(create('SHP-1-P2', transient), T));
      }
      expect(delays).toEqual([15, 30, 60].map((m) => m * 60_000));
      expect(snap.value).toBe('FAILED');
      expect(snap.context.round).toBe(4);
      expect(snap.context.error?.attempts).toHaveLength(2);
    });

    it('RETRY (an operator) starts a round now from RETRY_WAIT or FAILED; the wait timer goes', () => {
      const { snap } = downEverywhere();
      const [now1, acts] = transition(shipmentMachine, snap, { type: 'RETRY' });
      expect(now1.value).toEqual({ CREATING: 'calling' });
      expect(acts).toContainEqual(expect.objectContaining({ type: 'xstate.cancel', params: { sendId: 'retryRound' } }));
      const { snap: failed } = run([S, create('SHP-1', err319)], 1);
      const [again] = transition(shipmentMachine, failed, { type: 'RETRY' });
      expect(again.value).toEqual({ CREATING: 'calling' });
      expect(again.context.error).toBeNull();
      expect(again.context.round).toBe(2);
    });

    it('CANCEL while waiting: CANCELLED, no round', () => {
      const { snap } = downEverywhere();
      const [s, acts] = transition(shipmentMachine, snap, { type: 'CANCEL' });
      expect(statusOf(s.value)).toBe('CANCELLED');
      expect(acts).toContainEqual(expect.objectContaining({ type: 'xstate.cancel', params: { sendId: 'retryRound' } }));
    });

    it('a skipped attempt (breaker open) is SKIPPED, fails over, and may pass later', () => {
      const skipped: Outcome = { kind: 'skipped', message: 'Account paused until 10:05 after 5 consecutive failures' };
      const { snap } = run([S, create('SHP-1', skipped), create('SHP-1-P2', err319)], 2);
      expect(snap.context.attempts[0]).toMatchObject({ outcome: 'SKIPPED', message: skipped.message, error_kind: 'skipped' });
      expect(statusOf(snap.value)).toBe('RETRY_WAIT');
    });

    it('retry_rounds 0 turns rounds off', () => {
      const { snap } = run([S, create('SHP-1', transient)], 1, { ...config, retry_rounds: 0 });
      expect(snap.value).toBe('FAILED');
    });
  });

  describe('cancel', () => {
    it('QUEUED -> CANCELLED and the START timer is cancelled', () => {
      const { snap, last } = run([{ type: 'CANCEL' }]);
      expect(statusOf(snap.value)).toBe('CANCELLED');
      expect(last).toContainEqual(expect.objectContaining({ type: 'xstate.cancel', params: { sendId: 'start' } }));
    });
    it('LABEL_REQUESTED -> CANCELLED: polling stops and the open order is watched', () => {
      const { snap, last } = run([S, create('SHP-1', accepted), { type: 'CANCEL' }]);
      expect(statusOf(snap.value)).toBe('CANCELLED');
      expect(types(last)).toEqual(expect.arrayContaining(['xstate.cancel', 'xstate.raise']));
      expect(snap.context.attempts[0]).toMatchObject({ outcome: 'CANCELLED', late: { state: 'WATCHING' } });
    });
    it('CREATING: settles on the answer; a booking is then cancelled at ClickPost', () => {
      const { snap, last } = run([S, { type: 'CANCEL' }, create('SHP-1', booked('A9'))]);
      expect(snap.value).toEqual({ BOOKED: 'cancelling' });
      expect(last).toContainEqual(expect.objectContaining({ type: 'requestCancelOrder', params: { awb: 'A9', priority: 1, try: 1 } }));
      const [done] = transition(shipmentMachine, snap, { type: 'CANCEL_RESULT', awb: 'A9', outcome: { kind: 'cancelled', meta_status: 600, message: null } });
      expect(statusOf(done.value)).toBe('CANCELLED');
    });
    it('CREATING: a cancel asked while the call is in flight is the sub-state cancelRequested, and a refusal then ends CANCELLED', () => {
      const { snap } = run([S, { type: 'CANCEL' }]);
      expect(snap.value).toEqual({ CREATING: 'cancelRequested' });
      expect(snap.context.cancel).toMatchObject({ state: 'REQUESTED' });
      const [refused] = transition(shipmentMachine, snap, create('SHP-1', err319));
      expect(refused.value).toEqual({ CANCELLED: 'done' });
      expect(refused.context.attempts).toHaveLength(1); // no failover to P2 once the host cancelled
      const [processing] = transition(shipmentMachine, snap, create('SHP-1', accepted));
      expect(processing.value).toEqual({ CANCELLED: 'done' });
      expect(processing.context.attempts[0]).toMatchObject({ outcome: 'CANCELLED', late: { state: 'WATCHING' } });
    });
    it('CREATING saved before the sub-states existed resumes in the right one', () => {
      const { snap } = run([S, { type: 'CANCEL' }]);
      const restored = restoreSnapshot({ value: 'CREATING', context: snap.context });
      expect(restored.value).toEqual({ CREATING: 'cancelRequested' });
      const plain = run([S]).snap;
      expect(restoreSnapshot({ value: 'CREATING', context: plain.context }).value).toEqual({ CREATING: 'calling' });
    });
    it('BOOKED: a transient cancel failure is retried later, a permanent one is surfaced', () => {
      const { snap } = run([S, create('SHP-1', booked('A9')), { type: 'CANCEL' }]);
      const fail = (transient: boolean): ShipmentEvent => ({ type: 'CANCEL_RESULT', awb: 'A9', outcome: { kind: 'cancel_failed', meta_status: 350, message: 'courier said no', transient } });
      const [retrying, acts] = transition(shipmentMachine, snap, fail(true));
      expect(retrying.value).toEqual({ BOOKED: 'waitingToRetryCancel' });
      expect(acts).toContainEqual(expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ id: 'cancelRetry' }) }));
      const [failed] = transition(shipmentMachine, snap, fail(false));
      expect(failed.value).toEqual({ BOOKED: 'cancelFailed' });
      expect(failed.context.cancel).toMatchObject({ state: 'FAILED', message: 'courier said no' });
      expect(statusOf(failed.value)).toBe('BOOKED');
    });
    it('FAILED ignores CANCEL', () => {
      const { snap } = run([S, create('SHP-1', err319)], 1);
      const [after, acts] = transition(shipmentMachine, snap, { type: 'CANCEL' });
      expect(after.value).toBe('FAILED');
      expect(acts).toEqual([]);
    });
  });

  describe('late AWB of an abandoned attempt', () => {
    const timedOut = (): Snap => {
      const events: ShipmentEvent[] = [S, create('SHP-1', accepted)];
      for (let i = 1; i <= 6; i++) events.push(pollDue('SHP-1'), poll('SHP-1', i, pending));
      events.push(create('SHP-1-P2', booked('P2AWB')));
      return run(events).snap;
    };
    it('a late AWB is cancelled at ClickPost and recorded, while the shipment stays booked at P2', () => {
      let [s, a] = transition(shipmentMachine, timedOut(), { type: 'LATE_CHECK_DUE', reference: 'SHP-1' });
      expect(a).toContainEqual(expect.objectContaining({ type: 'requestLateCheck', params: { reference: 'SHP-1', priority: 1, check: 1 } }));
      [s, a] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1', check: 1, outcome: booked('LATE1') });
      expect(a).toContainEqual(expect.objectContaining({ type: 'requestLateCancel', params: { reference: 'SHP-1', priority: 1, awb: 'LATE1' } }));
      [s] = transition(shipmentMachine, s, { type: 'LATE_CANCEL_RESULT', reference: 'SHP-1', awb: 'LATE1', outcome: { kind: 'cancelled', meta_status: 200, message: null } });
      expect(s.value).toEqual({ BOOKED: 'active' });
      expect(s.context.booking?.parent_awb).toBe('P2AWB');
      expect(s.context.attempts[0]!.late).toEqual({ state: 'CANCELLED', checks: 1, awb: 'LATE1' });
    });
    it('still processing: checks again until the budget is spent, then gives up', () => {
      let s = timedOut();
      let a: Act[] = [];
      for (let check = 1; check <= config.late_check_count; check++) {
        [s] = transition(shipmentMachine, s, { type: 'LATE_CHECK_DUE', reference: 'SHP-1' });
        [s, a] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1', check, outcome: pending }) as [Snap, Act[]];
      }
      expect(s.context.attempts[0]!.late).toMatchObject({ state: 'GAVE_UP', checks: config.late_check_count });
      expect(a).toEqual([]);
    });
    it('a failed order needs nothing cancelled', () => {
      let [s] = transition(shipmentMachine, timedOut(), { type: 'LATE_CHECK_DUE', reference: 'SHP-1' });
      [s] = transition(shipmentMachine, s, { type: 'LATE_CHECK_RESULT', reference: 'SHP-1', check: 1, outcome: err319 });
      expect(s.context.attempts[0]!.late?.state).toBe('NO_AWB');
    });
  });

  it('a restored snapshot (JSON round trip) keeps the poll budget', () => {
    const { snap } = run([S, create('SHP-1', accepted), pollDue('SHP-1'), poll('SHP-1', 1, pending), pollDue('SHP-1')]);
    const json = JSON.parse(JSON.stringify({ value: snap.value, context: snap.context }));
    const restored = shipmentMachine.resolveState(json);
    expect(restored.context.attempts[0]!.polls).toBe(2);
    const [next, acts] = transition(shipmentMachine, restored, poll('SHP-1', 2, pending));
    expect(next.value).toBe('LABEL_REQUESTED');
    expect(types(acts as Act[])).toEqual(['xstate.raise']);
  });
});
