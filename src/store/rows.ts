/**
 * Every table as a list of columns, once: the typed row each repository hands out (JSON
 * columns parsed, booleans as booleans, times as epoch milliseconds) is derived from its
 * list, and so is its reader (map-rows.ts). Frozen state names live here too, so no module
 * spells a status string on its own.
 */
import type { Knex } from 'knex';
import type { Endpoint } from '../transport/types.js';
import type { AttemptOutcome, AttemptState, LateWatchState } from '../../machines/shipment-rules.js';
import {
  bool, int, intOrNull, json, jsonOrNull, text, textOf, textOrNull, textOrNullOf, type Column, type RowOf,
} from './columns.js';

/** Anything a statement can run on: the pool or an open transaction. */
export type Queryable = Knex | Knex.Transaction;

export const EFFECT_STATUS = Object.freeze({
  PENDING: 'PENDING',
  DONE: 'DONE',
  DEAD: 'DEAD',
} as const);
export type EffectStatus = (typeof EFFECT_STATUS)[keyof typeof EFFECT_STATUS];

export const SHIPMENT_COLUMNS = Object.freeze({
  id: int,
  shipment_code: text,
  status: text,
  /** The host body as validated (parsed JSON). */
  body: json,
  body_hash: text,
  /** The persisted machine snapshot (parsed JSON). */
  snapshot: json,
  version: int,
  provider_priority: intOrNull,
  parent_awb: textOrNull,
  label_url: textOrNull,
  pickup_time: textOrNull,
  appointment_date: textOrNull,
  /** `{ message, attempts[] }` when FAILED (parsed JSON), else null. */
  error: jsonOrNull,
  /** Settings in force when scheduled, without the key (parsed JSON), or null. */
  settings: jsonOrNull,
  /** Why work of it was parked (a timer or an effect failing too often), since when; null once it moves. */
  stuck: jsonOrNull as Column<{ reason: string; since: number } | null>,
  created_at: int,
  updated_at: int,
});
export type ShipmentRow = RowOf<typeof SHIPMENT_COLUMNS>;

/** The shipment columns a step rewrites from the machine's context (besides snapshot, version, updated_at). */
export const SHIPMENT_STEP_COLUMNS = Object.freeze(['status', 'provider_priority', 'parent_awb', 'label_url', 'pickup_time', 'appointment_date', 'error'] as const);
export type ShipmentStepColumns = Pick<ShipmentRow, (typeof SHIPMENT_STEP_COLUMNS)[number]>;

export const BOX_COLUMNS = Object.freeze({
  id: int,
  shipment_id: int,
  position: int,
  box_code: text,
  child_awb: textOrNull,
  child_label_url: textOrNull,
});
export type BoxRow = RowOf<typeof BOX_COLUMNS>;

/** One column of the attempt: how it is read, and what it holds for the machine's attempt. */
export interface AttemptField<T> extends Column<T> {
  of(attempt: AttemptState, now: number): T;
}

const attemptField = <T>(column: Column<T>, of: (attempt: AttemptState, now: number) => T): AttemptField<T> => ({ ...column, of });

/**
 * THE attempt's columns, each with its reader and its value from the machine's attempt
 * (machines/shipment-rules.ts AttemptStateSchema): the row type, the row reader and the
 * projection (src/engine/projection.ts) all come from this list.
 */
export const ATTEMPT_FIELDS = Object.freeze({
  priority: attemptField(int, (a) => a.priority),
  courier_partner_id: attemptField(int, (a) => a.courier_partner_id),
  account_code: attemptField(text, (a) => a.account_code),
  reference_number: attemptField(text, (a) => a.reference_number),
  outcome: attemptField(textOf<AttemptOutcome>(), (a) => a.outcome),
  meta_status: attemptField(intOrNull, (a) => a.meta_status),
  message: attemptField(textOrNull, (a) => a.message),
  /** immediate, configuration, payload, transient, unknown, lookup_miss, skipped */
  error_kind: attemptField(textOrNull, (a) => a.error_kind),
  polls: attemptField(int, (a) => a.polls),
  parent_awb: attemptField(textOrNull, (a) => a.parent_awb),
  label_url: attemptField(textOrNull, (a) => a.label_url),
  late_awb: attemptField(textOrNull, (a) => a.late?.awb ?? null),
  late_awb_state: attemptField(textOrNullOf<LateWatchState>(), (a) => a.late?.state ?? null),
  /** Kept from the first insert by upsertAttempt. */
  started_at: attemptField(int, (_a, now) => now),
  /** Likewise kept from the first time it ended. */
  ended_at: attemptField(intOrNull, (a, now) => (a.outcome === 'IN_PROGRESS' ? null : now)),
});

export const ATTEMPT_COLUMNS = Object.freeze({ id: int, shipment_id: int, ...ATTEMPT_FIELDS });
export type AttemptRow = RowOf<typeof ATTEMPT_COLUMNS>;

export const API_CALL_COLUMNS = Object.freeze({
  id: int,
  shipment_id: intOrNull,
  reference_number: textOrNull,
  endpoint: textOf<Endpoint>(),
  method: textOf<'GET' | 'POST'>(),
  url: text,
  request_body: textOrNull,
  response_body: textOrNull,
  http_status: intOrNull,
  meta_status: intOrNull,
  duration_ms: int,
  error_kind: textOrNull,
  error_message: textOrNull,
  retry_number: int,
  failed: bool,
  created_at: int,
});
/** An api_calls row: the transport's record (secrets already removed) plus its id. */
export type ApiCallRow = RowOf<typeof API_CALL_COLUMNS>;

export const TRACKING_COLUMNS = Object.freeze({
  id: int,
  shipment_id: intOrNull,
  awb: text,
  dedupe_key: text,
  status_code: intOrNull,
  status_description: textOrNull,
  bucket: intOrNull,
  status: textOrNull,
  location: textOrNull,
  remark: textOrNull,
  /** The event's own timestamp (epoch ms). */
  event_time: int,
  received_at: int,
  stale: bool,
  /** webhook, poll */
  source: text,
  /** The payload as received (parsed JSON), or null. */
  raw: jsonOrNull,
  /** ClickPost's NDR code on a failed delivery, and the description shown for it. */
  ndr_code: intOrNull,
  ndr_description: textOrNull,
  notification_event_id: intOrNull,
});
export type TrackingRow = RowOf<typeof TRACKING_COLUMNS>;

/** A worker's claim on a timer or an effect row (fenced by locked_by, see src/store/sql/). */
const LEASE_COLUMNS = { locked_by: textOrNull, locked_until: intOrNull };

export const TIMER_COLUMNS = Object.freeze({
  id: int,
  shipment_id: int,
  timer_key: text,
  /** The machine event to feed when due (parsed JSON). */
  event: json,
  due_at: int,
  ...LEASE_COLUMNS,
  /** Failed steps so far (a rescheduled timer starts at 0), the last one's error, and when it was parked. */
  failures: int,
  last_error: textOrNull,
  parked_at: intOrNull,
});
export type TimerRow = RowOf<typeof TIMER_COLUMNS>;

export const EFFECT_COLUMNS = Object.freeze({
  id: int,
  shipment_id: intOrNull,
  kind: text,
  /** Parsed JSON. */
  payload: json,
  idempotency_key: text,
  status: textOf<EffectStatus>(),
  attempts: int,
  run_at: int,
  ...LEASE_COLUMNS,
  last_error: textOrNull,
  created_at: int,
  done_at: intOrNull,
});
export type EffectRow = RowOf<typeof EFFECT_COLUMNS>;
