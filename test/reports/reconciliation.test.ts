/**
 * Daily reconciliation: ClickPost's count of yesterday (India date) against the connector's
 * bookings of that day, logged when they differ, written into that day's report with the
 * connector's AWBs, exported as a metric (issue 11).
 */
import fs from 'node:fs';
import { describe, it, expect, afterEach } from '@jest/globals';
import { countIn, parseShipmentCountResponse } from '../../src/clickpost/shipment-count.js';
import { runDailyReport } from '../../src/reports/daily-report.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { createClickPostApi } from '../../src/clickpost/api.js';
import { createClickPostClient } from '../../src/transport/client.js';
import { indiaDate } from '../../src/clickpost/units.js';
import { exampleShipment } from '../helpers/shipments.js';

describe('reading ClickPost\'s daily count (its shape is not documented)', () => {
  it('finds the count as a number, a count field, keyed by the date, or in a date-wise list', () => {
    expect(countIn(7, '2026-11-28')).toBe(7);
    expect(countIn({ count: 7 }, '2026-11-28')).toBe(7);
    expect(countIn({ total: '7' }, '2026-11-28')).toBe(7);
    expect(countIn({ '2026-11-28': 7 }, '2026-11-28')).toBe(7);
    expect(countIn([{ date: '2026-11-27', count: 3 }, { date: '2026-11-28', count: 7 }], '2026-11-28')).toBe(7);
    expect(countIn({ something: 'else' }, '2026-11-28')).toBeNull();
  });

  it('says so instead of guessing when there is no count, or no answer', () => {
    expect(parseShipmentCountResponse({ ok: true, httpStatus: 200, body: { meta: { status: 200 }, result: {} }, retries: 0 }, '2026-11-28')).toMatchObject({ ok: false });
    expect(parseShipmentCountResponse({ ok: true, httpStatus: 200, body: { meta: { status: 301, message: 'Authentication Failed' } }, retries: 0 }, '2026-11-28'))
      .toEqual({ ok: false, error: 'Authentication Failed' });
  });
});

describe('the nightly report reconciles yesterday', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('matches ClickPost\'s count against the bookings of the India day, and warns with both counts when they differ', async () => {
    h = await createHarness('sqlite');
    h.clock.set(Date.now()); // the sandbox dates its orders by the real clock
    const day = indiaDate(h.clock.now());
    for (const code of ['REC-1', 'REC-2']) await h.connector.schedule(exampleShipment(code));
    await h.drain();
    h.sandbox.ledger.order('REC-2')!.waybill = null; // as if ClickPost had lost one of them
    h.clock.set(Date.parse(`${day}T18:45:00Z`)); // 00:15 IST the next day
    const warnings: Array<Record<string, unknown>> = [];
    const logger = { error: () => undefined, info: () => undefined, debug: () => undefined, warn: (m: string, meta: object = {}) => { warnings.push({ m, ...meta }); } };
    const seen: Array<number | null> = [];
    const api = createClickPostApi(createClickPostClient({ baseUrl: h.sandbox.url, username: 'u', key: 'k', retry: { limit: 0 } }));
    const result = await runDailyReport({
      db: h.connector.db, clock: h.clock, logger, dataDir: h.dataDir,
      clickpostCount: (date) => api.fetchShipmentCount(date),
      onReconciled: (r) => seen.push(r.difference),
    });
    const report = JSON.parse(fs.readFileSync(result.json, 'utf8'));
    const awbs = [(await h.connector.get('REC-1')).parent_awb, (await h.connector.get('REC-2')).parent_awb];
    expect(report.reconciliation).toEqual({ date: day, clickpost_count: 1, connector_count: 2, difference: -1, connector_awbs: awbs });
    expect(warnings).toEqual([expect.objectContaining({ m: 'daily reconciliation differs', clickpost_count: 1, connector_count: 2, difference: -1 })]);
    expect(seen).toEqual([-1]);
    // the connector's own report of that day asks its ClickPost (here the sandbox) the same way
    expect((await h.connector.failureReport(day)).reconciliation).toMatchObject({ clickpost_count: 1, connector_count: 2, difference: -1 });
  });
});

