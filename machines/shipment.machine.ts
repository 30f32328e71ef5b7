/**
 * The life of one B2B shipment, as Unicommerce's ClickPost B2B page describes it:
 *
 *   QUEUED --START--> CREATING(P1) --sync success--> BOOKED
 *                        |  \--async 202--> LABEL_REQUESTED --label on a poll--> BOOKED
 *                        |                     |-- 6 polls, 2 min apart, no label: LABEL_TIMEOUT --\
 *                        |--immediate error--------------------------------------------------------+--> FAILING_OVER
 *
 *   FAILING_OVER (the one place an attempt ends without a booking):
 *     next provider left          -> CREATING(P2, P3)
 *     else a failure may pass     -> RETRY_WAIT --Retry After, doubled each round--> CREATING(P1) of a new round
 *     else                        -> FAILED   (RETRY by an operator starts a new round from FAILED too)
 *
 * Pure: no invoke, no promises. src/engine/step.ts steps it with transition() inside one
 * database transaction. I/O is requested through named request* actions, which become
 * rows of the effects outbox; delays are raised events with an id, which become rows of
 * the timers table. The poll count lives in context: a restart never resets the budget.
 *
 * Top-level state names are the contract's statuses. BOOKED has sub-states for a cancel
 * in flight. BOOKED, FAILED and CANCELLED are not `final`: an abandoned attempt may still
 * yield a late AWB that must be cancelled (root-level LATE_* handlers).
 */
import { z } from 'zod';
import { assign, cancel, enqueueActions, not, or, raise, setup } from 'xstate';
import type { ShipmentEvent } from './shipment-events.js';
import { REQUEST_ACTIONS } from './shipment-effects.js';
import { adoptWatch, cancelledLateAwbs, findWatch, lateTimerId, onLateCancelResult, onLateCheckDue, onLateCheckResult, startWatch } from './late-watch-rules.js';
import {
  type AttemptState,
  type Booking,
  type CancelState,
  type FailureReport,
  type MachineConfig,
  type PastRound,
  type ProviderRef,
  type RetryState,
  DEFAULT_MACHINE_CONFIG,
  bookingFrom,
  configOf,
  retryDelayMs,
  retryReason,
  roundMayHelp,
  describe,
  failureReport,
  hasNextProvider,
  indexOfReference,
  isFailure,
  isInconclusive,
  isStillProcessing,
  newAttempt,
  pollsLeft,
  updateAt,
} from './shipment-rules.js';

export interface ShipmentContext {
  shipment_code: string;
  providers: ProviderRef[];
  config: MachineConfig;
  /** One per provider tried, in priority order; the last one is the current one. */
  attempts: AttemptState[];
  booking: Booking | null;
  cancel: CancelState | null;
  error: FailureReport | null;
  /** The round of providers being tried: 1, then 2, 3, ... after RETRY_WAIT (absent = 1). */
  round?: number;
  /** While RETRY_WAIT: the next round and when it starts. */
  retry?: RetryState | null;
  /** Earlier rounds' attempts, oldest first. */
  past_rounds?: PastRound[];
}

export interface ShipmentMachineInput {
  shipment_code: string;
  providers: ProviderRef[];
  config: MachineConfig;
}

const current = (c: ShipmentContext): AttemptState => c.attempts[c.attempts.length - 1]!;

const roundOf = (c: ShipmentContext): number => c.round ?? 1;

/** A round is still trying its providers: nothing booked, not failed, not cancelled. */
const roundStillOpen = (c: ShipmentContext): boolean => c.booking === null && c.error === null && c.cancel === null;

/**
 * Requests about a reference carry the round after the first: a new round re-sends the same
 * references, and its outbox rows must not be taken for the earlier round's (idempotency keys).
 */
const roundTag = (c: ShipmentContext): { round?: number } => (roundOf(c) > 1 ? { round: roundOf(c) } : {});

