/**
 * Typed rows of every table, as the repositories hand them out: JSON columns parsed,
 * booleans as booleans, times as epoch milliseconds. Frozen state names live here too,
 * so no module spells a status string on its own.
 */
import type { Knex } from 'knex';
import type { ApiCallRecord } from '../transport/types.js';

/** Anything a statement can run on: the pool or an open transaction. */
export type Queryable = Knex | Knex.Transaction;

export const EFFECT_STATUS = Object.freeze({
  PENDING: 'PENDING',
  DONE: 'DONE',
  DEAD: 'DEAD',
  // cancelPendingEffects: the machine no longer wants it (e.g. polls after a cancel).
  CANCELLED: 'CANCELLED',
} as const);
export type EffectStatus = (typeof EFFECT_STATUS)[keyof typeof EFFECT_STATUS];

export interface ShipmentRow {
  id: number;
  shipment_code: string;
  status: string;
  /** The host body as validated (parsed JSON). */
  body: unknown;
  body_hash: string;
  /** The persisted machine snapshot (parsed JSON). */
  snapshot: unknown;
  version: number;
  provider_priority: number | null;
  parent_awb: string | null;
  label_url: string | null;
  pickup_time: string | null;
  appointment_date: string | null;
  /** `{ message, attempts[] }` when FAILED (parsed JSON), else null. */
  error: unknown;
  /** Settings in force when scheduled, without the key (parsed JSON), or null. */
  settings: unknown;
  /** Why work of it was parked (timer or effect failing too often), since when; null when it moves. */
  stuck?: { reason: string; since: number } | null;
  created_at: number;
  updated_at: number;
}

export interface BoxRow {
  id: number;
  shipment_id: number;
  position: number;
  box_code: string;
  child_awb: string | null;
  child_label_url: string | null;
}

export interface AttemptRow {
  id: number;
  shipment_id: number;
  priority: number;
  courier_partner_id: number;
  account_code: string;
  reference_number: string;
  /** IN_PROGRESS BOOKED ERROR LABEL_TIMEOUT CANCELLED */
  outcome: string;
  meta_status: number | null;
  message: string | null;
  /** immediate, configuration, payload, transient */
  error_kind: string | null;
  polls: number;
  parent_awb: string | null;
  label_url: string | null;
  late_awb: string | null;
  /** WATCHING CANCELLED CANCEL_FAILED GAVE_UP */
  late_awb_state: string | null;
  started_at: number;
  ended_at: number | null;
}

/** An api_calls row: the transport's record (secrets already removed) plus its id. */
export interface ApiCallRow extends ApiCallRecord {
  id: number;
}

export interface TrackingRow {
  id: number;
  shipment_id: number | null;
  awb: string;
  dedupe_key: string;
  status_code: number | null;
  status_description: string | null;
  bucket: number | null;
  status: string | null;
  location: string | null;
  remark: string | null;
  /** The event's own timestamp (epoch ms). */
  event_time: number;
  received_at: number;
  stale: boolean;
  /** webhook, poll */
  source: string;
  /** The payload as received (parsed JSON), or null. */
  raw: unknown;
  /** ClickPost's NDR code on a failed delivery, and the description shown for it. */
  ndr_code: number | null;
  ndr_description: string | null;
  notification_event_id: number | null;
}

export interface TimerRow {
  id: number;
  shipment_id: number;
  timer_key: string;
  /** The machine event to feed when due (parsed JSON). */
  event: unknown;
  due_at: number;
  locked_by: string | null;
  locked_until: number | null;
}

export interface EffectRow {
  id: number;
  shipment_id: number | null;
  kind: string;
  /** Parsed JSON. */
  payload: unknown;
  idempotency_key: string;
  status: EffectStatus;
  attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  done_at: number | null;
}
