/**
 * The shipment as the connector answers it (contract: "A shipment, as the connector
 * answers"). Built from the read-model rows only.
 */
import type { AttemptRow, BoxRow, ShipmentRow } from '../store/rows.js';
import type { ShipmentInput } from '../domain/shipment-input.js';
import type { ShipmentContext } from '../../machines/shipment.machine.js';
import { indiaIsoWithOffset } from '../clickpost/units.js';

// The lists live with the machine that produces them; the view and the package re-export them.
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../../machines/shipment.machine.js';
import { ATTEMPT_OUTCOMES, CANCEL_STATES, type AttemptOutcome, type CancelStateName as CancelState } from '../../machines/shipment-rules.js';
export { SHIPMENT_STATUSES, ATTEMPT_OUTCOMES, CANCEL_STATES, type ShipmentStatus, type AttemptOutcome, type CancelState };

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
  /** ACCEPTED: ClickPost took the cancel for later (202); `unconfirmed` once 24 h of checks did not confirm it. */
  cancel?: { state: CancelState; message: string | null; unconfirmed?: true };
  /** RETRY_WAIT only: the round that starts at next_at, and why. */
  retry?: { round: number; next_at: string; reason: string };
  /** Work of this shipment parked after failing too often: why, since when. */
  stuck?: { reason: string; since: string };
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

export function shipmentView(row: ShipmentRow, boxes: ReadonlyArray<Pick<BoxRow, 'box_code' | 'child_awb'>>, attempts: AttemptRow[]): ShipmentView {
  const body = row.body as ShipmentInput;
  const provider = row.provider_priority ? body.providers[row.provider_priority - 1] : undefined;
  const snapshot = row.snapshot as { context?: Pick<ShipmentContext, 'cancel' | 'retry'> };
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
  if (cancel) view.cancel = { state: cancel.state, message: cancel.message, ...(cancel.unconfirmed ? { unconfirmed: true as const } : {}) };
  const retry = snapshot.context?.retry;
  if (row.status === 'RETRY_WAIT' && retry) view.retry = { round: retry.round, next_at: indiaIsoWithOffset(retry.next_at), reason: retry.reason };
  if (row.stuck) view.stuck = { reason: row.stuck.reason, since: indiaIsoWithOffset(row.stuck.since) };
  return view;
}
