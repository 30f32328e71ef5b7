/**
 * Failed deliveries keep their reason (issue 8, item 10): ClickPost's NDR code, the
 * description shown for it, and notification_event_id, stored from webhooks and from the
 * track-order poll alike, shown in the tracking view and in the tracking hook (which feeds
 * the host callback). On SQLite, and on PostgreSQL when DATABASE_URL points at one.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createClickPostApi } from '../../src/clickpost/api.js';
import { ManualClock } from '../../src/clock.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { insertTrackingEvents, listTrackingEvents } from '../../src/store/tracking-repo.js';
import { createClickPostClient } from '../../src/transport/client.js';
import { createTrackingService, type LatestChange } from '../../src/tracking/tracking-service.js';
import { fixture } from '../clickpost/fixtures.js';
import { openTestDb, testDatabases, type TestDb } from '../helpers/db.js';
import { bookAndSeedAt, capturingLogger, HOUR, seedShipment, T0, webhookBody } from './setup.js';

const KEY = 'ndr-test-webhook-key';
const clock = new ManualClock(T0);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clock });
});
afterAll(async () => {
  await sandbox.close();
});

describe.each(testDatabases())('NDR on failed deliveries (%s)', (kind) => {
  let t: TestDb;
  beforeEach(async () => {
    sandbox.reset();
    clock.set(T0);
    t = await openTestDb(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  function service(changes: LatestChange[] = []) {
    const api = createClickPostApi(createClickPostClient({ baseUrl: sandbox.url, username: 'u', key: 'k', retry: { limit: 0 } }));
    return createTrackingService({
      db: t.db, clock, logger: capturingLogger().logger, webhookKey: KEY, clickpost: async () => api,
      hooks: { onLatestChanged: async (_trx, change) => void changes.push(change) },
    });
  }

  it('a webhook: slate\'s selected-events failed delivery keeps code, table text and notification_event_id', async () => {
    await seedShipment(t.db, 'SHP-N1', { parentAwb: '2614010163240' });
    const changes: LatestChange[] = [];
    const svc = service(changes);
    const sample = fixture<{ name: string; body: Record<string, unknown> }[]>('webhook/slate-payloads.json').find((c) => c.name.includes('selected-events failed'))!;
    expect((await svc.handleWebhook({ authorization: `Bearer ${KEY}` }, sample.body)).stored).toBe(true);

    const [row] = await listTrackingEvents(t.db);
    expect(row).toMatchObject({ status_code: 9, ndr_code: 1, ndr_description: 'Customer Unavailable', notification_event_id: 4 });
    const view = await svc.tracking('SHP-N1');
    expect(view.latest).toMatchObject({ status_code: 9, bucket: 5, ndr: { code: 1, description: 'Customer Unavailable' } });
    expect(changes.map((c) => c.event.ndr)).toEqual([{ code: 1, description: 'Customer Unavailable' }]);
  });

  it('an unknown NDR code keeps ClickPost\'s text; other events show ndr null', async () => {
    await seedShipment(t.db, 'SHP-N2', { parentAwb: 'AWB-N2' });
    const svc = service();
    await svc.handleWebhook({ webhook_key: KEY }, webhookBody('AWB-N2', 6, T0 - 2 * HOUR, { additional: { ndr_status_code: 1 } }));
    await svc.handleWebhook({ webhook_key: KEY }, webhookBody('AWB-N2', 9, T0 - HOUR, { additional: { ndr_status_code: 57, ndr_status_description: 'Consignee on leave' } }));
    const view = await svc.tracking('SHP-N2');
    expect(view.events.map((e) => [e.status_code, e.ndr])).toEqual([[6, null], [9, { code: 57, description: 'Consignee on leave' }]]);
  });

  it('the track-order poll: the sandbox\'s failed delivery comes with its NDR, shown by the table\'s text', async () => {
    const { awb } = await bookAndSeedAt(sandbox.url, t.db, 'SHP-N3');
    clock.advance(HOUR);
    sandbox.pushTrackingScan(awb, { clickpost_status_code: 9, ndr_status_code: 6, ndr_status_description: 'Address issue' });
    const changes: LatestChange[] = [];
    const svc = service(changes);
    expect(await svc.pollOpenShipments()).toMatchObject({ calls: 1, stored: 2, errors: 0 });
    const view = await svc.tracking('SHP-N3');
    expect(view.events.map((e) => [e.status_code, e.ndr])).toEqual([[1, null], [9, { code: 6, description: 'Address Issue' }]]);
    expect(changes.map((c) => c.event.ndr)).toEqual([{ code: 6, description: 'Address Issue' }]);
    const rows = await listTrackingEvents(t.db);
    expect(rows.map((r) => [r.source, r.ndr_code, r.notification_event_id])).toEqual([['poll', null, null], ['poll', 6, null]]);
  });

  it('a row written without the NDR columns (as before migration 003) reads as ndr null', async () => {
    const id = await seedShipment(t.db, 'SHP-N4', { parentAwb: 'AWB-N4' });
    await insertTrackingEvents(t.db, [{
      shipment_id: id, awb: 'AWB-N4', dedupe_key: 'old-1', status_code: 9, status_description: 'FailedDelivery', bucket: 5,
      status: null, location: null, remark: null, event_time: T0 - HOUR, received_at: T0, stale: false, source: 'webhook', raw: null,
    }]);
    expect((await service().tracking('SHP-N4')).latest).toMatchObject({ status_code: 9, ndr: null });
  });
});
