/**
 * What the host receives at HOST_CALLBACK_URL: one JSON body per status change, signed in
 * the `x-connector-signature` header (see callbacks/signature.ts, verifyCallbackSignature).
 * Types only; callbacks/host-callbacks.ts builds the bodies.
 */
import type { CallbackEvent } from './callbacks/host-callbacks.js';
import type { TrackingEventView } from './tracking/types.js';
import type { ShipmentView } from './views/shipment-view.js';

interface CallbackEnvelope<E extends CallbackEvent, D> {
  /** The delivery id, the same on every retry: drop a body whose id you have seen. */
  id: string;
  event: E;
  /** When the change happened (ISO 8601 UTC), not when this delivery was sent. */
  created_at: string;
  data: D;
}

/** A shipment reached BOOKED, FAILED or CANCELLED: `data` is the shipment as GET answers it. */
export type ShipmentCallback = CallbackEnvelope<'shipment.booked' | 'shipment.failed' | 'shipment.cancelled', ShipmentView>;

/** A new latest tracking event of a booked shipment. */
export type TrackingCallback = CallbackEnvelope<'shipment.tracking', { shipment_code: string; awb: string; event: TrackingEventView }>;

export type HostCallback = ShipmentCallback | TrackingCallback;
