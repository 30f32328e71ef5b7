import { expect, it } from '@jest/globals';
import { insertApiCall, listApiCalls, listFailedApiCalls } from '../../src/store/api-calls-repo.js';
import {
  countAttemptsByOutcome,
  findAttemptByReference,
  listAttempts,
  upsertAttempt,
  type NewAttempt,
} from '../../src/store/attempts-repo.js';
import { insertTrackingEvents, latestTrackingEvents, listTrackingEvents, type InsertTrackingEventArgs } from '../../src/store/tracking-repo.js';
import type { ApiCallRecord } from '../../src/transport/types.js';
import { attemptColumns } from '../../src/engine/projection.js';
import { newAttempt } from '../../machines/shipment-rules.js';
import { testDatabases, useTestDb } from '../helpers/db.js';
import { seedShipment, T0 } from './seed.js';

const DAY = 86_400_000;

// The attempt as the engine projects it (one field list: src/store/rows.ts ATTEMPT_FIELDS).
const PROVIDERS = [1, 2, 3].map((p) => ({ courier_partner_id: 3 + p, account_code: `Account ${p}` }));

function attempt(shipment_id: number, priority: number, extra: Partial<NewAttempt> = {}): NewAttempt {
  return { ...attemptColumns(shipment_id, newAttempt('SHP-A', PROVIDERS, priority - 1), T0), ...extra };
}

function call(created_at: number, failed: boolean, extra: Partial<ApiCallRecord> = {}): ApiCallRecord {
  return {
    shipment_id: null,
    reference_number: null,
    endpoint: 'create-order',
    method: 'POST',
    url: 'https://sandbox/api/v3/create-order/?username=u&key=[REDACTED]',
    request_body: '{"a":1}',
    response_body: failed ? null : '{"meta":{"status":200}}',
    http_status: failed ? null : 200,
    meta_status: failed ? null : 200,
    duration_ms: 12,
    error_kind: failed ? 'ERR_CLICKPOST_TIMEOUT' : null,
    error_message: failed ? 'timed out' : null,
    retry_number: 0,
    failed,
    created_at,
    ...extra,
  };
}

function event(shipment_id: number, dedupe_key: string, event_time: number, extra: Partial<InsertTrackingEventArgs> = {}): InsertTrackingEventArgs {
  return {
    shipment_id,
    awb: 'AWB-T',
    dedupe_key,
    status_code: 3,
    status_description: 'InTransit',
    bucket: 2,
    status: 'In transit',
    location: 'Pune',
    remark: null,
    event_time,
    received_at: T0 + 10 * DAY,
    stale: false,
    source: 'webhook',
    raw: { order_status_id: dedupe_key },
    ...extra,
  };
}

