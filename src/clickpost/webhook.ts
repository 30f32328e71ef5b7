/**
 * ClickPost's tracking webhook body (004, "Tracking AWB Using Webhooks") -> TrackingEvent.
 * The webhook_key check is the HTTP layer's; this only reads the payload. Never throws.
 */
import { asObject } from './read.js';
import { readTrackingEvent, type TrackingEvent } from './tracking-event.js';

export type WebhookParse =
  | { ok: true; event: TrackingEvent }
  | { ok: false; fields: { path: string; message: string }[] };

/**
 * waybill, clickpost_status_code and a readable timestamp are required; the rest is kept
 * when present. Dedupe key: order_status_id (top level or in additional), else
 * waybill:code:timestamp (see tracking-event.ts).
 */
export function parseWebhookPayload(body: unknown): WebhookParse {
  const record = asObject(body);
  if (!record) return { ok: false, fields: [{ path: '(body)', message: 'must be a JSON object' }] };
  return readTrackingEvent(record, null, body);
}
