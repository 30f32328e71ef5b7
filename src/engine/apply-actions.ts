/**
 * The machine's executable actions -> rows. A delayed raise becomes a timer row (due =
 * now + delay, replacing any timer with the same id), a cancel deletes the timer, and a
 * request* action becomes an effects outbox row (its kind and idempotency key from the
 * OUTBOX entry of its name). Everything else (assign) is already in the snapshot.
 */
import type { Tx } from '../store/db.js';
import { deleteTimer, upsertTimer } from '../store/timers-repo.js';
import { insertEffect } from '../store/effects-repo.js';
import { OUTBOX, type OutboxEntry } from './effects/index.js';
import type { EffectParams, RequestAction } from '../../machines/shipment-effects.js';

interface ExecutableAction {
  type: string;
  params?: unknown;
}

/** A request* action of the machine (its params typed by machines/shipment-effects.ts). */
function isRequest(action: ExecutableAction): action is { type: RequestAction; params: EffectParams[RequestAction] } {
  return Object.hasOwn(OUTBOX, action.type);
}

/** The outbox row of request A: its kind and key from OUTBOX, its payload the params and the time. */
function outboxRow<A extends RequestAction>(type: A, params: EffectParams[A], at: { shipmentId: number; version: number; now: number }) {
  const entry: OutboxEntry<A> = OUTBOX[type];
  return {
    shipment_id: at.shipmentId,
    kind: entry.kind,
    payload: { ...params, requested_at: at.now },
    idempotency_key: entry.key(params, at),
    run_at: at.now,
    now: at.now,
  };
}

export async function applyActions(
  trx: Tx,
  shipmentId: number,
  version: number,
  actions: ReadonlyArray<ExecutableAction>,
  now: number,
): Promise<void> {
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, unknown>;
    if (action.type === 'xstate.raise' && typeof params.delay === 'number') {
      const event = params.event as { type: string };
      const key = typeof params.id === 'string' ? params.id : event.type;
      await upsertTimer(trx, { shipment_id: shipmentId, timer_key: key, event, due_at: now + params.delay });
    } else if (action.type === 'xstate.cancel' && typeof params.sendId === 'string') {
      await deleteTimer(trx, { shipment_id: shipmentId, timer_key: params.sendId });
    } else if (isRequest(action)) {
      await insertEffect(trx, outboxRow(action.type, action.params, { shipmentId, version, now }));
    }
  }
}
