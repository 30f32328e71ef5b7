/**
 * Units, India local time and ClickPost's tracking code maps. Every constant is frozen:
 * the other modules read them, never redefine them.
 */

/** India Standard Time is UTC+05:30 all year (no daylight saving). */
export const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
export const IST_OFFSET = '+05:30';
const DAY_MS = 86_400_000;

/** Shifts an instant so that its UTC fields read as India wall-clock time. */
function indiaWallClock(ms: number): string {
  // Whole seconds: drop the fraction before shifting, so 10:45:00.999 stays 10:45:00.
  const whole = Math.floor(ms / 1000) * 1000;
  return new Date(whole + IST_OFFSET_MS).toISOString();
}

/** `YYYY-MM-DDTHH:MM:SS` in India time: whole seconds, no offset, no fraction (ClickPost's pickup_time). */
export function indiaLocalDateTime(ms: number): string {
  return indiaWallClock(ms).slice(0, 19);
}

/** `YYYY-MM-DDTHH:MM:SS+05:30`: the same instant, for people and the host's answer. */
export function indiaIsoWithOffset(ms: number): string {
  return `${indiaLocalDateTime(ms)}${IST_OFFSET}`;
}

/** `YYYY-MM-DD`: the India calendar date of an instant. */
export function indiaDate(ms: number): string {
  return indiaWallClock(ms).slice(0, 10);
}

/** The pickup instant: booking time plus Pickup After minutes (contract). */
export function pickupAtMs(requestedAtMs: number, pickupAfterMinutes: number): number {
  return requestedAtMs + pickupAfterMinutes * 60_000;
}

/** pickup_time as ClickPost takes it: India local `YYYY-MM-DDTHH:MM:SS`. */
export function pickupTimeFor(requestedAtMs: number, pickupAfterMinutes: number): string {
  return indiaLocalDateTime(pickupAtMs(requestedAtMs, pickupAfterMinutes));
}

/** The same pickup time with its offset, as the host's shipment answer shows it. */
export function pickupTimeIsoFor(requestedAtMs: number, pickupAfterMinutes: number): string {
  return indiaIsoWithOffset(pickupAtMs(requestedAtMs, pickupAfterMinutes));
}

/**
 * appointment_date = today (India) + Appointment After days. With no DST in India a day
 * is always 24 h, so adding days in milliseconds and then reading the India date is exact,
 * also when the booking happens after 18:30 UTC (already tomorrow in India).
 */
export function appointmentDateFor(requestedAtMs: number, appointmentAfterDays: number): string {
  return indiaDate(requestedAtMs + appointmentAfterDays * DAY_MS);
}

/**
 * A whole number for fields ClickPost types as Integer (cm, grams): rounded up, never 0.
 * The value is first rounded to 6 decimals so float noise (0.1 * 3 * 10 = 3.0000000000000004)
 * does not push an exact integer up by one.
 */
export function wholeUp(value: number): number {
  const cleaned = Number(value.toFixed(6));
  return Math.max(1, Math.ceil(cleaned));
}

/** Money with two decimals, for per-carton prices summed from unit prices. */
export function money(value: number): number {
  return Math.round(value * 100) / 100;
}

/** clickpost_status_bucket -> name (004 tracking doc, "clickpost_status_bucket" table). */
export const TRACKING_BUCKETS: Readonly<Record<number, string>> = Object.freeze({
  1: 'Order Placed',
  2: 'Dispatched',
  3: 'In Transit',
  4: 'Out For Delivery',
  5: 'Failed Delivery',
  6: 'Delivered',
  7: 'Returned',
  8: 'Lost',
  9: 'Damaged',
});

/** clickpost_status_code values clubbed in each bucket (same table). */
export const BUCKET_STATUS_CODES: Readonly<Record<number, readonly number[]>> = Object.freeze({
  1: Object.freeze([1, 2, 3, 28, 25, 10]),
  2: Object.freeze([4]),
  3: Object.freeze([5, 18, 19, 20]),
  4: Object.freeze([6]),
  5: Object.freeze([7, 9]),
  6: Object.freeze([8]),
  7: Object.freeze([11, 12, 13, 14, 15, 21, 26, 27]),
  8: Object.freeze([16]),
  9: Object.freeze([17]),
});

/** "6, 7, 8: These are terminal buckets in shipment journey" (004). */
export const TERMINAL_BUCKETS: readonly number[] = Object.freeze([6, 7, 8]);

const BUCKET_BY_CODE: ReadonlyMap<number, number> = new Map(
  Object.entries(BUCKET_STATUS_CODES).flatMap(([bucket, codes]) => codes.map((code) => [code, Number(bucket)] as const)),
);

/** The bucket a clickpost_status_code belongs to, or null for a code the table does not list. */
export function bucketForStatusCode(code: number): number | null {
  return BUCKET_BY_CODE.get(code) ?? null;
}

export function isTerminalBucket(bucket: number | null): boolean {
  return bucket !== null && TERMINAL_BUCKETS.includes(bucket);
}

/** A bucket number ClickPost may send, kept only when the table knows it. */
export function knownBucket(value: number | null): number | null {
  return value !== null && Object.prototype.hasOwnProperty.call(TRACKING_BUCKETS, value) ? value : null;
}

/** clickpost_status_code 10, CANCELLED_ORDER "Order Has Been Cancelled" (slate _status.md, "Tracking Status Codes"). */
export const CANCELLED_STATUS_CODE = 10;

/** True for a scan saying the order was cancelled: how a tracking scan confirms an accepted (202) cancel. */
export function isCancelledScan(event: { status_code: number | null }): boolean {
  return event.status_code === CANCELLED_STATUS_CODE;
}

/** Bucket 5, "Failed Delivery" (codes 7 and 9): the events that carry an NDR reason (004). */
export const FAILED_DELIVERY_BUCKET = 5;

/**
 * ndr_status_code -> ndr_status_description: 0..11 from 004 "NDR Status Codes", 12 and 13
 * from slate source/includes/_track.md (the later table). ClickPost: "the mapping of NDR
 * be done strictly on ndr_status_code and not on ndr_status_description".
 */
export const NDR_STATUS_CODES: Readonly<Record<number, string>> = Object.freeze({
  0: 'Unknown Exception',
  1: 'Customer Unavailable',
  2: 'Rejected by Customer',
  3: 'Delivery Rescheduled',
  4: 'No Attempt',
  5: 'Customer Unreachable',
  6: 'Address Issue',
  7: 'Payment Issue',
  8: 'Out Of Delivery Area',
  9: 'Order Already Cancelled',
  10: 'Self Collect',
  11: 'Shipment Seized By Customer',
  12: 'Customer wants open delivery',
  13: 'Shipment Misrouted by logistics partner',
});

export interface Ndr {
  code: number;
  description: string | null;
}

/**
 * The NDR reason of a failed delivery, read by code: the table's description for a known
 * code, else ClickPost's own text. No code, no NDR (the text is never mapped).
 */
export function ndrFor(code: number | null, clickpostText: string | null): Ndr | null {
  if (code === null) return null;
  const known = Object.prototype.hasOwnProperty.call(NDR_STATUS_CODES, code) ? NDR_STATUS_CODES[code]! : null;
  return { code, description: known ?? clickpostText };
}
