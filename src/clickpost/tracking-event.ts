/**
 * One tracking event, whether it came by webhook or by the track-order poll, and the
 * timestamp and dedupe rules both share (004 tracking doc; contract "Webhook").
 */
import { asInt, asObject, asText, type JsonObject } from './read.js';
import { FAILED_DELIVERY_BUCKET, IST_OFFSET_MS, bucketForStatusCode, knownBucket, ndrFor, type Ndr } from './units.js';

export interface TrackingEvent {
  awb: string;
  status_code: number;
  status_description: string | null;
  /** clickpost_status_bucket when sent, else derived from the code; null when unknown. */
  bucket: number | null;
  status: string | null;
  location: string | null;
  remark: string | null;
  /** The event's own time, epoch ms. */
  timestamp_ms: number;
  /** The timestamp exactly as ClickPost sent it. */
  timestamp: string;
  order_status_id: string | null;
  /** ClickPost's NDR reason on a failed delivery (bucket 5), else null. */
  ndr: Ndr | null;
  /** `additional.notification_event_id` of a "selected events" webhook, when sent. */
  notification_event_id: number | null;
  dedupe_key: string;
  raw: unknown;
}

// 2018-07-07 19:34:46 | 2017-08-02T13:23:02Z | 2016-07-12T17:12:36.710 | 2018-08-06T14:48:57.002000Z | ...+05:30
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function zoneOffsetMs(zone: string | undefined): number {
  // No zone: ClickPost sends India time ("timestamp: date/time in IST format").
  if (zone === undefined) return IST_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** A ClickPost timestamp -> epoch ms; no zone means India time. Null when unreadable. */
export function parseClickPostTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Reject 2018-02-30 and 25:00: Date.UTC would roll them over silently.
  const check = new Date(local);
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)
    || check.getUTCHours() !== Number(h) || check.getUTCMinutes() !== Number(mi) || check.getUTCSeconds() !== Number(s)) return null;
  return local - zoneOffsetMs(zone);
}

/**
 * The contract's dedupe key: ClickPost's order_status_id when there is one, else
 * `${waybill}:${clickpost_status_code}:${timestamp}`, with the timestamp as epoch ms so the
 * same scan sent as '2018-07-07 19:34:46' and as '2018-07-07T14:04:46Z' is one event.
 */
export function dedupeKeyFor(awb: string, statusCode: number, timestampMs: number, orderStatusId: string | null): string {
  return orderStatusId ?? `${awb}:${statusCode}:${timestampMs}`;
}

/** order_status_id at the top level or in `additional` (guidelines: "Store id (order_status_id)"). */
export function orderStatusIdOf(record: JsonObject): string | null {
  return asText(record.order_status_id) ?? asText(asObject(record.additional)?.order_status_id);
}

/** NDR fields as sent: ClickPost's code and its own text. */
export interface NdrFields {
  code: number;
  text: string | null;
}

/**
 * NDR fields as ClickPost sends them: `additional.ndr_status_code` / `ndr_status_description`
 * on a webhook (004, slate _track.md), the same names at the object's top level, or the
 * track-order record's `additional.ndr` `{ ndr_bucket_code, ndr_description }` (slate's
 * polling sample). Null when no code is readable: the text alone is never mapped.
 */
export function readNdrFields(record: JsonObject): NdrFields | null {
  const additional = asObject(record.additional) ?? {};
  const nested = asObject(additional.ndr) ?? {};
  const code = asInt(additional.ndr_status_code) ?? asInt(record.ndr_status_code) ?? asInt(nested.ndr_status_code) ?? asInt(nested.ndr_bucket_code);
  if (code === null) return null;
  const text = asText(additional.ndr_status_description) ?? asText(record.ndr_status_description)
    ?? asText(nested.ndr_status_description) ?? asText(nested.ndr_description);
  return { code, text };
}

/** Only a failed delivery keeps an NDR reason (contract: "else null"). */
export function ndrOfEvent(bucket: number | null, fields: NdrFields | null): Ndr | null {
  return bucket === FAILED_DELIVERY_BUCKET && fields ? ndrFor(fields.code, fields.text) : null;
}

function notificationEventIdOf(record: JsonObject): number | null {
  return asInt(asObject(record.additional)?.notification_event_id) ?? asInt(record.notification_event_id);
}

export type EventRead = { ok: true; event: TrackingEvent } | { ok: false; fields: { path: string; message: string }[] };

/**
 * A scan / latest_status / webhook object -> TrackingEvent. `awb` comes from the caller
 * (track-order keys records by AWB) or from the record's own `waybill`.
 */
export function readTrackingEvent(record: JsonObject, awb: string | null, raw: unknown = record): EventRead {
  const fields: { path: string; message: string }[] = [];
  const waybill = awb ?? asText(record.waybill);
  if (!waybill) fields.push({ path: 'waybill', message: 'is required' });
  const code = asInt(record.clickpost_status_code);
  if (code === null) fields.push({ path: 'clickpost_status_code', message: 'must be a whole number' });
  const timestamp = typeof record.timestamp === 'string' ? record.timestamp.trim() : '';
  const timestampMs = timestamp === '' ? null : parseClickPostTimestamp(timestamp);
  if (timestampMs === null) fields.push({ path: 'timestamp', message: timestamp === '' ? 'is required' : 'must be a date and time' });
  if (fields.length > 0 || !waybill || code === null || timestampMs === null) return { ok: false, fields };
  const orderStatusId = orderStatusIdOf(record);
  const bucket = knownBucket(asInt(record.clickpost_status_bucket)) ?? bucketForStatusCode(code);
  return {
    ok: true,
    event: {
      awb: waybill,
      status_code: code,
      status_description: asText(record.clickpost_status_description),
      bucket,
      status: asText(record.status),
      location: asText(record.location),
      // The doc's prose says "remarks", its samples "remark".
      remark: asText(record.remark) ?? asText(record.remarks),
      timestamp_ms: timestampMs,
      timestamp,
      order_status_id: orderStatusId,
      ndr: ndrOfEvent(bucket, readNdrFields(record)),
      notification_event_id: notificationEventIdOf(record),
      dedupe_key: dedupeKeyFor(waybill, code, timestampMs, orderStatusId),
      raw,
    },
  };
}

/** Oldest first by the event's own time; ties keep their order. */
export function byEventTime(a: TrackingEvent, b: TrackingEvent): number {
  return a.timestamp_ms - b.timestamp_ms;
}
