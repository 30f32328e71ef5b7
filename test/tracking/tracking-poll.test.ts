import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createClickPostApi, type ClickPostApi } from '../../src/clickpost/api.js';
import { ManualClock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { listTrackingEvents } from '../../src/store/tracking-repo.js';
import { createClickPostClient } from '../../src/transport/client.js';
import { createTrackingService, type LatestChange } from '../../src/tracking/tracking-service.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { createPayload, post } from '../sandbox/fixtures.js';
import { capturingLogger, DAY, HOUR, seedShipment, T0, webhookBody } from './setup.js';

const KEY = 'poll-test-webhook-key';
const clock = new ManualClock(T0);
let sandbox: Sandbox;
let t: TestDb;

beforeAll(async () => {
  sandbox = await startSandbox({ clock });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.reset();
  clock.set(T0);
  t = await openTestDb('sqlite');
});
afterEach(async () => {
  await t.close();
});

function realApi(username = 'u'): ClickPostApi {
  return createClickPostApi(createClickPostClient({ baseUrl: sandbox.url, username, key: 'k', retry: { limit: 0 } }));
}

/** Books a one-box shipment at the sandbox with the courier of `priority` (exampleShipment: 4, 6, 9) and seeds its row. */
async function bookAndSeed(code: string, priority = 1): Promise<{ id: number; awb: string; child: string }> {
  const courierPartnerId = [4, 6, 9][priority - 1]!;
  const answer = await post(sandbox.url, createPayload({ reference: code, accountCode: 'Acct', courierPartnerId, boxes: [`${code}-1`] }));
  expect(answer.body.meta.status).toBe(200);
  const awb: string = answer.body.result.waybill;
  const child: string = answer.body.result.children[0].waybill;
  const id = await seedShipment(t.db, code, { parentAwb: awb, childAwbs: [child], priority });
  return { id, awb, child };
}

function trackRequests(): Array<{ cp_id: string; awbs: string[] }> {
  return sandbox.ledger.requests
    .filter((r) => r.path.startsWith('/api/v2/track-order'))
    .map((r) => ({ cp_id: r.query.cp_id!, awbs: r.query.waybill!.split(',') }));
}

function service(options: { api?: () => Promise<ClickPostApi>; batchSize?: number; logger?: Logger; changes?: LatestChange[] } = {}) {
  const changes = options.changes ?? [];
  return createTrackingService({
    db: t.db,
    clock,
    logger: options.logger ?? capturingLogger().logger,
    webhookKey: KEY,
    clickpost: options.api ?? (async () => realApi()),
    batchSize: options.batchSize ?? 2,
    hooks: { onLatestChanged: async (_trx, change) => void changes.push(change) },
  });
}

describe('daily tracking poll', () => {
  it('polls open booked shipments by courier in batches, stores their scans, and is idempotent', async () => {
    const s = [];
    for (let i = 1; i <= 4; i += 1) s.push(await bookAndSeed(`SHP-${i}`, 1));
    s.push(await bookAndSeed('SHP-5', 2));
    const delivered = await bookAndSeed('SHP-6', 1);
    await seedShipment(t.db, 'SHP-7', { status: 'QUEUED' });
    const changes: LatestChange[] = [];
    const svc = service({ changes });
    // SHP-6 is already delivered (bucket 6, terminal): the poll leaves it alone.
    await svc.handleWebhook({ webhook_key: KEY }, webhookBody(delivered.awb, 8, T0 + HOUR));
    clock.advance(2 * HOUR);
    sandbox.pushTrackingScan(s[0]!.awb, { clickpost_status_code: 5, location: 'Bhiwandi hub' });
    sandbox.pushTrackingScan(s[1]!.awb, { clickpost_status_code: 2, timestamp: T0 - 3 * DAY });
    changes.length = 0;

    expect(await svc.pollOpenShipments()).toEqual({ shipments: 5, calls: 3, stored: 7, errors: 0 });
    const requests = trackRequests();
    expect(requests.map((r) => r.awbs.length).sort()).toEqual([1, 2, 2]);
    expect(requests.filter((r) => r.cp_id === '4').flatMap((r) => r.awbs).sort()).toEqual(s.slice(0, 4).map((x) => x.awb).sort());
    expect(requests.filter((r) => r.cp_id === '6').flatMap((r) => r.awbs)).toEqual([s[4]!.awb]);
    expect(requests.flatMap((r) => r.awbs)).not.toContain(delivered.awb);

    const polled = (await listTrackingEvents(t.db)).filter((r) => r.source === 'poll');
    expect(polled).toHaveLength(7);
    for (const x of s) expect(polled.filter((r) => r.shipment_id === x.id).length).toBeGreaterThan(0);
    expect(polled.find((r) => r.status_code === 2)).toMatchObject({ shipment_id: s[1]!.id, stale: true });
    expect(polled.filter((r) => r.status_code !== 2).every((r) => r.stale === false)).toBe(true);

    // One latest change per shipment; SHP-1's is its newest scan, not its first.
    expect(changes.map((c) => c.shipment_code).sort()).toEqual(['SHP-1', 'SHP-2', 'SHP-3', 'SHP-4', 'SHP-5']);
    expect(changes.find((c) => c.shipment_code === 'SHP-1')!.event).toMatchObject({ status_code: 5, location: 'Bhiwandi hub', bucket: 3 });
    expect((await svc.tracking('SHP-1')).latest?.status_code).toBe(5);

    // Again: the same scans come back and nothing changes.
    changes.length = 0;
    expect(await svc.pollOpenShipments()).toEqual({ shipments: 5, calls: 3, stored: 0, errors: 0 });
    expect((await listTrackingEvents(t.db)).filter((r) => r.source === 'poll')).toHaveLength(7);
    expect(changes).toHaveLength(0);

    // SHP-5 is delivered: stored, announced, and no longer polled.
    clock.advance(HOUR);
    sandbox.pushTrackingScan(s[4]!.awb, { clickpost_status_code: 8 });
    expect(await svc.pollOpenShipments()).toEqual({ shipments: 5, calls: 3, stored: 1, errors: 0 });
    expect(changes.map((c) => [c.shipment_code, c.event.bucket])).toEqual([['SHP-5', 6]]);
    sandbox.ledger.requests.length = 0;
    expect(await svc.pollOpenShipments()).toEqual({ shipments: 4, calls: 2, stored: 0, errors: 0 });
    expect(trackRequests().every((r) => r.cp_id === '4')).toBe(true);
  });

  it('polls a shipment whose newest event has an unknown code, and one with no events', async () => {
    const a = await bookAndSeed('SHP-A', 1);
    await bookAndSeed('SHP-B', 1);
    const svc = service();
    await svc.handleWebhook({ webhook_key: KEY }, webhookBody(a.awb, 99, T0 + HOUR));
    expect(await svc.pollOpenShipments()).toMatchObject({ shipments: 2, calls: 1, errors: 0 });
  });

  it('counts and logs a failing batch and goes on with the others', async () => {
    const ok1 = await bookAndSeed('SHP-1', 1);
    const ok2 = await bookAndSeed('SHP-2', 1);
    const ok3 = await bookAndSeed('SHP-3', 1);
    const bad = await bookAndSeed('SHP-9', 3);
    // Booked at a priority the body has no provider for: no courier to ask.
    await seedShipment(t.db, 'SHP-X', { parentAwb: 'AWB-X', priority: 3, accounts: ['Only One'] });
    const good = realApi();
    // The courier-9 account answers meta.status 301 (auth failed): a whole batch fails.
    const failing = realApi('');
    const api: ClickPostApi = { ...good, trackOrder: (input) => (input.courier_partner_id === 9 ? failing : good).trackOrder(input) };
    const { logger, lines } = capturingLogger();
    const svc = service({ api: async () => api, logger });

    expect(await svc.pollOpenShipments()).toEqual({ shipments: 5, calls: 3, stored: 3, errors: 2 });
    const stored = await t.db('tracking_events').select('shipment_id');
    expect(stored.map((r) => r.shipment_id).sort()).toEqual([ok1.id, ok2.id, ok3.id].sort());
    expect(stored.map((r) => r.shipment_id)).not.toContain(bad.id);
    const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 'error');
    expect(errors.map((e) => e.message).sort()).toEqual(['tracking poll batch failed', 'tracking poll: no courier for a booked shipment']);
    expect(errors.find((e) => e.message === 'tracking poll batch failed')).toMatchObject({ cp_id: 9, awbs: [bad.awb] });
  });

  it('runs at most 4 track-order calls at once', async () => {
    for (let i = 1; i <= 7; i += 1) await bookAndSeed(`SHP-${i}`, 1);
    const real = realApi();
    let inFlight = 0;
    let most = 0;
    const api: ClickPostApi = {
      ...real,
      async trackOrder(input) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await real.trackOrder(input);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const svc = service({ api: async () => api, batchSize: 1 });
    expect(await svc.pollOpenShipments()).toEqual({ shipments: 7, calls: 7, stored: 7, errors: 0 });
    expect(most).toBe(4);
  });

  it('makes no call and asks for no client when nothing is open', async () => {
    let asked = 0;
    const svc = service({ api: async () => { asked += 1; return realApi(); } });
    await seedShipment(t.db, 'SHP-Q', { status: 'QUEUED' });
    expect(await svc.pollOpenShipments()).toEqual({ shipments: 0, calls: 0, stored: 0, errors: 0 });
    expect(asked).toBe(0);
    expect(trackRequests()).toHaveLength(0);
  });
});
