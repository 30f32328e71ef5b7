/**
 * What the tracking face answers (contract: "GET .../tracking", "Webhook") and the hook
 * the host-callback outbox plugs into.
 */
import type { Tx } from '../store/db.js';

/** One event as the host sees it. */
export interface TrackingEventView {
  status_code: number | null;
  status_description: string | null;
  bucket: number | null;
  status: string | null;
  location: string | null;
  remark: string | null;
  /** The event's own time, ISO 8601 UTC. */
  timestamp: string;
  /** The event was more than a day old when it reached us (001: do not notify on it). */
  stale: boolean;
  /** ClickPost's NDR reason on a failed delivery (code, and the 004 table's description), else null. */
  ndr: { code: number; description: string | null } | null;
}

export interface TrackingView {
  shipment_code: string;
  /** The parent AWB; null while not booked. */
  awb: string | null;
  /** The event with the newest timestamp, whatever order they arrived in. */
  latest: TrackingEventView | null;
  /** Oldest first by the event's own time, then arrival. */
  events: TrackingEventView[];
}

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
