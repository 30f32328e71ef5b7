/**
 * The daily poll asks ClickPost as its docs allow (issue 8, item 4): at most 5 waybills
 * per track-order call, all of one courier (docs.clickpost.ai "tracking-shipment-using-
 * polling"). The sandbox refuses a 6th waybill, so a batch too large would fail here.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createClickPostApi } from '../../src/clickpost/api.js';
import { ManualClock } from '../../src/clock.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { createClickPostClient } from '../../src/transport/client.js';
import { batchAwbs } from '../../src/tracking/tracking-poll.js';
import { createTrackingService } from '../../src/tracking/tracking-service.js';
import { silentLogger } from '../../src/logger.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { bookAndSeedAt, capturingLogger, T0 } from './setup.js';

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
  t = await openTestDb('sqlite');
});
afterEach(async () => {
  await t.close();
});

const api = () => createClickPostApi(createClickPostClient({ baseUrl: sandbox.url, username: 'u', key: 'k', retry: { limit: 0 } }));

describe('track-order batches', () => {
  it('by default sends at most 5 waybills per call, one courier per call, and the sandbox answers every call', async () => {
    const byCourier: Record<number, string[]> = { 4: [], 6: [], 9: [] };
    for (let i = 1; i <= 12; i += 1) byCourier[4]!.push((await bookAndSeedAt(sandbox.url, t.db, `B4-${i}`, 1)).awb);
    for (let i = 1; i <= 3; i += 1) byCourier[6]!.push((await bookAndSeedAt(sandbox.url, t.db, `B6-${i}`, 2)).awb);
    byCourier[9]!.push((await bookAndSeedAt(sandbox.url, t.db, 'B9-1', 3)).awb);
    const { logger, lines } = capturingLogger();
    const svc = createTrackingService({ db: t.db, clock, logger, webhookKey: null, clickpost: async () => api() });

    expect(await svc.pollOpenShipments()).toEqual({ shipments: 16, calls: 5, stored: 16, errors: 0 });
    const calls = sandbox.ledger.requests
      .filter((r) => r.path.startsWith('/api/v2/track-order'))
      .map((r) => ({ cp_id: Number(r.query.cp_id), awbs: r.query.waybill!.split(',') }));
    expect(calls.map((c) => c.awbs.length).sort()).toEqual([1, 2, 3, 5, 5]);
    for (const call of calls) {
      expect(call.awbs.length).toBeLessThanOrEqual(5);
      // One courier per call: every AWB of the call was booked with that call's cp_id.
      expect(byCourier[call.cp_id]).toEqual(expect.arrayContaining(call.awbs));
    }
    expect(calls.flatMap((c) => c.awbs).sort()).toEqual(Object.values(byCourier).flat().sort());
    expect(lines.join('\n')).not.toContain('tracking poll batch failed');
  });

  it('a batch size above 5 is refused, and batchAwbs never cuts more than 5 whatever it is asked', () => {
    for (const batchSize of [6, 50, 0]) {
      expect(() => createTrackingService({ db: t.db, clock, logger: silentLogger(), webhookKey: null, clickpost: async () => api(), batchSize })).toThrow(RangeError);
    }
    const entries = Array.from({ length: 11 }, (_, i) => ({ awb: `A${i}`, courier_partner_id: i % 2 === 0 ? 4 : 6 }));
    const batches = batchAwbs(entries, 50);
    expect(batches.map((b) => [b.courier_partner_id, b.awbs.length])).toEqual([[4, 5], [4, 1], [6, 5]]);
  });
});
