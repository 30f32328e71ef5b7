/**
 * Tracking scans in the track-order format of 004_39a0c313dd341662.txt: India local
 * timestamps 'YYYY-MM-DD HH:MM:SS', a ClickPost status code, its description and bucket.
 * A failed delivery (bucket 5) carries an NDR reason, served as the record's
 * `additional.ndr` `{ ndr_bucket_code, ndr_description }`, as slate's _track.md polling
 * sample shows it.
 */
import type { Ledger, SandboxScan } from './ledger.js';

const IST_OFFSET_MS = 330 * 60_000;

/** Epoch ms -> 'YYYY-MM-DD HH:MM:SS' India time (ClickPost's track-order format). */
export function indiaTimestamp(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** 'YYYY-MM-DD HH:MM:SS' or ISO without zone = India time; with a zone, as given. */
export function parseScanTime(value: string): number {
  const text = value.trim().replace(' ', 'T');
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(text)) return Date.parse(text);
  return Date.parse(`${text}+05:30`);
}

// Status code -> [description, bucket], from the bucket table of the tracking doc.
const STATUS: Readonly<Record<number, [string, number]>> = Object.freeze({
  1: ['OrderPlaced', 1],
  2: ['PickupPending', 1],
  3: ['PickupFailed', 1],
  4: ['PickedUp', 2],
  5: ['InTransit', 3],
  6: ['OutForDelivery', 4],
  7: ['NotServiceable', 5],
  8: ['Delivered', 6],
  9: ['FailedDelivery', 5],
  10: ['CancelledOrder', 1],
  11: ['RTORequested', 7],
  12: ['RTO', 7],
  13: ['RTOOutForDelivery', 7],
  14: ['RTODelivered', 7],
  15: ['RTOFailed', 7],
  16: ['Lost', 8],
  17: ['Damaged', 9],
  18: ['ShipmentDelayed', 3],
  19: ['ContactCustomerCare', 3],
  20: ['ShipmentHeld', 3],
  21: ['RTOInTransit', 7],
  25: ['OutForPickup', 1],
  26: ['RTOContactCustomerCare', 7],
  27: ['RTOShipmentDelay', 7],
  28: ['AWBRegistered', 1],
});

export interface ScanInput {
  clickpost_status_code: number;
  clickpost_status_description?: string;
  clickpost_status_bucket?: number;
  status?: string;
  location?: string;
  remark?: string;
  /** Epoch ms, or a ClickPost timestamp string; default: the sandbox clock. */
  timestamp?: number | string;
  /** NDR of a failed delivery (codes 7, 9); default 1 for 9, 8 for 7. */
  ndr_status_code?: number;
  ndr_status_description?: string;
}

/** A scan as the sandbox keeps it: the wire scan plus, on a failed delivery, its NDR. */
export type NdrScan = SandboxScan & { ndr?: { ndr_bucket_code: number; ndr_description: string } };

const FAILED_DELIVERY_BUCKET = 5;

// ClickPost's own texts as its samples write them (slate _track.md: "Customer unavailable"),
// not the table's capitalisation: the connector must show the table's text for a known code.
const NDR_TEXT: Readonly<Record<number, string>> = Object.freeze({
  1: 'Customer unavailable',
  2: 'Rejected by customer',
  4: 'No attempt',
  6: 'Address issue',
  8: 'Out of delivery area',
});

function ndrOf(input: ScanInput, bucket: number): NdrScan['ndr'] {
  if (bucket !== FAILED_DELIVERY_BUCKET) return undefined;
  const code = input.ndr_status_code ?? (input.clickpost_status_code === 7 ? 8 : 1);
  return { ndr_bucket_code: code, ndr_description: input.ndr_status_description ?? NDR_TEXT[code] ?? 'Exception' };
}

let checkpoint = 160_000_000;

export function makeScan(input: ScanInput, trackingId: number, nowMs: number): NdrScan {
  const [description, tableBucket] = STATUS[input.clickpost_status_code] ?? ['Unknown', 3];
  const bucket = input.clickpost_status_bucket ?? tableBucket;
  const at = typeof input.timestamp === 'number' ? input.timestamp : typeof input.timestamp === 'string' ? parseScanTime(input.timestamp) : nowMs;
  checkpoint += 1;
  const ndr = ndrOf(input, bucket);
  return {
    ...(ndr ? { ndr } : {}),
    clickpost_status_description: input.clickpost_status_description ?? description,
    clickpost_status_code: input.clickpost_status_code,
    clickpost_status_bucket: bucket,
    status: input.status ?? description,
    location: input.location ?? '',
    remark: input.remark ?? input.status ?? description,
    tracking_id: trackingId,
    timestamp: typeof input.timestamp === 'string' ? input.timestamp : indiaTimestamp(at),
    checkpoint_id: checkpoint,
    at,
  };
}

function wire(scan: NdrScan): Omit<SandboxScan, 'at'> {
  const { at: _at, ndr: _ndr, ...rest } = scan;
  return rest;
}

/** The record's `additional`: 004's fields, and `ndr` from the newest failed delivery that has one. */
function recordAdditional(newestFirst: readonly NdrScan[]): Record<string, unknown> {
  const ndr = newestFirst.find((s) => s.ndr)?.ndr;
  return { is_stuck: false, dest_hub_inscan: false, order_detail: [], ...(ndr ? { ndr } : {}), edd: { min_sla: 2, max_sla: 5 } };
}

/** The track-order record of one AWB: scans newest first, latest_status by timestamp. */
export function trackingRecord(ledger: Ledger, awb: string): Record<string, unknown> {
  const scans = ledger.scans(awb);
  if (!scans || scans.length === 0) return { valid: false, latest_status: null, scans: [], additional: {} };
  const ordered: NdrScan[] = [...scans].sort((a, b) => b.at - a.at);
  const { tracking_id: _t, checkpoint_id: _c, ...latest } = wire(ordered[0]!);
  return {
    valid: true,
    latest_status: latest,
    additional: recordAdditional(ordered),
    scans: ordered.map(wire),
  };
}
