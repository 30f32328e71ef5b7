/**
 * Names people read for couriers and shipment states. The booking's courier_name comes
 * from the persisted machine snapshot (read defensively: the machine's context may grow);
 * without one, the courier account is named by partner id and account code.
 */
import type { ShipmentRow } from '../store/rows.js';

/**
 * Statuses that do not move within seconds; any other (also a status this version does not
 * know) is pending. RETRY_WAIT waits minutes for its round: the slow refresh shows it.
 */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(['BOOKED', 'RETRY_WAIT', 'FAILED', 'CANCELLED']);

/** Cancel states not waiting for ClickPost within seconds (ACCEPTED is confirmed hours later). */
const SETTLED_CANCEL_STATES: ReadonlySet<string> = new Set(['ACCEPTED', 'DONE', 'FAILED']);

export function accountName(courierPartnerId: number, accountCode: string): string {
  return `cp ${courierPartnerId} · ${accountCode}`;
}

export function bookedCourierName(row: ShipmentRow): string | null {
  const context = (row.snapshot as { context?: { booking?: { courier_name?: unknown } | null } } | null)?.context;
  const name = context?.booking?.courier_name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

export function isMoving(status: string, cancel: { state: string } | null): boolean {
  return !SETTLED_STATUSES.has(status) || (cancel !== null && !SETTLED_CANCEL_STATES.has(cancel.state));
}