describe.each(testDatabases())('attempts, api calls and tracking on %s', (kind) => {
  const t = useTestDb(kind);

  it('upserts attempts by reference number and lists them in priority order', async () => {
    const id = await seedShipment(t.db, 'SHP-A');
    await upsertAttempt(t.db, attempt(id, 2));
    await upsertAttempt(t.db, attempt(id, 1, { outcome: 'ERROR', meta_status: 319, message: 'Pincode not serviceable', error_kind: 'immediate', ended_at: T0 + 5 }));
    await upsertAttempt(t.db, attempt(id, 2, { outcome: 'BOOKED', meta_status: 200, polls: 3, parent_awb: 'P-AWB', label_url: 'https://l', ended_at: T0 + 9 }));
    const rows = await listAttempts(t.db, id);
    expect(rows.map((r) => [r.priority, r.reference_number, r.outcome, r.polls])).toEqual([
      [1, 'SHP-A', 'ERROR', 0],
      [2, 'SHP-A-P2', 'BOOKED', 3],
    ]);
    expect(await findAttemptByReference(t.db, 'SHP-A-P2')).toMatchObject({
      shipment_id: id,
      courier_partner_id: 5,
      meta_status: 200,
      parent_awb: 'P-AWB',
      started_at: T0,
      ended_at: T0 + 9,
    });
    expect(await findAttemptByReference(t.db, 'SHP-A-P3')).toBeNull();
    expect(await countAttemptsByOutcome(t.db)).toEqual({ ERROR: 1, BOOKED: 1 });
  });

  it('lists failed api calls of one day window [from, to)', async () => {
    const day = Date.parse('2026-11-23T00:00:00Z');
    await insertApiCall(t.db, call(day - 1, true));
    await insertApiCall(t.db, call(day, true, { endpoint: 'poll-order', method: 'GET' }));
    await insertApiCall(t.db, call(day + 1000, false));
    await insertApiCall(t.db, call(day + DAY - 1, true, { retry_number: 2 }));
    await insertApiCall(t.db, call(day + DAY, true));
    const failed = await listFailedApiCalls(t.db, { from_ms: day, to_ms: day + DAY });
    expect(failed.map((c) => [c.created_at, c.endpoint, c.retry_number, c.failed])).toEqual([
      [day, 'poll-order', 0, true],
      [day + DAY - 1, 'create-order', 2, true],
    ]);
    expect(failed[0]).toMatchObject({ method: 'GET', http_status: null, error_kind: 'ERR_CLICKPOST_TIMEOUT' });
  });

  it('lists api calls by shipment and by reference, booleans as booleans', async () => {
    const id = await seedShipment(t.db, 'SHP-C');
    await insertApiCall(t.db, call(T0, false, { shipment_id: id, reference_number: 'SHP-C' }));
    await insertApiCall(t.db, call(T0 + 1, true, { shipment_id: id, reference_number: 'SHP-C-P2' }));
    await insertApiCall(t.db, call(T0 + 2, false));
    const byShipment = await listApiCalls(t.db, { shipment_id: id });
    expect(byShipment.map((c) => [c.reference_number, c.failed])).toEqual([
      ['SHP-C', false],
      ['SHP-C-P2', true],
    ]);
    expect((await listApiCalls(t.db, { reference_number: 'SHP-C-P2' })).map((c) => c.created_at)).toEqual([T0 + 1]);
    expect(await listApiCalls(t.db)).toHaveLength(3);
  });

  it('deduplicates tracking events by dedupe_key', async () => {
    const id = await seedShipment(t.db, 'SHP-T');
    expect(await insertTrackingEvents(t.db, [event(id, 'k1', T0)])).toEqual(new Set(['k1']));
    expect(await insertTrackingEvents(t.db, [event(id, 'k1', T0 + 5, { status: 'changed' })])).toEqual(new Set());
    // In one statement: the stored key, and the same key twice, are written once, the first.
    expect(await insertTrackingEvents(t.db, [event(id, 'k1', T0 + 6), event(id, 'k2', T0 + 7, { status: 'first' }), event(id, 'k2', T0 + 8, { status: 'second' })])).toEqual(new Set(['k2']));
    const rows = await listTrackingEvents(t.db, { shipment_id: id });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ status: 'In transit', event_time: T0, stale: false, raw: { order_status_id: 'k1' } });
    expect(rows[1]).toMatchObject({ dedupe_key: 'k2', status: 'first', event_time: T0 + 7 });
  });

  it('orders events by their own time, whatever order they arrived in', async () => {
    const id = await seedShipment(t.db, 'SHP-O');
    await insertTrackingEvents(t.db, [event(id, 'late', T0 + 3000, { status: 'Delivered' })]);
    await insertTrackingEvents(t.db, [event(id, 'early', T0 + 1000, { status: 'Picked up', stale: true })]);
    await insertTrackingEvents(t.db, [event(id, 'mid', T0 + 2000, { status: 'In transit', source: 'poll' })]);
    await insertTrackingEvents(t.db, [event(id, 'other', T0 + 9000, { awb: 'AWB-OTHER', shipment_id: null })]);
    const list = await listTrackingEvents(t.db, { shipment_id: id });
    expect(list.map((e) => [e.status, e.stale, e.source])).toEqual([
      ['Picked up', true, 'webhook'],
      ['In transit', false, 'poll'],
      ['Delivered', false, 'webhook'],
    ]);
    const other = await seedShipment(t.db, 'SHP-O2');
    await insertTrackingEvents(t.db, [event(other, 'o1', T0 + 500), event(other, 'o2', T0 + 500)]); // same time: the later id wins
    const latest = await latestTrackingEvents(t.db, [id, other, other + 1]);
    expect(latest.get(id)?.status).toBe('Delivered');
    expect(latest.get(other)?.dedupe_key).toBe('o2');
    expect(latest.has(other + 1)).toBe(false);
    expect((await listTrackingEvents(t.db, { awb: 'AWB-OTHER' })).map((e) => e.dedupe_key)).toEqual(['other']);
  });
});
