/**
 * The shipment as the connector answers it (contract: "A shipment, as the connector
 * answers"): its zod schema, the one home of the answer's shape (the OpenAPI document, the
 * callbacks and the library's types read it), and its builder from the read-model rows.
 * Every part that the machine keeps is derived from the machine's own schema.
 */
import { z } from 'zod';
import type { AttemptRow, BoxRow, ShipmentRow } from '../store/rows.js';
import type { ShipmentInput } from '../domain/shipment-input.js';
import type { ShipmentContext } from '../../machines/shipment.machine.js';
import { indiaIsoWithOffset } from '../clickpost/units.js';

// The lists live with the machine that produces them; the view and the package re-export them.
import { SHIPMENT_STATUSES, ShipmentStatusSchema, type ShipmentStatus } from '../../machines/shipment.machine.js';
import {
  ATTEMPT_OUTCOMES, AttemptOutcomeSchema, AttemptStateSchema, CANCEL_STATES, CancelStateSchema, FailureReportSchema, LateWatchStateSchema,
  RetryStateSchema, type AttemptOutcome, type CancelStateName as CancelState,
} from '../../machines/shipment-rules.js';
export { SHIPMENT_STATUSES, ATTEMPT_OUTCOMES, CANCEL_STATES, type ShipmentStatus, type AttemptOutcome, type CancelState };

/** The attempt fields answered as the machine keeps them: add a key here to answer a field (the ops page's story reads them too). */
export const AnsweredAttemptSchema = AttemptStateSchema.pick({
  priority: true,
  courier_partner_id: true,
  account_code: true,
  reference_number: true,
  outcome: true,
  meta_status: true,
  polls: true,
});

export const AttemptViewSchema = AnsweredAttemptSchema.extend({
  outcome: AttemptOutcomeSchema.meta({ description: 'SKIPPED: the account\'s circuit breaker is open' }),
  message: z.string().optional(),
  late_awb: z
    .object({ awb: z.string().nullable(), state: LateWatchStateSchema })
    .optional()
    .meta({ description: 'an abandoned attempt watched for a late AWB (cancelled if one comes)' }),
}).meta({ id: 'Attempt' });
export type AttemptView = z.infer<typeof AttemptViewSchema>;

export const ShipmentViewSchema = z.object({
  shipment_code: z.string(),
  status: ShipmentStatusSchema,
  provider: z.object({ priority: z.number().int(), courier_partner_id: z.number().int(), account_code: z.string() }).nullable(),
  parent_awb: z.string().nullable(),
  label_url: z.string().nullable(),
  boxes: z.array(z.object({ box_code: z.string(), child_awb: z.string().nullable() })),
  pickup_time: z.string().nullable(),
  appointment_date: z.string().nullable(),
  attempts: z.array(AttemptViewSchema),
  error: FailureReportSchema.optional().meta({ description: 'FAILED only: why, per attempt' }),
  retry: RetryStateSchema.extend({ next_at: z.string() })
    .optional()
    .meta({ description: 'RETRY_WAIT only: the round that starts at next_at (India time), and why' }),
  cancel: CancelStateSchema.pick({ state: true, message: true })
    .extend({ unconfirmed: z.literal(true).optional() })
    .optional()
    .meta({ description: 'present once a cancel was asked: REQUESTED, ACCEPTED (ClickPost will process it later; `unconfirmed` once 24 h of checks did not confirm it), DONE or FAILED' }),
  stuck: z
    .object({ reason: z.string(), since: z.string() })
    .optional()
    .meta({ description: 'work of this shipment (a timer or a ClickPost call) failed too often and was parked: why, and since when (India time); it needs a person. Gone once the shipment moves again' }),
  created_at: z.string().meta({ description: 'ISO 8601 UTC' }),
  updated_at: z.string().meta({ description: 'ISO 8601 UTC' }),
}).meta({ id: 'Shipment' });
export type ShipmentView = z.infer<typeof ShipmentViewSchema>;

const ANSWERED_ATTEMPT_FIELDS = Object.keys(AnsweredAttemptSchema.shape) as Array<keyof AnsweredAttempt>;
export type AnsweredAttempt = z.infer<typeof AnsweredAttemptSchema>;

/** The answered fields of an attempt row, as they are. */
export function answeredAttempt(a: AttemptRow): AnsweredAttempt {
  const view: Record<string, unknown> = {};
  for (const field of ANSWERED_ATTEMPT_FIELDS) view[field] = a[field];
  return view as AnsweredAttempt;
}

function attemptView(a: AttemptRow): AttemptView {
  const view: AttemptView = answeredAttempt(a);
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
