/**
 * Database rows -> typed rows. Both dialects come through here, so the differences
 * (0/1 vs true/false, JSON text) end at this file.
 */
import { parseJson, toBool } from './db.js';
import type {
  ApiCallRow,
  AttemptRow,
  BoxRow,
  EffectRow,
  ShipmentRow,
  TimerRow,
  TrackingRow,
} from './rows.js';

type Raw = Record<string, unknown>;

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** JSON text for a JSON column; null stays SQL NULL. */
export function jsonText(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function toShipmentRow(r: Raw): ShipmentRow {
  return {
    id: num(r.id),
    shipment_code: String(r.shipment_code),
    status: String(r.status),
    body: parseJson(r.body),
    body_hash: String(r.body_hash),
    snapshot: parseJson(r.snapshot),
    version: num(r.version),
    provider_priority: numOrNull(r.provider_priority),
    parent_awb: strOrNull(r.parent_awb),
    label_url: strOrNull(r.label_url),
    pickup_time: strOrNull(r.pickup_time),
    appointment_date: strOrNull(r.appointment_date),
    error: parseJson(r.error) ?? null,
    settings: parseJson(r.settings) ?? null,
    stuck: parseJson<ShipmentRow['stuck']>(r.stuck) ?? null,
    created_at: num(r.created_at),
    updated_at: num(r.updated_at),
  };
}

export function toBoxRow(r: Raw): BoxRow {
  return {
    id: num(r.id),
    shipment_id: num(r.shipment_id),
    position: num(r.position),
    box_code: String(r.box_code),
    child_awb: strOrNull(r.child_awb),
    child_label_url: strOrNull(r.child_label_url),
  };
}

export function toAttemptRow(r: Raw): AttemptRow {
  return {
    id: num(r.id),
    shipment_id: num(r.shipment_id),
    priority: num(r.priority),
    courier_partner_id: num(r.courier_partner_id),
    account_code: String(r.account_code),
    reference_number: String(r.reference_number),
    outcome: String(r.outcome),
    meta_status: numOrNull(r.meta_status),
    message: strOrNull(r.message),
    error_kind: strOrNull(r.error_kind),
    polls: num(r.polls),
    parent_awb: strOrNull(r.parent_awb),
    label_url: strOrNull(r.label_url),
    late_awb: strOrNull(r.late_awb),
    late_awb_state: strOrNull(r.late_awb_state),
    started_at: num(r.started_at),
    ended_at: numOrNull(r.ended_at),
  };
}

export function toApiCallRow(r: Raw): ApiCallRow {
  return {
    id: num(r.id),
    shipment_id: numOrNull(r.shipment_id),
    reference_number: strOrNull(r.reference_number),
    endpoint: String(r.endpoint) as ApiCallRow['endpoint'],
    method: String(r.method) as ApiCallRow['method'],
    url: String(r.url),
    request_body: strOrNull(r.request_body),
    response_body: strOrNull(r.response_body),
    http_status: numOrNull(r.http_status),
    meta_status: numOrNull(r.meta_status),
    duration_ms: num(r.duration_ms),
    error_kind: strOrNull(r.error_kind),
    error_message: strOrNull(r.error_message),
    retry_number: num(r.retry_number),
    failed: toBool(r.failed),
    created_at: num(r.created_at),
  };
}

export function toTrackingRow(r: Raw): TrackingRow {
  return {
    id: num(r.id),
    shipment_id: numOrNull(r.shipment_id),
    awb: String(r.awb),
    dedupe_key: String(r.dedupe_key),
    status_code: numOrNull(r.status_code),
    status_description: strOrNull(r.status_description),
    bucket: numOrNull(r.bucket),
    status: strOrNull(r.status),
    location: strOrNull(r.location),
    remark: strOrNull(r.remark),
    event_time: num(r.event_time),
    received_at: num(r.received_at),
    stale: toBool(r.stale),
    source: String(r.source),
    raw: parseJson(r.raw) ?? null,
    ndr_code: numOrNull(r.ndr_code),
    ndr_description: strOrNull(r.ndr_description),
    notification_event_id: numOrNull(r.notification_event_id),
  };
}

export function toTimerRow(r: Raw): TimerRow {
  return {
    id: num(r.id),
    shipment_id: num(r.shipment_id),
    timer_key: String(r.timer_key),
    event: parseJson(r.event),
    due_at: num(r.due_at),
    locked_by: strOrNull(r.locked_by),
    locked_until: numOrNull(r.locked_until),
  };
}

export function toEffectRow(r: Raw): EffectRow {
  return {
    id: num(r.id),
    shipment_id: numOrNull(r.shipment_id),
    kind: String(r.kind),
    payload: parseJson(r.payload),
    idempotency_key: String(r.idempotency_key),
    status: String(r.status) as EffectRow['status'],
    attempts: num(r.attempts),
    run_at: num(r.run_at),
    locked_by: strOrNull(r.locked_by),
    locked_until: numOrNull(r.locked_until),
    last_error: strOrNull(r.last_error),
    created_at: num(r.created_at),
    done_at: numOrNull(r.done_at),
  };
}
