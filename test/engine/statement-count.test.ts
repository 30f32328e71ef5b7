/**
 * The cost of one booking in SQL statements: a synchronous 2-box shipment from
 * schedule() to BOOKED, counted with knex's 'query' event on the connector's own
 * connection (BEGIN and COMMIT included). The settings and the account's breaker are warm
 * (read once before, one booking at the same account), as they are in a running service. The goal is 12; the bound asserted here is
 * what the engine reaches, and anything more is a regression.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';

// 19: schedule() 5 (BEGIN, insert shipment, boxes, START timer, COMMIT), the START step 6,
// the create-order call and its step 8 (claim, api_calls row, then BEGIN, complete effect,
// attempt, boxes, save, COMMIT). The breaker of a warm account costs none (held in memory).
const MAX_STATEMENTS = 19;

describe.each(testDatabases())('statements per booking on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it(`books a synchronous shipment in at most ${MAX_STATEMENTS} statements`, async () => {
    await h.connector.settings.get(); // warm, as in a running service
    await h.connector.schedule(exampleShipment('WARM-1', ['Delhivery B2B'], 1));
    await h.drain(); // the account's breaker is known closed
    const statements: string[] = [];
    let bookedAt = -1; // index of the statement that saves the status BOOKED
    const count = (q: { sql: string; bindings?: unknown[] }) => {
      if (bookedAt < 0 && /^update .?shipments.? set .*version = version \+ 1/s.test(q.sql) && (q.bindings ?? []).includes('BOOKED')) bookedAt = statements.length;
      statements.push(q.sql);
    };
    h.connector.db.on('query', count);
    try {
      const queued = await h.connector.schedule(exampleShipment('COUNT-1', ['Delhivery B2B', 'Bluedart Surface'], 2));
      expect(queued.shipment.status).toBe('QUEUED');
      await h.drain();
    } finally {
      h.connector.db.off('query', count);
    }
    expect((await h.connector.get('COUNT-1')).status).toBe('BOOKED');
    // The booking ends with the COMMIT of the step to BOOKED; what drain() runs after it is
    // its look for more work (an idle worker's poll), not part of this booking.
    expect(bookedAt).toBeGreaterThan(0);
    const commit = statements.findIndex((sql, i) => i > bookedAt && /^commit/i.test(sql));
    expect(commit).toBeGreaterThan(bookedAt);
    const booking = statements.slice(0, commit + 1);
    if (booking.length > MAX_STATEMENTS) process.stdout.write(`${booking.length} statements:\n${booking.join('\n')}\n`);
    expect(booking.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});
