/**
 * Tracking poll: GET /api/v2/track-order/?waybill=A,B,C&cp_id=N (004). The answer's result
 * is keyed by AWB (the doc's sample) although its prose calls it an array: both are read.
 * At most 5 waybills of one courier per call (docs.clickpost.ai "tracking-shipment-using-
 * polling": "upto 5 ... make sure all AWBs belong to same carrier"); the call goes to the
 * tracking base URL, api.clickpost.in (slate b9b5081: www "will deprecate by Nov 2020").
 */
import type { ClickPostRequest, ClickPostResponse } from '../transport/types.js';
import { classificationOf, failureFromTransport, isSuccess, readMetaAnswer } from './classify.js';
import { asArray, asObject, asText, type JsonObject } from './read.js';
import { byEventTime, ndrOfEvent, readNdrFields, readTrackingEvent, type TrackingEvent } from './tracking-event.js';
import { FAILED_DELIVERY_BUCKET } from './units.js';

export const TRACK_ORDER_PATH = '/api/v2/track-order/';
/** Waybills per track-order call (docs.clickpost.ai; slate's older "upto 15" no longer holds). */
export const MAX_WAYBILLS_PER_TRACK_ORDER = 5;

export interface TrackOrderInput {
  awbs: string[];
  courier_partner_id: number;
  shipmentId?: number;
  idempotencyKey?: string;
}

export interface AwbTracking {
  valid: boolean;
  /** scans plus latest_status, each once, oldest first. */
  events: TrackingEvent[];
}

export interface TrackOrderResult {
  byAwb: Record<string, AwbTracking>;
  messages: string[];
}

/** Throws RangeError for 0 or more than 5 waybills: callers batch (tracking-poll.ts). */
export function toTrackOrderRequest(input: TrackOrderInput): ClickPostRequest {
  if (input.awbs.length === 0 || input.awbs.length > MAX_WAYBILLS_PER_TRACK_ORDER) {
    throw new RangeError(`track-order takes 1 to ${MAX_WAYBILLS_PER_TRACK_ORDER} waybills, got ${input.awbs.length}`);
  }
  const request: ClickPostRequest = {
    endpoint: 'track-order',
    method: 'GET',
    path: TRACK_ORDER_PATH,
    query: { waybill: input.awbs.join(','), cp_id: input.courier_partner_id },
    shipmentId: input.shipmentId ?? null,
    read: readMetaAnswer,
  };
  if (input.idempotencyKey) request.idempotencyKey = input.idempotencyKey;
  return request;
}

function recordEvents(awb: string, record: JsonObject, messages: string[]): TrackingEvent[] {
  const sources = [...(asArray(record.scans) ?? []), record.latest_status ?? record.lateststatus];
  const seen = new Map<string, TrackingEvent>();
  sources.forEach((source, i) => {
    const scan = asObject(source);
    if (!scan) return;
    const read = readTrackingEvent(scan, awb);
    if (!read.ok) {
      const where = i < sources.length - 1 ? `scans[${i}]` : 'latest_status';
      messages.push(`${awb} ${where} skipped: ${read.fields.map((f) => `${f.path} ${f.message}`).join(', ')}`);
      return;
    }
    // latest_status repeats the newest scan: keep the first copy.
    if (!seen.has(read.event.dedupe_key)) seen.set(read.event.dedupe_key, read.event);
  });
  return withRecordNdr([...seen.values()].sort(byEventTime), record);
}

/**
 * The record's own NDR (`additional.ndr`, slate's polling sample) belongs to its newest
 * failed-delivery scan, unless that scan carries its own.
 */
function withRecordNdr(events: TrackingEvent[], record: JsonObject): TrackingEvent[] {
  const fields = readNdrFields({ additional: record.additional });
  if (!fields) return events;
  const i = events.findLastIndex((e) => e.bucket === FAILED_DELIVERY_BUCKET);
  if (i < 0 || events[i]!.ndr) return events;
  return events.map((e, j) => (j === i ? { ...e, ndr: ndrOfEvent(e.bucket, fields) } : e));
}

/** [awb, record] pairs from a result keyed by AWB, or from an array of records. */
function recordsOf(result: unknown): [string, JsonObject][] {
  const list = asArray(result);
  if (!list) return Object.entries(asObject(result) ?? {}).flatMap(([awb, v]) => (asObject(v) ? [[awb, v as JsonObject]] : []));
  return list.flatMap((entry): [string, JsonObject][] => {
    const obj = asObject(entry);
    if (!obj) return [];
    const own = asText(obj.waybill);
    if (own) return [[own, obj]];
    return Object.entries(obj).flatMap(([awb, v]) => (asObject(v) ? [[awb, v as JsonObject]] : []));
  });
}

/** Never throws: problems come back in `messages`. */
export function parseTrackOrderResponse(response: ClickPostResponse): TrackOrderResult {
  if (!response.ok) return { byAwb: {}, messages: [failureFromTransport(response).message] };
  const c = classificationOf(response);
  if (!isSuccess(c)) return { byAwb: {}, messages: [c.message ?? `ClickPost meta.status ${c.meta_status}`] };
  const messages: string[] = [];
  const byAwb: Record<string, AwbTracking> = {};
  for (const [awb, record] of recordsOf(asObject(response.body)?.result)) {
    const events = recordEvents(awb, record, messages);
    // `valid` is false for an unknown AWB; an answer without the flag but with scans is valid.
    byAwb[awb] = { valid: record.valid === true || (record.valid === undefined && events.length > 0), events };
  }
  return { byAwb, messages };
}
