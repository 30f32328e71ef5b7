/**
 * Where track-order calls go (issue 8, item 4; contract CLICKPOST_TRACKING_BASE_URL):
 * the variable when set; else the sandbox when it is used; else CLICKPOST_BASE_URL; else
 * https://api.clickpost.in (slate b9b5081 moved tracking off www).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadEnvConfig } from '../../src/config.js';
import { createConnector } from '../../src/connector.js';
import { ManualClock } from '../../src/clock.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { TRACKING_PRODUCTION_BASE_URL, trackingBaseUrl } from '../../src/tracking/tracking-target.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { openTestDb } from '../helpers/db.js';
import { exampleShipment } from '../helpers/shipments.js';

const trackCalls = (sandbox: { ledger: Sandbox['ledger'] }) => sandbox.ledger.requests.filter((r) => r.path.startsWith('/api/v2/track-order'));
const createCalls = (sandbox: { ledger: Sandbox['ledger'] }) => sandbox.ledger.requests.filter((r) => r.path.startsWith('/api/v3/create-order'));

describe('trackingBaseUrl', () => {
  const production = { baseUrl: 'https://www.clickpost.in', sandbox: false };
  const sandboxed = { baseUrl: 'http://127.0.0.1:4010', sandbox: true };

  it('defaults to api.clickpost.in when ClickPost itself is used', () => {
    expect(TRACKING_PRODUCTION_BASE_URL).toBe('https://api.clickpost.in');
    expect(trackingBaseUrl({ trackingBaseUrl: null, baseUrl: null }, production)).toBe('https://api.clickpost.in');
  });

  it('follows the sandbox when it is used, else CLICKPOST_BASE_URL', () => {
    expect(trackingBaseUrl({ trackingBaseUrl: null, baseUrl: null }, sandboxed)).toBe('http://127.0.0.1:4010');
    expect(trackingBaseUrl({ trackingBaseUrl: null, baseUrl: 'https://staging.example' }, { baseUrl: 'https://staging.example', sandbox: false })).toBe('https://staging.example');
  });

  it('CLICKPOST_TRACKING_BASE_URL wins over everything', () => {
    for (const main of [production, sandboxed]) {
      expect(trackingBaseUrl({ trackingBaseUrl: 'https://track.example', baseUrl: 'https://other.example' }, main)).toBe('https://track.example');
    }
  });

  it('the environment reads CLICKPOST_TRACKING_BASE_URL and refuses a non-http one by name', () => {
    expect(loadEnvConfig({ CLICKPOST_TRACKING_BASE_URL: 'https://track.example' }).clickpostTrackingBaseUrl).toBe('https://track.example');
    expect(loadEnvConfig({}).clickpostTrackingBaseUrl).toBeNull();
    expect(() => loadEnvConfig({ CLICKPOST_TRACKING_BASE_URL: 'ftp://x' })).toThrow(expect.objectContaining({ fields: [{ path: 'CLICKPOST_TRACKING_BASE_URL', message: 'must be an http(s) URL' }] }));
  });
});

describe('the connector sends track-order to the tracking base URL', () => {
  let h: Harness | null = null;
  let tracker: Sandbox | null = null;
  afterEach(async () => {
    await h?.close();
    await tracker?.close();
    h = null;
    tracker = null;
  });

  it('CLICKPOST_TRACKING_BASE_URL set: orders go to CLICKPOST_BASE_URL, tracking to its own URL', async () => {
    tracker = await startSandbox({ host: '127.0.0.1', port: 0 });
    h = await createHarness('sqlite', { clickpostTrackingBaseUrl: tracker.url });
    await h.connector.schedule(exampleShipment('TGT-1'));
    await h.drain();
    expect((await h.connector.get('TGT-1')).status).toBe('BOOKED');
    await h.connector.pollTracking();
    expect(createCalls(h.sandbox).length).toBeGreaterThan(0);
    expect(trackCalls(h.sandbox)).toHaveLength(0);
    expect(trackCalls(tracker)).toHaveLength(1);
    // The same credentials as the other calls (the key is not kept in the ledger).
    expect(trackCalls(tracker)[0]).toMatchObject({ hasKey: true, query: expect.objectContaining({ username: 'harness' }) });
  });

  it('only CLICKPOST_BASE_URL set: tracking goes there too', async () => {
    h = await createHarness('sqlite');
    await h.connector.schedule(exampleShipment('TGT-2'));
    await h.drain();
    await h.connector.pollTracking();
    expect(trackCalls(h.sandbox)).toHaveLength(1);
  });

  it('the built-in sandbox in use (no credentials, no base URL): tracking goes to it', async () => {
    const testDb = await openTestDb('sqlite');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-'));
    const connector = await createConnector({ db: testDb.db, clock: new ManualClock(), dataDir, env: { CONNECTOR_MASTER_KEY: 'a'.repeat(64) } });
    try {
      await connector.schedule(exampleShipment('TGT-3'));
      await connector.worker.drain();
      expect((await connector.clickpostTarget()).sandbox).toBe(true);
      await connector.pollTracking();
      expect(trackCalls(connector.sandbox()!)).toHaveLength(1);
    } finally {
      await connector.stop();
      await testDb.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
