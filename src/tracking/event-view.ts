/** A stored tracking row -> the event as the host sees it. */
import type { TrackingRow } from '../store/rows.js';
import type { TrackingEventView } from './types.js';

export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** 001: an event more than a day older than now reached us late; hosts must not notify on it. */
export function isStale(eventTimeMs: number, nowMs: number): boolean {
  return eventTimeMs < nowMs - STALE_AFTER_MS;
}

type ViewedColumns = 'status_code' | 'status_description' | 'bucket' | 'status' | 'location' | 'remark' | 'event_time' | 'stale' | 'ndr_code' | 'ndr_description';

export function toEventView(row: Pick<TrackingRow, ViewedColumns>): TrackingEventView {
  return {
    status_code: row.status_code,
    status_description: row.status_description,
    bucket: row.bucket,
    status: row.status,
    location: row.location,
    remark: row.remark,
    timestamp: new Date(row.event_time).toISOString(),
    stale: row.stale,
    ndr: row.ndr_code === null ? null : { code: row.ndr_code, description: row.ndr_description },
  };
}
