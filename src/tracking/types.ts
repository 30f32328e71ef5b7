/**
 * What the tracking face answers (contract: "GET .../tracking", "Webhook") and the hook
 * the host-callback outbox plugs into.
 */
import type { Tx } from '../store/db.js';

// The answer's shapes have one home, src/views/tracking-view.ts.
import type { TrackingEventView } from '../views/tracking-view.js';
export type { TrackingEventView, TrackingView } from '../views/tracking-view.js';

export interface WebhookResult {
  stored: boolean;
  duplicate: boolean;
  stale: boolean;
  /** Null when the AWB belongs to no shipment (the event is kept all the same). */
  shipment_code: string | null;
}

export interface LatestChange {
  shipment_id: number;
  shipment_code: string;
  /** The AWB the event came for: the parent or a box's child AWB. */
  awb: string;
  event: TrackingEventView;
}

export interface TrackingHooks {
  /** Called INSIDE the write transaction when a stored event became the shipment's latest (host callbacks enqueue here). */
  onLatestChanged?: (trx: Tx, change: LatestChange, now: number) => Promise<void>;
}

export interface PollSummary {
  /** Open shipments found (booked, not in a terminal bucket). */
  shipments: number;
  /** track-order calls made. */
  calls: number;
  /** Events newly stored. */
  stored: number;
  /** Failed batches (and shipments whose courier could not be told). */
  errors: number;
}

export type TrackingSource = 'webhook' | 'poll';
