/**
 * Tracking scans in the track-order format of 004_39a0c313dd341662.txt: India local
 * timestamps 'YYYY-MM-DD HH:MM:SS', a ClickPost status code, its description and bucket.
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
  7: ['NotContactable', 5],
  8: ['Delivered', 6],
  9: ['FailedDelivery', 5],
  10: ['Cancelled', 1],
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
}

let checkpoint = 160_000_000;

export function makeScan(input: ScanInput, trackingId: number, nowMs: number): SandboxScan {
  const [description, bucket] = STATUS[input.clickpost_status_code] ?? ['Unknown', 3];
  const at = typeof input.timestamp === 'number' ? input.timestamp : typeof input.timestamp === 'string' ? parseScanTime(input.timestamp) : nowMs;
  checkpoint += 1;
  return {
    clickpost_status_description: input.clickpost_status_description ?? description,
    clickpost_status_code: input.clickpost_status_code,
    clickpost_status_bucket: input.clickpost_status_bucket ?? bucket,
    status: input.status ?? description,
    location: input.location ?? '',
    remark: input.remark ?? input.status ?? description,
    tracking_id: trackingId,
    timestamp: typeof input.timestamp === 'string' ? input.timestamp : indiaTimestamp(at),
    checkpoint_id: checkpoint,
    at,
  };
}

function wire(scan: SandboxScan): Omit<SandboxScan, 'at'> {
  const { at: _at, ...rest } = scan;
  return rest;
}

/** The track-order record of one AWB: scans newest first, latest_status by timestamp. */
export function trackingRecord(ledger: Ledger, awb: string): Record<string, unknown> {
  const scans = ledger.scans(awb);
  if (!scans || scans.length === 0) return { valid: false, latest_status: null, scans: [], additional: {} };
  const ordered = [...scans].sort((a, b) => b.at - a.at);
  const { tracking_id: _t, checkpoint_id: _c, ...latest } = wire(ordered[0]!);
  return {
    valid: true,
    latest_status: latest,
    additional: { is_stuck: false, dest_hub_inscan: false, order_detail: [], edd: { min_sla: 2, max_sla: 5 } },
    scans: ordered.map(wire),
  };
}
