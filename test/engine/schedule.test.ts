/**
 * schedule() inserts first and reads only when the code exists: the same body again is
 * the existing shipment, a different body a conflict, and two schedules of one new code
 * at the same moment (two connections on PostgreSQL) make one shipment, never an error.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';
import { ConflictError } from '../../src/errors.js';

describe.each(testDatabases())('schedule() of one code on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  const rows = async (table: string, where: Record<string, unknown> = {}) =>
    Number(((await h.connector.db(table).where(where).count({ n: '*' }).first()) as { n: number | string }).n);
  const countOf = (code: string) => rows('shipments', { shipment_code: code });

  it('answers the existing shipment for the same body and writes nothing more', async () => {
    const body = exampleShipment('SCH-1', ['Delhivery B2B'], 2);
    const first = await h.connector.schedule(body);
    const again = await h.connector.schedule(structuredClone(body));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.shipment.shipment_code).toBe('SCH-1');
    expect(await countOf('SCH-1')).toBe(1);
    expect(await rows('boxes')).toBe(2);
  });

  it('refuses a different body under an existing code and writes nothing', async () => {
    await h.connector.schedule(exampleShipment('SCH-2', ['Delhivery B2B'], 2));
    await expect(h.connector.schedule(exampleShipment('SCH-2', ['Delhivery B2B'], 3))).rejects.toBeInstanceOf(ConflictError);
    expect(await countOf('SCH-2')).toBe(1);
    expect(await rows('boxes')).toBe(2);
  });

  it('makes one shipment when the same new code is scheduled twice at once', async () => {
    const body = exampleShipment('SCH-3', ['Delhivery B2B'], 2);
    const answers = await Promise.all([h.connector.schedule(body), h.connector.schedule(structuredClone(body))]);
    expect(answers.map((a) => a.created).sort()).toEqual([false, true]);
    expect(await countOf('SCH-3')).toBe(1);
    expect(await rows('timers')).toBe(1);
  });
});
