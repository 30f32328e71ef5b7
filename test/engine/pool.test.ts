/**
 * The continuous effect pool, over real loopback HTTP to the sandbox: no round barrier
 * (a slow call does not hold back the next claims), never more calls in flight than the
 * concurrency or an account's cap, and a 429's Retry-After pauses that account (a
 * throttling proxy in front of the sandbox). Waits are real only where the sandbox holds
 * an answer back (SBX_SLOW); time is the fake clock otherwise. Nothing about time is asserted.
 */
import { describe, it, expect, afterEach } from '@jest/globals';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';
import { listEffects } from '../../src/store/effects-repo.js';
import { findShipmentByCode } from '../../src/store/shipments-repo.js';

describe.each(testDatabases())('effect pool on %s', (kind) => {
  let h: Harness;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    await h.close();
  });

  /** Samples worker.inFlight() while `fn` runs. */
  async function peakInFlight(fn: () => Promise<void>): Promise<number> {
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, h.connector.worker.inFlight())), 2);
    try {
      await fn();
    } finally {
      clearInterval(timer);
    }
    return peak;
  }

  it('refills a freed slot at once: fast shipments book while a slow call is in flight', async () => {
    h = await createHarness(kind, { worker: { concurrency: 2 } });
    const booked: string[] = [];
    h.connector.onStatusChange((c) => c.to === 'BOOKED' && booked.push(c.shipment_code));
    await h.connector.schedule(exampleShipment('POOL-SLOW', ['SBX_SLOW_1500']));
    for (let i = 1; i <= 4; i++) await h.connector.schedule(exampleShipment(`POOL-FAST-${i}`, ['Delhivery B2B']));
    const peak = await peakInFlight(() => h.drain());
    // With rounds of 2, the slow one would be booked in the first round, second at the latest.
    expect(booked).toEqual(['POOL-FAST-1', 'POOL-FAST-2', 'POOL-FAST-3', 'POOL-FAST-4', 'POOL-SLOW']);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('keeps at most perAccountConcurrency calls of one account in flight, and books them all', async () => {
    h = await createHarness(kind, { worker: { concurrency: 8, perAccountConcurrency: 1 } });
    const accounts = ['SBX_SLOW_200', 'SBX_SLOW_200+SBX_NOCHILDLABELS'];
    for (let i = 0; i < 6; i++) await h.connector.schedule(exampleShipment(`CAP-${i}`, [accounts[i % 2]!]));
    const peak = await peakInFlight(() => h.drain());
    expect(peak).toBeLessThanOrEqual(2); // two accounts, one call each
    for (let i = 0; i < 6; i++) expect((await h.connector.get(`CAP-${i}`)).status).toBe('BOOKED');
    const creates = await listEffects(h.connector.db, { kind: 'create_order' });
    expect(creates.every((e) => e.attempts === 1)).toBe(true); // a deferral is not a run
  });

  it("pauses an account after a 429's Retry-After; its next call waits until then", async () => {
    h = await createHarness(kind);
    const proxy = await throttlingProxy(h.sandbox.url, 'Throttled B2B', 120);
    closers.push(proxy.close);
    const connector = await h.reopen({ clickpostBaseUrl: proxy.url });

    await connector.schedule(exampleShipment('RA-1', ['Throttled B2B']));
    await connector.worker.drain(); // its create-order is answered 429, Retry-After: 120
    expect(proxy.creates).toEqual(['RA-1']);

    await connector.schedule(exampleShipment('RA-2', ['Throttled B2B']));
    await connector.worker.drain();
    expect(proxy.creates).toEqual(['RA-1']); // RA-2 not sent: the account is paused
    const ra2 = (await findShipmentByCode(connector.db, 'RA-2'))!;
    const [pending] = await listEffects(connector.db, { shipment_id: ra2.id, kind: 'create_order' });
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 0, locked_by: null });
    expect(pending!.run_at).toBeGreaterThanOrEqual(h.clock.now() + 120_000 - 1_000);

    h.clock.advance(120_000);
    await connector.worker.drain();
    expect(proxy.creates).toContain('RA-2');
    expect((await connector.get('RA-2')).status).toBe('BOOKED');
  });
});

/** Forwards to the sandbox; the first create-order for `account` gets 429 with Retry-After. */
async function throttlingProxy(target: string, account: string, retryAfterSeconds: number) {
  const creates: string[] = [];
  let throttled = false;
  const server: Server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (req.method === 'POST' && req.url?.startsWith('/api/v3/create-order')) {
        const details = (JSON.parse(body) as { shipment_details?: { reference_number?: string; account_code?: string } }).shipment_details;
        creates.push(details?.reference_number ?? '?');
        if (!throttled && details?.account_code === account) {
          throttled = true;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) });
          res.end('{"detail":"Request was throttled."}');
          return;
        }
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      fetch(`${target}${req.url}`, { method: req.method, headers, ...(req.method === 'POST' ? { body } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    creates,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
