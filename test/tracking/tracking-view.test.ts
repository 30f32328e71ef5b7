import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ClickPostApi } from '../../src/clickpost/api.js';
import { ManualClock } from '../../src/clock.js';
import { NotFoundError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { createTrackingService } from '../../src/tracking/tracking-service.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { HOUR, seedShipment, T0, webhookBody } from './setup.js';

const KEY = 'view-test-webhook-key';
const auth = { webhook_key: KEY };
const noApi = async (): Promise<ClickPostApi> => {
  throw new Error('unused');
};

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb('sqlite');
});
afterEach(async () => {
  await t.close();
});

function service() {
  return createTrackingService({ db: t.db, clock: new ManualClock(T0), logger: silentLogger(), webhookKey: KEY, clickpost: noApi });
}

describe('tracking view', () => {
  it('throws NotFoundError (404) for an unknown shipment code', async () => {
    const err = await service().tracking('NOPE').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).httpStatus).toBe(404);
  });

  it('answers awb null and no events for a shipment not booked yet', async () => {
    await seedShipment(t.db, 'SHP-Q', { status: 'QUEUED' });
    expect(await service().tracking('SHP-Q')).toEqual({ shipment_code: 'SHP-Q', awb: null, latest: null, events: [] });
  });

  it('shows every field of an event, the time in UTC ISO 8601, and only its own shipment', async () => {
    await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1' });
    await seedShipment(t.db, 'SHP-2', { parentAwb: 'AWB-2' });
    const svc = service();
    // India time 2026-11-23 08:00:00 is 02:30 UTC.
    await svc.handleWebhook(auth, { waybill: 'AWB-1', clickpost_status_code: 6, clickpost_status_description: 'OutForDelivery', status: 'O', location: 'VASAI, MUMBAI', remark: 'Out For Delivery', timestamp: '2026-11-23 08:00:00' });
    await svc.handleWebhook(auth, webhookBody('AWB-2', 5, T0 - HOUR));
    const view = await svc.tracking('SHP-1');
    const event = { status_code: 6, status_description: 'OutForDelivery', bucket: 4, status: 'O', location: 'VASAI, MUMBAI', remark: 'Out For Delivery', timestamp: '2026-11-23T02:30:00.000Z', stale: false, ndr: null };
    expect(view).toEqual({ shipment_code: 'SHP-1', awb: 'AWB-1', latest: event, events: [event] });
  });

  it('orders events by their own time, then arrival, including child AWBs and events that came before the AWB was known', async () => {
    const id = await seedShipment(t.db, 'SHP-1', { parentAwb: null, childAwbs: [null, null] });
    const svc = service();
    // Arrives before the booking is written: kept with no shipment.
    expect((await svc.handleWebhook(auth, webhookBody('AWB-1', 1, T0 - 5 * HOUR))).shipment_code).toBeNull();
    await t.db('shipments').where({ id }).update({ parent_awb: 'AWB-1' });
    await t.db('boxes').where({ shipment_id: id, position: 0 }).update({ child_awb: 'AWB-1_1' });
    await t.db('boxes').where({ shipment_id: id, position: 1 }).update({ child_awb: 'AWB-1_2' });
    await svc.handleWebhook(auth, webhookBody('AWB-1_2', 5, T0 - 2 * HOUR, { remark: 'box 2' }));
    await svc.handleWebhook(auth, webhookBody('AWB-1', 4, T0 - 3 * HOUR));
    await svc.handleWebhook(auth, webhookBody('AWB-1_1', 5, T0 - 2 * HOUR, { remark: 'box 1' })); // same time, arrived later
    // Someone else's orphan event is not shown.
    await svc.handleWebhook(auth, webhookBody('OTHER', 8, T0));
    const view = await svc.tracking('SHP-1');
    expect(view.events.map((e) => [e.status_code, e.timestamp])).toEqual([
      [1, new Date(T0 - 5 * HOUR).toISOString()],
      [4, new Date(T0 - 3 * HOUR).toISOString()],
      [5, new Date(T0 - 2 * HOUR).toISOString()],
      [5, new Date(T0 - 2 * HOUR).toISOString()],
    ]);
    expect(view.events.map((e) => e.remark)).toEqual(['remark 1', 'remark 4', 'box 2', 'box 1']);
    expect(view.latest).toEqual(view.events[3]);
    const rows = await t.db('tracking_events').where({ awb: 'AWB-1_1' });
    expect(rows).toHaveLength(1);
  });
});
