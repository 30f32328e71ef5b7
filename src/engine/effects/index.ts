/**
 * THE outbox: one entry per request action of the machine (machines/shipment-effects.ts),
 * giving its effect kind, its idempotency key and its executor (one file per effect). The
 * type demands an entry for every request and types each key and executor by the request's
 * params, so a new effect is one entry here that the compiler checks end to end.
 */
import type { EffectParams, RequestAction } from '../../../machines/shipment-effects.js';
import type { EffectRow } from '../../store/rows.js';
import type { EffectContext, EffectExecutor, OutboxRow } from './types.js';
import { runCreateOrder } from './create-order.js';
import { runLabelPoll } from './label-poll.js';
import { runCancelOrder } from './cancel-order.js';
import { runLateCancel, runLateCheck } from './late-check.js';

export interface OutboxEntry<A extends RequestAction> {
  kind: string;
  /**
   * Readable and unique: the same request made twice (a replayed step) inserts once. `version`
   * is the shipment's version when the step asked, for requests that may be made again later.
   */
  key(params: EffectParams[A], at: { shipmentId: number; version: number }): string;
  run: EffectExecutor<A>;
}

// Rounds after the first re-send the same references, so their keys carry the round.
const round = (p: { round?: number }): string => (typeof p.round === 'number' ? `:r${p.round}` : '');

export const OUTBOX: { readonly [A in RequestAction]: OutboxEntry<A> } = Object.freeze({
  requestCreateOrder: { kind: 'create_order', key: (p) => `create_order:${p.reference}${round(p)}`, run: runCreateOrder },
  requestLabelPoll: { kind: 'label_poll', key: (p) => `label_poll:${p.reference}:${p.poll}${round(p)}`, run: runLabelPoll },
  requestCancelOrder: { kind: 'cancel_order', key: (_p, at) => `cancel_order:${at.shipmentId}:v${at.version}`, run: runCancelOrder },
  requestLateCheck: { kind: 'late_check', key: (p) => `late_check:${p.reference}:${p.check}${round(p)}`, run: runLateCheck },
  requestLateCancel: { kind: 'late_cancel', key: (p, at) => `late_cancel:${p.reference}:${p.awb}:v${at.version}`, run: runLateCancel },
});

/** Runs a claimed row of any shipment effect (the worker's view: kind -> run). */
export type ShipmentEffect = (ctx: Omit<EffectContext, 'effect'> & { effect: EffectRow }) => ReturnType<EffectExecutor<RequestAction>>;

// The one place an outbox row's JSON becomes its request's payload: the row was written
// from the same request's params by applyActions.
function runnerOf<A extends RequestAction>(entry: OutboxEntry<A>): ShipmentEffect {
  return (ctx) => entry.run({ ...ctx, effect: ctx.effect as OutboxRow<A> });
}

/** Effect kind -> executor, derived from OUTBOX. */
export const SHIPMENT_EFFECTS: Readonly<Record<string, ShipmentEffect>> = Object.freeze(
  Object.fromEntries((Object.keys(OUTBOX) as RequestAction[]).map(<A extends RequestAction>(a: A) => [OUTBOX[a].kind, runnerOf(OUTBOX[a])])),
);

export type { EffectExecutor, EffectContext, OutboxRow } from './types.js';
