/**
 * Glue between the engine's status-change hook and host callbacks: a change into
 * BOOKED, RETRY_WAIT, FAILED or CANCELLED queues one callback carrying the shipment as the host reads
 * it, in the step's own transaction (the step has already saved its rows).
 */
import type { StatusChange } from '../engine/deps.js';
import type { Tx } from '../store/db.js';
import { listAttempts } from '../store/attempts-repo.js';
import { listBoxes } from '../store/boxes-repo.js';
import { findShipmentById } from '../store/shipments-repo.js';
import { shipmentView } from '../views/shipment-view.js';
import type { CallbackEvent, HostCallbacks } from './host-callbacks.js';
import type { LatestChange } from '../tracking/types.js';

const EVENT_OF_STATUS: Readonly<Record<string, CallbackEvent>> = Object.freeze({
  BOOKED: 'shipment.booked',
  RETRY_WAIT: 'shipment.retry_wait',
  FAILED: 'shipment.failed',
  CANCELLED: 'shipment.cancelled',
});

/** The callback a move into `status` sends, or null (intermediate statuses send none). */
export function callbackEventFor(status: string): CallbackEvent | null {
  return EVENT_OF_STATUS[status] ?? null;
}

/**
 * Idempotency key (and delivery id) of a callback. BOOKED and CANCELLED are reached once per
 * shipment, so code + event is unique; RETRY_WAIT and FAILED once per round (the round is
 * the suffix after the first); tracking passes the event's dedupe key as `suffix`.
 */
export function callbackKey(shipmentCode: string, event: CallbackEvent, suffix?: string): string {
  return suffix === undefined ? `cb:${shipmentCode}:${event}` : `cb:${shipmentCode}:${event}:${suffix}`;
}

/** An `EngineDeps.onStatusChange` that queues the host callback for terminal statuses. */
export function statusChangeCallbacks(callbacks: HostCallbacks) {
  return async (trx: Tx, change: StatusChange, now: number): Promise<void> => {
    const event = callbackEventFor(change.to);
    if (!event) return;
    const row = await findShipmentById(trx, change.shipment_id);
    if (!row) return;
    const data = shipmentView(row, await listBoxes(trx, row.id), await listAttempts(trx, row.id));
    const perRound = (event === 'shipment.retry_wait' || event === 'shipment.failed') && change.round > 1 ? `r${change.round}` : undefined;
    await callbacks.enqueue(trx, { shipment_id: row.id, event, data, idempotency_key: callbackKey(row.shipment_code, event, perRound) }, now);
  };
}

/** A tracking `onLatestChanged` hook that queues the host callback for the new latest event. */
export function trackingChangeCallbacks(callbacks: HostCallbacks) {
  return async (trx: Tx, change: LatestChange, now: number): Promise<void> =>
    callbacks.enqueue(
      trx,
      {
        shipment_id: change.shipment_id,
        event: 'shipment.tracking',
        data: { shipment_code: change.shipment_code, awb: change.awb, event: change.event },
        idempotency_key: callbackKey(change.shipment_code, 'shipment.tracking', `${change.awb}:${change.event.status_code}:${change.event.timestamp}`),
      },
      now,
    );
}
