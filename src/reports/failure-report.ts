/**
 * The daily failure report ClickPost asks integrators for: every failed call of one India
 * day with its URL (without the key), payload, response and retry number, plus the
 * day's totals to reconcile against.
 */
import { indiaIsoWithOffset } from '../clickpost/units.js';
import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import { listFailedApiCalls } from '../store/api-calls-repo.js';
import type { ApiCallRow } from '../store/rows.js';
import { redact, redactValue } from '../transport/redact.js';
import { indiaDayWindow } from './india-day.js';
import { reconcileDay, type Reconciliation } from './reconciliation.js';
import type { ShipmentCountResult } from '../clickpost/shipment-count.js';
import { countApiCallsIn, countAttemptsBookedIn, countShipmentsCreatedIn, shipmentCodesByIds, unconfirmedCancelsIn, type UnconfirmedCancel } from './report-queries.js';

export interface FailureLine {
  time: string;
  shipment_code: string | null;
  reference_number: string | null;
  endpoint: string;
  method: string;
  url: string;
  http_status: number | null;
  meta_status: number | null;
  error_kind: string | null;
  error_message: string | null;
  retry_number: number;
  request_body: unknown;
  response_body: unknown;
}

export interface FailureReport {
  /** YYYY-MM-DD, the India day. */
  date: string;
  generated_at: string;
  window: { from: string; to: string };
  totals: { calls: number; failed_calls: number; failed_references: number; shipments_created: number; shipments_booked: number };
  failures: FailureLine[];
  /** Cancels ClickPost accepted for later (202) and did not confirm within 24 hours. */
  unconfirmed_cancels: UnconfirmedCancel[];
  /** ClickPost's count of the day against the connector's bookings (when ClickPost was asked). */
  reconciliation?: Reconciliation;
}

/** Stored text -> JSON when it parses, else the text; secrets masked either way. */
export function readBody(text: string | null): unknown {
  if (text === null) return null;
  // Rows were redacted when recorded; this is defence in depth (e.g. a key registered later).
  const clean = redact(text);
  try {
    return redactValue(JSON.parse(clean) as unknown);
  } catch {
    return clean;
  }
}

function failureLine(row: ApiCallRow, codes: Map<number, string>): FailureLine {
  return {
    time: indiaIsoWithOffset(row.created_at),
    shipment_code: row.shipment_id === null ? null : (codes.get(row.shipment_id) ?? null),
    reference_number: row.reference_number,
    endpoint: row.endpoint,
    method: row.method,
    url: redact(row.url),
    http_status: row.http_status,
    meta_status: row.meta_status,
    error_kind: row.error_kind,
    error_message: row.error_message === null ? null : redact(row.error_message),
    retry_number: row.retry_number,
    request_body: readBody(row.request_body),
    response_body: readBody(row.response_body),
  };
}

/**
 * The report of one India day; ValidationError('invalid_query') for a bad date. With
 * `clickpostCount`, ClickPost's count of that day is reconciled against the bookings.
 */
export async function buildFailureReport(db: Db, date: string, clock: Clock, clickpostCount?: (date: string) => Promise<ShipmentCountResult>): Promise<FailureReport> {
  const window = indiaDayWindow(date);
  const reconciliation = clickpostCount ? { reconciliation: await reconcileDay(db, date, window, await clickpostCount(date)) } : {};
  const failed = await listFailedApiCalls(db, window);
  const codes = await shipmentCodesByIds(
    db,
    failed.flatMap((r) => (r.shipment_id === null ? [] : [r.shipment_id])),
  );
  const references = new Set(failed.flatMap((r) => (r.reference_number === null ? [] : [r.reference_number])));
  return {
    date,
    generated_at: indiaIsoWithOffset(clock.now()),
    window: { from: indiaIsoWithOffset(window.from_ms), to: indiaIsoWithOffset(window.to_ms) },
    totals: {
      calls: await countApiCallsIn(db, window),
      failed_calls: failed.length,
      failed_references: references.size,
      shipments_created: await countShipmentsCreatedIn(db, window),
      shipments_booked: await countAttemptsBookedIn(db, window),
    },
    failures: failed.map((row) => failureLine(row, codes)),
    unconfirmed_cancels: await unconfirmedCancelsIn(db, window),
    ...reconciliation,
  };
}