/** The outcome carried by a result event. */
const outcomeOf = (e: ShipmentEvent) => ('outcome' in e && e.type !== 'CANCEL_RESULT' && e.type !== 'LATE_CANCEL_RESULT' ? e.outcome : null);

const shipmentSetup = setup({
  types: {
    context: {} as ShipmentContext,
    events: {} as ShipmentEvent,
    input: {} as ShipmentMachineInput,
  },
  delays: {
    labelPollInterval: ({ context }) => context.config.poll_interval_ms,
    cancelRetryInterval: ({ context }) => context.config.cancel_retry_ms,
    // Snapshots from before accepted cancels existed carry no such config: the default applies.
    cancelConfirmInterval: ({ context }) => context.config.cancel_confirm_interval_ms ?? DEFAULT_MACHINE_CONFIG.cancel_confirm_interval_ms,
    retryRoundDelay: ({ context }) => retryDelayMs(roundOf(context) + 1, configOf(context.config)),
  },
  guards: {
    isCurrentCreate: ({ context, event }) => event.type === 'CREATE_RESULT' && event.reference === current(context).reference_number,
    isCurrentPoll: ({ context, event }) =>
      event.type === 'POLL_RESULT' && event.reference === current(context).reference_number && event.poll === current(context).polls,
    isPollDueForCurrent: ({ context, event }) =>
      event.type === 'LABEL_POLL_DUE' && event.reference === current(context).reference_number && pollsLeft(current(context), context.config) > 0,
    answerIsBooked: ({ event }) => outcomeOf(event)?.kind === 'booked',
    lateAnswerBooksWatchedOrder: ({ context, event }) => {
      if (event.type !== 'LATE_CHECK_RESULT' || event.outcome.kind !== 'booked') return false;
      const watch = findWatch(context.attempts, context.past_rounds ?? [], event.reference)?.attempt.late;
      return watch?.state === 'WATCHING' && watch.checks === event.check;
    },
    answerIsCancelledLateOrder: ({ context, event }) => {
      const o = outcomeOf(event);
      return o?.kind === 'booked' && cancelledLateAwbs(context.past_rounds ?? [], current(context).reference_number).includes(o.parent_awb);
    },
    answerIsStillProcessing: ({ event }) => { const o = outcomeOf(event); return o !== null && isStillProcessing(o); },
    answerIsFailure: ({ event }) => { const o = outcomeOf(event); return o !== null && isFailure(o); },
    answerIsInconclusive: ({ event }) => { const o = outcomeOf(event); return o !== null && isInconclusive(o); },
    answerIsSkipped: ({ event }) => outcomeOf(event)?.kind === 'skipped',
    roundMayHelp: ({ context }) => roundMayHelp(context.attempts, roundOf(context), configOf(context.config)),
    hasNextProvider: ({ context }) => hasNextProvider(context.providers, context.attempts),
    hasPollsLeft: ({ context }) => pollsLeft(current(context), context.config) > 0,
    isBookedAwb: ({ context, event }) => event.type === 'CANCEL_RESULT' && event.awb === context.booking?.parent_awb,
    cancelConfirmed: ({ event }) => event.type === 'CANCEL_RESULT' && event.outcome.kind === 'cancelled',
    cancelAccepted: ({ event }) => event.type === 'CANCEL_RESULT' && event.outcome.kind === 'cancel_accepted',
    hasConfirmChecksLeft: ({ context }) =>
      (context.cancel?.confirm_checks ?? 0) < (context.config.cancel_confirm_count ?? DEFAULT_MACHINE_CONFIG.cancel_confirm_count),
    cancelMayBeRetried: ({ context, event }) =>
      event.type === 'CANCEL_RESULT' && event.outcome.kind === 'cancel_failed' && event.outcome.transient && (context.cancel?.tries ?? 0) < context.config.cancel_retry_count,
  },
  actions: {
    // Effects: the engine writes each to the outbox; executors do the I/O.
    ...REQUEST_ACTIONS,

    openNextAttempt: assign(({ context }) => {
      const next = newAttempt(context.shipment_code, context.providers, context.attempts.length);
      return { attempts: [...context.attempts, next], past_rounds: adoptWatch(context.past_rounds ?? [], next.reference_number) };
    }),
    recordAnswer: assign({
      attempts: ({ context, event }) => {
        const o = outcomeOf(event);
        if (!o) return context.attempts;
        const sentAt = event.type === 'CREATE_RESULT' && event.requested_at !== undefined ? { requested_at: event.requested_at } : {};
        return updateAt(context.attempts, context.attempts.length - 1, { ...describe(o), ...sentAt });
      },
    }),
    recordError: assign({
      attempts: ({ context }) => updateAt(context.attempts, context.attempts.length - 1, { outcome: 'ERROR' }),
    }),
    recordSkipped: assign({
      attempts: ({ context }) => updateAt(context.attempts, context.attempts.length - 1, { outcome: 'SKIPPED' }),
    }),
    // RETRY_WAIT: the time comes in with the event (the engine stamps `at`), so next_at is exact.
    scheduleRound: enqueueActions(({ context, event, enqueue }) => {
      const next = roundOf(context) + 1;
      const delay = retryDelayMs(next, configOf(context.config));
      enqueue.assign({ retry: { round: next, next_at: (event.at ?? 0) + delay, reason: retryReason(context.attempts) } });
      enqueue.raise({ type: 'RETRY_DUE' }, { delay, id: 'retryRound' });
    }),
    cancelRound: cancel('retryRound'),
    // A new round re-sends the same references (ClickPost dedupes them: an order placed late
    // answers 323 and is adopted). An old attempt's late watch goes on until the round re-sends
    // its reference (openNextAttempt, and here for P1): a round that books at P1 never
    // re-sends P3's reference, so P3's watch must still cancel a late P3 order.
    startRound: assign(({ context }) => {
      const first = newAttempt(context.shipment_code, context.providers, 0);
      const past = [...(context.past_rounds ?? []), { round: roundOf(context), attempts: context.attempts }];
      return { past_rounds: adoptWatch(past, first.reference_number), round: roundOf(context) + 1, retry: null, error: null, attempts: [first] };
    }),
    // RETRY_WAIT: the watched order booked late; it becomes the shipment's booking.
    adoptLateOrder: assign(({ context, event }) => {
      if (event.type !== 'LATE_CHECK_RESULT' || event.outcome.kind !== 'booked') return {};
      const o = event.outcome;
      const place = findWatch(context.attempts, context.past_rounds ?? [], event.reference)!;
      const adopted = { outcome: 'BOOKED' as const, parent_awb: o.parent_awb, label_url: o.label_url, late: { ...place.attempt.late!, state: 'ADOPTED' as const, awb: o.parent_awb } };
      const booking = bookingFrom(place.attempt.priority, o);
      if (place.pastRound === null) return { booking, retry: null, attempts: updateAt(context.attempts, place.index, adopted) };
      const past = context.past_rounds!;
      return { booking, retry: null, past_rounds: updateAt(past, place.pastRound, { attempts: updateAt(past[place.pastRound]!.attempts, place.index, adopted) }) };
    }),
    // The re-sent reference came back with an order this connector cancelled as late: no booking.
    recordCancelledOrder: assign({
      attempts: ({ context, event }) => {
        const o = outcomeOf(event);
        const awb = o?.kind === 'booked' ? o.parent_awb : '';
        return updateAt(context.attempts, context.attempts.length - 1, {
          outcome: 'ERROR',
          error_kind: null,
          message: `ClickPost answered with AWB ${awb}, the order of this reference that was cancelled as a late AWB in an earlier round`,
        });
      },
    }),
    recordBooked: assign(({ context, event }) => {
      const o = outcomeOf(event);
      if (o?.kind !== 'booked') return {};
      const a = current(context);
      return {
        booking: bookingFrom(a.priority, o),
        attempts: updateAt(context.attempts, context.attempts.length - 1, { outcome: 'BOOKED', parent_awb: o.parent_awb, label_url: o.label_url }),
      };
    }),
    countPoll: assign({
      attempts: ({ context }) => updateAt(context.attempts, context.attempts.length - 1, { polls: current(context).polls + 1 }),
    }),
    recordLabelTimeout: assign({
      attempts: ({ context }) =>
        updateAt(context.attempts, context.attempts.length - 1, {
          outcome: 'LABEL_TIMEOUT',
          message: `No label after ${current(context).polls} polls`,
        }),
    }),
    recordAttemptCancelled: assign({
      attempts: ({ context }) => updateAt(context.attempts, context.attempts.length - 1, { outcome: 'CANCELLED' }),
    }),
    recordFailure: assign({ error: ({ context }) => failureReport(context.attempts) }),
    markCancelRequested: assign({ cancel: ({ context }) => context.cancel ?? { state: 'REQUESTED', tries: 0, message: null } }),
    countCancelTry: assign({
      cancel: ({ context }) => ({ state: 'REQUESTED' as const, tries: (context.cancel?.tries ?? 0) + 1, message: context.cancel?.message ?? null }),
    }),
    markCancelDone: assign({ cancel: ({ context }) => ({ state: 'DONE' as const, tries: context.cancel?.tries ?? 0, message: null }) }),
    markCancelAccepted: assign({
      cancel: ({ context, event }) => ({
        state: 'ACCEPTED' as const,
        tries: context.cancel?.tries ?? 0,
        message: event.type === 'CANCEL_RESULT' ? event.outcome.message : null,
        confirm_checks: 0,
      }),
    }),
    countConfirmCheck: assign({
      cancel: ({ context }) => ({ ...context.cancel!, confirm_checks: (context.cancel?.confirm_checks ?? 0) + 1 }),
    }),
    markCancelUnconfirmed: assign({
      cancel: ({ context }) => ({
        ...context.cancel!,
        unconfirmed: true,
        message: `ClickPost accepted the cancel but did not confirm it in ${context.cancel?.confirm_checks ?? 0} checks`,
      }),
    }),
    scheduleCancelConfirm: raise({ type: 'CANCEL_CONFIRM_DUE' }, { delay: 'cancelConfirmInterval', id: 'cancelConfirm' }),
    cancelCancelConfirm: cancel('cancelConfirm'),
    markCancelFailed: assign({
      cancel: ({ context, event }) => ({
        state: 'FAILED' as const,
        tries: context.cancel?.tries ?? 0,
        message: event.type === 'CANCEL_RESULT' && event.outcome.kind === 'cancel_failed' ? event.outcome.message : null,
      }),
    }),
    scheduleStart: raise({ type: 'START' }, { delay: 0, id: 'start' }),
    cancelStart: cancel('start'),
    scheduleLabelPoll: raise(({ context }) => ({ type: 'LABEL_POLL_DUE' as const, reference: current(context).reference_number }), {
      delay: 'labelPollInterval',
      id: 'labelPoll',
    }),
    cancelLabelPoll: cancel('labelPoll'),
    scheduleCancelRetry: raise({ type: 'CANCEL_RETRY_DUE' }, { delay: 'cancelRetryInterval', id: 'cancelRetry' }),
    // The current attempt is abandoned while its outcome is open (async still processing,
    // or no answer at all): keep checking it at a low rate so a late AWB gets cancelled.
    startLateWatch: enqueueActions(({ context, enqueue }) => {
      const a = current(context);
      enqueue.assign({ attempts: updateAt(context.attempts, context.attempts.length - 1, { late: startWatch() }) });
      enqueue.raise({ type: 'LATE_CHECK_DUE', reference: a.reference_number }, { delay: context.config.late_check_interval_ms, id: lateTimerId(a.reference_number) });
    }),
  },
});

