/**
 * The read model: after every step the machine's context is written out to the
 * shipments, attempts and boxes rows that the API answers from. The snapshot stays the
 * truth; these rows are derived and rewritten in the same transaction.
 */
import type { Tx } from '../store/db.js';
import { deleteAttemptsOf, upsertAttempt } from '../store/attempts-repo.js';
import { setBoxAwbs } from '../store/boxes-repo.js';
import { ATTEMPT_FIELDS, type ShipmentStepColumns } from '../store/rows.js';
import type { NewAttempt } from '../store/attempts-repo.js';
import { indiaIsoWithOffset, appointmentDateFor } from '../clickpost/units.js';
import type { MappingSettings } from '../domain/settings.js';
import type { ShipmentContext, ShipmentStatus } from '../../machines/shipment.machine.js';
import type { AttemptState } from '../../machines/shipment-rules.js';

/** The shipment columns a step rewrites, besides snapshot and version. */
export type ShipmentColumns = ShipmentStepColumns & { status: ShipmentStatus };

const ATTEMPT_FIELD_LIST = Object.entries(ATTEMPT_FIELDS);

/** The attempt's row, every column from its entry in ATTEMPT_FIELDS. */
export function attemptColumns(shipmentId: number, attempt: AttemptState, now: number): NewAttempt {
  const row: Record<string, unknown> = { shipment_id: shipmentId };
  for (const [name, field] of ATTEMPT_FIELD_LIST) row[name] = field.of(attempt, now);
  return row as NewAttempt;
}

/** Shipment-level columns from the context. */
export function shipmentColumns(context: ShipmentContext, status: ShipmentStatus, settings: MappingSettings): ShipmentColumns {
  const booking = context.booking;
  const bookedAttempt = booking ? context.attempts.find((a) => a.priority === booking.priority) : undefined;
  const requestedAt = bookedAttempt?.requested_at ?? null;
  return {
    status,
    provider_priority: booking?.priority ?? null,
    parent_awb: booking?.parent_awb ?? null,
    label_url: booking?.label_url ?? null,
    pickup_time: requestedAt === null ? null : indiaIsoWithOffset(requestedAt + settings.pickup_after_minutes * 60_000),
    appointment_date: requestedAt === null ? null : appointmentDateFor(requestedAt, settings.appointment_after_days),
    error: status === 'FAILED' ? context.error : null,
  };
}

/** Attempts and boxes rows from the context. The attempt rows are the current round's. */
export async function projectRows(
  trx: Tx,
  shipmentId: number,
  context: ShipmentContext,
  now: number,
  step: { bookedNow: boolean; newRound: boolean },
): Promise<void> {
  // A new round re-sends the same references: its attempts start afresh (earlier rounds stay in the snapshot).
  if (step.newRound) await deleteAttemptsOf(trx, shipmentId);
  const bookedNow = step.bookedNow;
  for (const a of context.attempts) {
    await upsertAttempt(trx, attemptColumns(shipmentId, a, now));
  }
  if (bookedNow && context.booking) {
    await setBoxAwbs(
      trx,
      shipmentId,
      context.booking.children.map((c, position) => ({ position, child_awb: c.waybill, child_label_url: c.label_url })),
    );
  }
}
