/**
 * A shipment's story for its own page: boxes with size and weight, each attempt P1 -> P3
 * with its ClickPost calls (create, every poll, every retry) and its late-AWB watch, what
 * it waits for next, and its tracking events newest first with names people read.
 */
import { findShipmentByCode } from '../store/shipments-repo.js';
import { listBoxes } from '../store/boxes-repo.js';
import { listAttempts } from '../store/attempts-repo.js';
import { listCallsOfShipment, listTimersOf } from '../store/board-queries.js';
import { NotFoundError } from '../errors.js';
import { TRACKING_BUCKETS } from '../clickpost/units.js';
import { classifyCancel, classifyMeta } from '../clickpost/classify.js';
import { answeredAttempt, shipmentView } from '../views/shipment-view.js';
import type { ApiCallRow, AttemptRow, BoxRow } from '../store/rows.js';
import type { ShipmentInput } from '../domain/shipment-input.js';
import type { TrackingEventView } from '../tracking/types.js';
import type { CallEntry, StoryAnswer, StoryAttempt, StoryBox, StoryEvent } from '../http/schemas/ops.js';
import { accountName, bookedCourierName, isMoving } from './courier.js';
import type { OpsConnector } from './ops-source.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** What an answer meant, as classify.ts reads it (the page never reads meta.status itself). */
function answerKind(c: ApiCallRow): string | null {
  if (c.http_status === null) return null;
  let body: unknown = null;
  try {
    body = c.response_body === null ? null : JSON.parse(c.response_body);
  } catch {
    body = c.response_body;
  }
  return c.endpoint === 'cancel-order' ? classifyCancel(c.http_status, body).kind : classifyMeta(c.http_status, body).kind;
}

function callEntry(c: ApiCallRow): CallEntry {
  return {
    endpoint: c.endpoint,
    at: iso(c.created_at),
    http_status: c.http_status,
    meta_status: c.meta_status,
    answer: answerKind(c),
    retry_number: c.retry_number,
    failed: c.failed,
    error: c.error_message ?? c.error_kind ?? null,
  };
}

function storyAttempt(a: AttemptRow, calls: ApiCallRow[]): StoryAttempt {
  return {
    ...answeredAttempt(a),
    message: a.message,
    started_at: iso(a.started_at),
    ended_at: a.ended_at === null ? null : iso(a.ended_at),
    late_awb: a.late_awb_state ? { awb: a.late_awb, state: a.late_awb_state } : null,
    calls: calls.filter((c) => c.reference_number === a.reference_number).map(callEntry),
  };
}

function storyBoxes(body: ShipmentInput | null, boxes: BoxRow[]): StoryBox[] {
  return boxes.map((b) => {
    const declared = body?.boxes?.[b.position];
    return {
      position: b.position,
      box_code: b.box_code,
      child_awb: b.child_awb,
      length_cm: declared?.length_cm ?? null,
      breadth_cm: declared?.breadth_cm ?? null,
      height_cm: declared?.height_cm ?? null,
      weight_g: declared?.weight_g ?? null,
    };
  });
}

/** Newest first; extra fields a newer connector adds (e.g. ndr) pass through. */
export function storyEvents(events: TrackingEventView[]): StoryEvent[] {
  return [...events].reverse().map((e) => {
    const bucketName = e.bucket !== null ? (TRACKING_BUCKETS[e.bucket] ?? null) : null;
    const statusName = e.status_description ?? bucketName ?? e.status ?? (e.status_code !== null ? `status ${e.status_code}` : 'unknown status');
    return { ...e, status_name: statusName, bucket_name: bucketName };
  });
}

export async function shipmentStory(connector: OpsConnector, code: string): Promise<StoryAnswer> {
  const { db } = connector;
  const row = await findShipmentByCode(db, code);
  if (!row) throw new NotFoundError(`shipment ${code}`);
  const [boxes, attempts, timers, tracking] = await Promise.all([listBoxes(db, row.id), listAttempts(db, row.id), listTimersOf(db, row.id), connector.tracking(code)]);
  const calls = await listCallsOfShipment(db, row.id, attempts.map((a) => a.reference_number));
  const view = shipmentView(row, boxes, attempts);
  const references = new Set(attempts.map((a) => a.reference_number));
  const current = view.provider ?? view.attempts[view.attempts.length - 1] ?? null;
  const cancel = view.cancel ?? null;
  return {
    shipment_code: view.shipment_code,
    status: view.status,
    courier: bookedCourierName(row) ?? (current ? accountName(current.courier_partner_id, current.account_code) : null),
    parent_awb: view.parent_awb,
    pickup_time: view.pickup_time,
    appointment_date: view.appointment_date,
    created_at: view.created_at,
    updated_at: view.updated_at,
    cancel,
    retry: view.retry ?? null,
    error: view.error?.message ?? null,
    boxes: storyBoxes(row.body as ShipmentInput | null, boxes),
    attempts: attempts.map((a) => storyAttempt(a, calls)),
    other_calls: calls.filter((c) => c.reference_number === null || !references.has(c.reference_number)).map(callEntry),
    waiting: timers.map((t) => ({ timer: t.timer_key, due_at: iso(t.due_at) })),
    tracking: storyEvents(tracking.events),
    live: isMoving(view.status, cancel),
  };
}
