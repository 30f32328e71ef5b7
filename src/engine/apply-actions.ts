/**
 * The machine's executable actions -> rows. A delayed raise becomes a timer row (due =
 * now + delay, replacing any timer with the same id), a cancel deletes the timer, and a
 * request* action becomes an effects outbox row. Everything else (assign) is already in
 * the snapshot.
 */
import type { Tx } from '../store/db.js';
import { deleteTimer, upsertTimer } from '../store/timers-repo.js';
import { insertEffect } from '../store/effects-repo.js';

/** The machine's request* actions (named in its setup()) -> effect kinds of the outbox. */
export const EFFECT_KIND: Readonly<Record<string, string>> = Object.freeze({
  requestCreateOrder: 'create_order',
  requestLabelPoll: 'label_poll',
  requestCancelOrder: 'cancel_order',
  requestLateCheck: 'late_check',
  requestLateCancel: 'late_cancel',
});

interface ExecutableAction {
  type: string;
  params?: unknown;
}

/**
 * Readable and unique: the same request made twice (a replayed step) inserts once. Rounds
 * after the first re-send the same references, so their keys carry the round.
 */
function idempotencyKey(kind: string, shipmentId: number, version: number, p: Record<string, unknown>): string {
  const round = typeof p.round === 'number' ? `:r${p.round}` : '';
  switch (kind) {
    case 'create_order':
      return `create_order:${String(p.reference)}${round}`;
    case 'label_poll':
      return `label_poll:${String(p.reference)}:${String(p.poll)}${round}`;
    case 'late_check':
      return `late_check:${String(p.reference)}:${String(p.check)}${round}`;
    case 'late_cancel':
      return `late_cancel:${String(p.reference)}:${String(p.awb)}:v${version}`;
    default:
      return `${kind}:${shipmentId}:v${version}`;
  }
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
    } else if (Object.hasOwn(EFFECT_KIND, action.type)) {
      const kind = EFFECT_KIND[action.type]!;
      await insertEffect(trx, {
        shipment_id: shipmentId,
        kind,
        payload: { ...params, requested_at: now },
        idempotency_key: idempotencyKey(kind, shipmentId, version, params),
        run_at: now,
        now,
      });
    }
  }
}
