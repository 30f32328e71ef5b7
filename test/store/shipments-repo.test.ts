import { expect, it } from '@jest/globals';
import { writeTransaction } from '../../src/store/db.js';
import { insertBoxes, listBoxes, setBoxAwbs } from '../../src/store/boxes-repo.js';
import {
  countShipmentsByStatus,
  findShipmentByCode,
  findShipmentById,
  listShipments,
  lockShipmentForStep,
  saveShipmentStep,
  type SaveShipmentStepArgs,
} from '../../src/store/shipments-repo.js';
import { rejectionMessage, testDatabases, useTestDb } from '../helpers/db.js';
import { seedShipment, T0 } from './seed.js';

function step(shipment_id: number, expected_version: number, extra: Partial<SaveShipmentStepArgs> = {}): SaveShipmentStepArgs {
  return {
    shipment_id,
    expected_version,
    snapshot: { value: 'BOOKED' },
    status: 'BOOKED',
    provider_priority: 2,
    parent_awb: 'AWB-1',
    label_url: 'https://labels.example/1.pdf',
    pickup_time: '2026-11-23T11:00:00',
    appointment_date: '2026-11-25',
    error: null,
    now: T0 + 1000,
    ...extra,
  };
}

describe.each(testDatabases())('shipments and boxes on %s', (kind) => {
  const t = useTestDb(kind);

  it('stores a shipment and reads it back with JSON parsed and times as numbers', async () => {
    const id = await seedShipment(t.db, 'SHP-1');
    const row = await findShipmentByCode(t.db, 'SHP-1');
    expect(row).toMatchObject({
      id,
      shipment_code: 'SHP-1',
      status: 'QUEUED',
      body: { shipment_code: 'SHP-1', boxes: [{ box_code: 'SHP-1-1' }] },
      body_hash: 'hash-SHP-1',
      snapshot: { value: 'QUEUED', context: { code: 'SHP-1' } },
      version: 0,
      provider_priority: null,
      parent_awb: null,
      error: null,
      settings: { pickup_after_minutes: 30, appointment_after_days: 2 },
      created_at: T0,
      updated_at: T0,
    });
    expect(typeof row!.created_at).toBe('number');
    expect(await findShipmentById(t.db, id)).toEqual(row);
    expect(await findShipmentByCode(t.db, 'NOPE')).toBeNull();
    expect(await findShipmentById(t.db, id + 1000)).toBeNull();
  });

  it('refuses a second shipment with the same code', async () => {
    await seedShipment(t.db, 'SHP-DUP');
    expect(await rejectionMessage(seedShipment(t.db, 'SHP-DUP'))).toMatch(/unique|duplicate/i);
    expect(await countShipmentsByStatus(t.db)).toEqual({ QUEUED: 1 });
  });

  it('locks write-first: touches updated_at and returns the row; null for an unknown id', async () => {
    const id = await seedShipment(t.db, 'SHP-L');
    const locked = await writeTransaction(t.db, (trx) => lockShipmentForStep(trx, { shipment_id: id, now: T0 + 5 }));
    expect(locked).toMatchObject({ id, updated_at: T0 + 5, version: 0, snapshot: { value: 'QUEUED', context: { code: 'SHP-L' } } });
    expect(await writeTransaction(t.db, (trx) => lockShipmentForStep(trx, { shipment_id: id + 99, now: T0 }))).toBeNull();
  });

  it('saves a step with the expected version and bumps it', async () => {
    const id = await seedShipment(t.db, 'SHP-S');
    const saved = await writeTransaction(t.db, (trx) => saveShipmentStep(trx, step(id, 0)));
    expect(saved).toBe(true);
    // Every column the step wrote reads back as written (snapshot, status, provider, AWB, times, error).
    const { shipment_id: _id, expected_version: _version, now: _now, ...written } = step(id, 0);
    expect(await findShipmentById(t.db, id)).toMatchObject({ ...written, version: 1, updated_at: T0 + 1000 });
  });

  it('a stale expected_version returns false and changes nothing', async () => {
    const id = await seedShipment(t.db, 'SHP-V');
    expect(await saveShipmentStep(t.db, step(id, 0, { status: 'CREATING', snapshot: { value: 'CREATING' } }))).toBe(true);
    const before = await findShipmentById(t.db, id);
    const failed = { message: 'no provider booked', attempts: [{ priority: 1, meta_status: 319, message: 'x' }] };
    const stale = await saveShipmentStep(t.db, step(id, 0, { status: 'FAILED', error: failed, now: T0 + 9999 }));
    expect(stale).toBe(false);
    expect(await findShipmentById(t.db, id)).toEqual(before);
    expect(await saveShipmentStep(t.db, step(id, 1, { status: 'FAILED', error: failed }))).toBe(true);
    expect(await findShipmentById(t.db, id)).toMatchObject({ version: 2, status: 'FAILED', error: failed });
  });

  it('lists newest first with an id cursor and a status filter', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(await seedShipment(t.db, `SHP-P${i}`, { status: i % 2 === 0 ? 'QUEUED' : 'BOOKED' }));
    const newestFirst = [...ids].sort((a, b) => b - a);
    const seen: number[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await listShipments(t.db, { limit: 3, after });
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.id));
      after = page[page.length - 1]!.id;
    }
    expect(seen).toEqual(newestFirst);
    const booked = await listShipments(t.db, { status: 'BOOKED', limit: 10 });
    expect(booked.map((r) => r.shipment_code)).toEqual(['SHP-P5', 'SHP-P3', 'SHP-P1']);
    const bookedAfter = await listShipments(t.db, { status: 'BOOKED', limit: 10, after: booked[0]!.id });
    expect(bookedAfter.map((r) => r.shipment_code)).toEqual(['SHP-P3', 'SHP-P1']);
    expect(await countShipmentsByStatus(t.db)).toEqual({ QUEUED: 4, BOOKED: 3 });
  });

  it('keeps boxes in position order and sets their child AWBs', async () => {
    const id = await seedShipment(t.db, 'SHP-B');
    await insertBoxes(t.db, id, [
      { position: 2, box_code: 'B-3' },
      { position: 0, box_code: 'B-1' },
      { position: 1, box_code: 'B-2' },
    ]);
    await setBoxAwbs(t.db, id, [
      { position: 0, child_awb: 'AWB_1', child_label_url: null },
      { position: 2, child_awb: 'AWB_3', child_label_url: 'https://l/3.pdf' },
    ]);
    const boxes = await listBoxes(t.db, id);
    expect(boxes.map((b) => [b.position, b.box_code, b.child_awb, b.child_label_url])).toEqual([
      [0, 'B-1', 'AWB_1', null],
      [1, 'B-2', null, null],
      [2, 'B-3', 'AWB_3', 'https://l/3.pdf'],
    ]);
    expect(await rejectionMessage(insertBoxes(t.db, id, [{ position: 1, box_code: 'again' }]))).toMatch(/unique|duplicate/i);
    expect(await listBoxes(t.db, id + 1)).toEqual([]);
  });
});
