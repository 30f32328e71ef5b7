/**
 * The shipment as the connector answers it (contract: "A shipment, as the connector
 * answers"). Built from the read-model rows only.
 */
import type { AttemptRow, BoxRow, ShipmentRow } from '../store/rows.js';
import type { ShipmentInput } from '../domain/shipment-input.js';

/** Every status a shipment can be in (contract: "A shipment, as the connector answers"). */
export const SHIPMENT_STATUSES = ['QUEUED', 'CREATING', 'LABEL_REQUESTED', 'BOOKED', 'RETRY_WAIT', 'FAILED', 'CANCELLED'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Every outcome of one attempt at one provider. */
export const ATTEMPT_OUTCOMES = ['IN_PROGRESS', 'BOOKED', 'ERROR', 'LABEL_TIMEOUT', 'SKIPPED', 'CANCELLED'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Where a cancel at ClickPost stands: ACCEPTED means ClickPost took it for later processing. */
export const CANCEL_STATES = ['REQUESTED', 'ACCEPTED', 'DONE', 'FAILED'] as const;
export type CancelState = (typeof CANCEL_STATES)[number];

export interface AttemptView {
  priority: number;
  courier_partner_id: number;
  account_code: string;
  reference_number: string;
  outcome: AttemptOutcome;
  meta_status: number | null;
  message?: string;
  polls: number;
  late_awb?: { awb: string | null; state: string };
}

export interface ShipmentView {
  shipment_code: string;
  status: ShipmentStatus;
  provider: { priority: number; courier_partner_id: number; account_code: string } | null;
  parent_awb: string | null;
  label_url: string | null;
  boxes: { box_code: string; child_awb: string | null }[];
  pickup_time: string | null;
  appointment_date: string | null;
  attempts: AttemptView[];
  error?: { message: string; attempts: { priority: number; meta_status: number | null; message: string | null }[] };
  cancel?: { state: CancelState; message: string | null };
  created_at: string;
  updated_at: string;
}

function attemptView(a: AttemptRow): AttemptView {
  const view: AttemptView = {
    priority: a.priority,
    courier_partner_id: a.courier_partner_id,
    account_code: a.account_code,
    reference_number: a.reference_number,
    outcome: a.outcome as AttemptOutcome,
    meta_status: a.meta_status,
    polls: a.polls,
  };
  if (a.message) view.message = a.message;
  if (a.late_awb_state) view.late_awb = { awb: a.late_awb, state: a.late_awb_state };
  return view;
}

export function shipmentView(row: ShipmentRow, boxes: BoxRow[], attempts: AttemptRow[]): ShipmentView {
  const body = row.body as ShipmentInput;
  const provider = row.provider_priority ? body.providers[row.provider_priority - 1] : undefined;
  const snapshot = row.snapshot as { context?: { cancel?: { state: CancelState; message: string | null } | null } };
  const view: ShipmentView = {
    shipment_code: row.shipment_code,
    status: row.status as ShipmentStatus,
    provider: provider && row.provider_priority ? { priority: row.provider_priority, courier_partner_id: provider.courier_partner_id, account_code: provider.account_code } : null,
    parent_awb: row.parent_awb,
    label_url: row.label_url,
    boxes: boxes.map((b) => ({ box_code: b.box_code, child_awb: b.child_awb })),
    pickup_time: row.pickup_time,
    appointment_date: row.appointment_date,
    attempts: [...attempts].sort((x, y) => x.priority - y.priority).map(attemptView),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
  if (row.status === 'FAILED' && row.error) view.error = row.error as ShipmentView['error'];
  const cancel = snapshot.context?.cancel;
  if (cancel) view.cancel = { state: cancel.state, message: cancel.message };
  return view;
}