// A second step so that this enqueue knows the request actions above by name and params.
export const shipmentMachine = shipmentSetup
  .extend({
    actions: {
      // LATE_CHECK_DUE / LATE_CHECK_RESULT / LATE_CANCEL_RESULT: the rules decide (late-watch-rules.ts), this applies.
      applyLateWatch: shipmentSetup.enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'LATE_CHECK_DUE' && event.type !== 'LATE_CHECK_RESULT' && event.type !== 'LATE_CANCEL_RESULT') return;
        const place = findWatch(context.attempts, context.past_rounds ?? [], event.reference);
        const a = place?.attempt;
        const step =
          event.type === 'LATE_CHECK_DUE' ? onLateCheckDue(a)
          : event.type === 'LATE_CHECK_RESULT' ? onLateCheckResult(a, event.check, event.outcome, context.config, place?.pastRound !== null && roundStillOpen(context))
          : onLateCancelResult(a, event.outcome, context.config);
        if (!place || !a || !step) return;
        // Requests carry the round the watched attempt belongs to, so their outbox keys never meet a later round's watch of the same reference.
        const watchRound = place.pastRound === null ? roundOf(context) : context.past_rounds![place.pastRound]!.round;
        const ref = { reference: a.reference_number, priority: a.priority, ...(watchRound > 1 ? { round: watchRound } : {}) };
        if (place.pastRound === null) enqueue.assign({ attempts: updateAt(context.attempts, place.index, { late: step.late }) });
        else {
          const pastRound = place.pastRound;
          enqueue.assign({
            past_rounds: updateAt(context.past_rounds!, pastRound, { attempts: updateAt(context.past_rounds![pastRound]!.attempts, place.index, { late: step.late }) }),
          });
        }
        if (step.check) enqueue({ type: 'requestLateCheck', params: { ...ref, check: step.late.checks } });
        if (step.cancelAwb) enqueue({ type: 'requestLateCancel', params: { ...ref, awb: step.cancelAwb } });
        if (step.recheck) enqueue.raise({ type: 'LATE_CHECK_DUE', reference: a.reference_number }, { delay: context.config.late_check_interval_ms, id: lateTimerId(a.reference_number) });
      }),
    },
  })
  .createMachine({
  id: 'shipment',
  initial: 'QUEUED',
  // transition() builds an inert actor, and so this initial context, on every event, with
  // no input: without the guard each step threw (and caught) a TypeError, stack and all.
  context: ({ input }) => ({
    shipment_code: input?.shipment_code ?? '',
    providers: input?.providers ?? [],
    config: input?.config ?? DEFAULT_MACHINE_CONFIG,
    attempts: [],
    booking: null,
    cancel: null,
    error: null,
  }),
  on: {
    LATE_CHECK_DUE: { actions: 'applyLateWatch' },
    LATE_CHECK_RESULT: { actions: 'applyLateWatch' },
    LATE_CANCEL_RESULT: { actions: 'applyLateWatch' },
  },
  states: {
    QUEUED: {
      entry: 'scheduleStart',
      on: {
        START: { target: 'CREATING', actions: 'openNextAttempt' },
        CANCEL: { target: 'CANCELLED', actions: ['cancelStart', 'markCancelRequested', 'markCancelDone'] },
      },
    },
    // One create-order call in flight. A cancel asked meanwhile cannot stop the call, so it
    // is remembered as a sub-state and settled by the answer.
    CREATING: {
      entry: {
        type: 'requestCreateOrder',
        params: ({ context }) => ({ reference: current(context).reference_number, priority: current(context).priority, ...roundTag(context) }),
      },
      initial: 'calling',
      states: {
        calling: {
          on: {
            CREATE_RESULT: [
              { guard: not('isCurrentCreate') }, // an answer for an attempt already left behind
              { guard: 'answerIsCancelledLateOrder', target: '#shipment.FAILING_OVER', actions: ['recordAnswer', 'recordCancelledOrder'] },
              { guard: 'answerIsBooked', target: '#shipment.BOOKED', actions: ['recordAnswer', 'recordBooked'] },
              { guard: 'answerIsStillProcessing', target: '#shipment.LABEL_REQUESTED', actions: 'recordAnswer' },
              // No answer after every retry: the order may exist, so watch it while failing over.
              { guard: 'answerIsInconclusive', target: '#shipment.FAILING_OVER', actions: ['recordAnswer', 'recordError', 'startLateWatch'] },
              { guard: 'answerIsSkipped', target: '#shipment.FAILING_OVER', actions: ['recordAnswer', 'recordSkipped'] },
              { target: '#shipment.FAILING_OVER', actions: ['recordAnswer', 'recordError'] },
            ],
            CANCEL: { target: 'cancelRequested', actions: 'markCancelRequested' },
          },
        },
        cancelRequested: {
          on: {
            CREATE_RESULT: [
              { guard: not('isCurrentCreate') },
              { guard: 'answerIsCancelledLateOrder', target: '#shipment.CANCELLED', actions: ['recordAnswer', 'recordCancelledOrder', 'markCancelDone'] },
              // Booked after all: cancel it at ClickPost.
              { guard: 'answerIsBooked', target: '#shipment.BOOKED.cancelling', actions: ['recordAnswer', 'recordBooked'] },
              // An order may exist (processing, or no answer): abandon it and watch for a late AWB to cancel.
              { guard: or(['answerIsStillProcessing', 'answerIsInconclusive']), target: '#shipment.CANCELLED', actions: ['recordAnswer', 'recordAttemptCancelled', 'startLateWatch', 'markCancelDone'] },
              { target: '#shipment.CANCELLED', actions: ['recordAnswer', 'recordError', 'markCancelDone'] },
            ],
          },
        },
      },
    },
    LABEL_REQUESTED: {
      entry: 'scheduleLabelPoll',
      exit: 'cancelLabelPoll',
      on: {
        LABEL_POLL_DUE: {
          guard: 'isPollDueForCurrent',
          actions: [
            'countPoll',
            {
              type: 'requestLabelPoll',
              params: ({ context }) => ({
                reference: current(context).reference_number,
                priority: current(context).priority,
                poll: current(context).polls,
                create_requested_at: current(context).requested_at,
                ...roundTag(context),
              }),
            },
          ],
        },
        POLL_RESULT: [
          { guard: not('isCurrentPoll') },
          { guard: 'answerIsBooked', target: 'BOOKED', actions: ['recordAnswer', 'recordBooked'] },
          { guard: 'answerIsFailure', target: 'FAILING_OVER', actions: ['recordAnswer', 'recordError'] },
          // 102, or nothing readable this round: the poll is spent; wait for the next one.
          { guard: 'hasPollsLeft', actions: ['recordAnswer', 'scheduleLabelPoll'] },
          { target: 'FAILING_OVER', actions: ['recordAnswer', 'recordLabelTimeout', 'startLateWatch'] },
        ],
        CANCEL: { target: 'CANCELLED', actions: ['markCancelRequested', 'recordAttemptCancelled', 'startLateWatch', 'markCancelDone'] },
      },
    },
    BOOKED: {
      initial: 'active',
      states: {
        active: {
          on: { CANCEL: { target: 'cancelling', actions: 'markCancelRequested' } },
        },
        cancelling: {
          entry: [
            'countCancelTry',
            {
              type: 'requestCancelOrder',
              params: ({ context }) => ({ awb: context.booking!.parent_awb, priority: context.booking!.priority, try: context.cancel!.tries }),
            },
          ],
          on: {
            CANCEL_RESULT: [
              { guard: not('isBookedAwb') },
              { guard: 'cancelConfirmed', target: '#shipment.CANCELLED', actions: 'markCancelDone' },
              { guard: 'cancelAccepted', target: '#shipment.CANCELLED.awaitingConfirmation', actions: 'markCancelAccepted' },
              { guard: 'cancelMayBeRetried', target: 'waitingToRetryCancel' },
              { target: 'cancelFailed', actions: 'markCancelFailed' },
            ],
          },
        },
        waitingToRetryCancel: {
          entry: 'scheduleCancelRetry',
          on: { CANCEL_RETRY_DUE: 'cancelling' },
        },
        cancelFailed: {
          on: { CANCEL: { target: 'cancelling', actions: assign({ cancel: () => ({ state: 'REQUESTED' as const, tries: 0, message: null }) }) } },
        },
      },
    },
    // Transient: every "this attempt is over without a booking" passes through here.
    FAILING_OVER: {
      always: [
        { guard: 'hasNextProvider', target: 'CREATING', actions: 'openNextAttempt' },
        { guard: 'roundMayHelp', target: 'RETRY_WAIT', actions: 'scheduleRound' },
        { target: 'FAILED', actions: 'recordFailure' },
      ],
    },
    RETRY_WAIT: {
      exit: 'cancelRound',
      on: {
        RETRY_DUE: { target: 'CREATING', actions: 'startRound' },
        RETRY: { target: 'CREATING', actions: 'startRound' },
        CANCEL: { target: 'CANCELLED', actions: ['markCancelRequested', 'markCancelDone'] },
        // Nothing is in flight while waiting: an order an earlier attempt placed late is the
        // booking (cancelling it and re-sending its reference would meet the cancelled order).
        LATE_CHECK_RESULT: [{ guard: 'lateAnswerBooksWatchedOrder', target: 'BOOKED', actions: 'adoptLateOrder' }, { actions: 'applyLateWatch' }],
      },
    },
    FAILED: {
      on: { RETRY: { target: 'CREATING', actions: 'startRound' } },
    },
    CANCELLED: {
      initial: 'done',
      states: {
        done: {},
        // ClickPost accepted the cancel for later (202): re-send it until it says cancelled
        // (600), or a tracking scan says so; after the last check it is reported.
        awaitingConfirmation: {
          entry: 'scheduleCancelConfirm',
          exit: 'cancelCancelConfirm',
          on: {
            CANCEL_CONFIRM_DUE: {
              actions: [
                'countConfirmCheck',
                {
                  type: 'requestCancelOrder',
                  params: ({ context }) => ({ awb: context.booking!.parent_awb, priority: context.booking!.priority, try: context.cancel!.tries }),
                },
              ],
            },
            CANCEL_RESULT: [
              { guard: not('isBookedAwb') },
              { guard: 'cancelConfirmed', target: 'done', actions: 'markCancelDone' },
              { guard: 'hasConfirmChecksLeft', target: 'awaitingConfirmation', reenter: true },
              { target: 'unconfirmed', actions: 'markCancelUnconfirmed' },
            ],
            CANCEL_CONFIRMED: { target: 'done', actions: 'markCancelDone' },
          },
        },
        unconfirmed: {
          on: { CANCEL_CONFIRMED: { target: 'done', actions: 'markCancelDone' } },
        },
      },
    },
  },
});

export type ShipmentMachine = typeof shipmentMachine;

/** The contract's statuses: the machine's top-level states (FAILING_OVER is never at rest). */
export const SHIPMENT_STATUSES = Object.freeze(['QUEUED', 'CREATING', 'LABEL_REQUESTED', 'BOOKED', 'RETRY_WAIT', 'FAILED', 'CANCELLED'] as const);

export const ShipmentStatusSchema = z.enum(SHIPMENT_STATUSES);
export type ShipmentStatus = z.infer<typeof ShipmentStatusSchema>;

/** The contract status of a snapshot value: the top-level state. */
export function statusOf(value: unknown): ShipmentStatus {
  return (typeof value === 'string' ? value : Object.keys(value as object)[0]) as ShipmentStatus;
}
