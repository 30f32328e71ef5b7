/**
 * The operations screens in real headless Chromium against the real service (built-in
 * sandbox, real workers): the board updates by itself, finds a shipment by child AWB, a
 * shipment's page tells its story and downloads its label, cancel asks first, settings name
 * each wrong field and test the connection; every screen passes axe and fits a 390 px phone.
 * Screenshots of each screen go to docs/screens/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { exampleShipment } from '../helpers/shipments.js';
import { markShipmentStuck } from '../../src/store/sql/mark-stuck.js';
import { axeViolations, DESK, launchChromium, PHONE, screenshot, shortControls, sidewaysOverflow, startOpsServer, type OpsServer } from './helpers/ops-server.js';

let server: OpsServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function schedule(body: unknown): Promise<void> {
  const res = await fetch(`${server.base}/v1/shipments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect([200, 202]).toContain(res.status);
}

async function settled(code: string, status: string): Promise<{ parent_awb: string; boxes: Array<{ child_awb: string }> }> {
  for (let i = 0; i < 200; i++) {
    const v = (await (await fetch(`${server.base}/v1/shipments/${encodeURIComponent(code)}`)).json()) as { status: string; parent_awb: string; boxes: Array<{ child_awb: string }> };
    if (v.status === status) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${code} never reached ${status}`);
}

/** The row of a shipment on the board. */
const row = (code: string) => page.locator(`#board-rows tr[data-code="${code}"]`);

async function checkScreen(name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, `${name}-desk`);
  await page.setViewportSize(PHONE);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await shortControls(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESK);
}

beforeAll(async () => {
  server = await startOpsServer({ labelPollIntervalMs: 1_000 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: DESK, acceptDownloads: true, timezoneId: 'UTC' });
  page = await context.newPage();
  const notFound: string[] = [];
  page.on('response', (r) => { if (r.status() === 404 && !r.url().endsWith('/readyz')) notFound.push(r.url()); });
  (page as unknown as { notFound: string[] }).notFound = notFound;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the board', () => {
  it('shows an async shipment pass LABEL_REQUESTED -> BOOKED without a reload', async () => {
    await schedule(exampleShipment('OPS-SYNC-1', ['Delhivery B2B'], 2));
    await schedule(exampleShipment('OPS-SYNC-2', ['Delhivery B2B'], 1));
    await settled('OPS-SYNC-1', 'BOOKED');
    await settled('OPS-SYNC-2', 'BOOKED');
    await schedule(exampleShipment('OPS-ASYNC-1', ['SBX_ASYNC_5'], 3));
    await page.goto(server.base + '/');
    await page.locator('#mode', { hasText: 'Sandbox: no real bookings' }).waitFor();
    await row('OPS-ASYNC-1').locator('.status').filter({ hasText: 'LABEL_REQUESTED' }).waitFor();
    await page.evaluate('window.__sameDocument = true');
    await row('OPS-ASYNC-1').locator('.status').filter({ hasText: 'BOOKED' }).waitFor({ timeout: 20_000 });
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await page.locator('#ready', { hasText: /^Ready/ }).waitFor();
    expect(await page.locator('#counts button', { hasText: 'BOOKED' }).textContent()).toBe('BOOKED 3');
    await page.locator('#page-info').filter({ hasText: 'of 3' }).waitFor();
    await checkScreen('board');
  });
});

describe('live updates', () => {
  const setHidden = (hidden: boolean) =>
    page.evaluate(`Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} }); document.dispatchEvent(new Event('visibilitychange'))`);

  it('stop while the tab is hidden and resume when it is shown again', async () => {
    await schedule(exampleShipment('OPS-NEVER-1', ['SBX_ASYNC_NEVER'], 1));
    await page.goto(server.base + '/');
    await row('OPS-NEVER-1').locator('.status', { hasText: 'LABEL_REQUESTED' }).waitFor();
    await page.locator('#live-note', { hasText: 'updating' }).waitFor();
    let asked = 0;
    const count = (r: { url(): string }) => { if (r.url().includes('/v1/ops/board')) asked += 1; };
    await setHidden(true);
    page.on('request', count);
    // Two refresh intervals (3 s each) and more: a visible tab would have asked twice.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(asked).toBe(0);
    await Promise.all([page.waitForRequest((r) => r.url().includes('/v1/ops/board')), setHidden(false)]);
    page.off('request', count);
  });
});

describe("a shipment's page", () => {
  it('is found on the board by a child AWB, tells its attempts, boxes and tracking, and downloads the label', async () => {
    const booked = await settled('OPS-ASYNC-1', 'BOOKED');
    const child = booked.boxes[2]!.child_awb;
    await server.connector.pollTracking();
    await page.fill('#q', child);
    await page.click('#search-form button[type=submit]');
    await page.locator('#page-info', { hasText: 'of 1 ·' }).waitFor();
    expect(await page.locator('#board-rows tr').count()).toBe(1);
    expect(await row('OPS-ASYNC-1').count()).toBe(1);

    await page.click('a[aria-label="Open shipment OPS-ASYNC-1"]');
    await page.locator('#summary dd', { hasText: booked.parent_awb }).waitFor();
    const attempts = await page.locator('#attempts').innerText();
    expect(attempts).toContain('P1 · cp 4 · SBX_ASYNC_5: BOOKED');
    expect(attempts).toMatch(/create order → HTTP 200, meta\.status 202: accepted, label to follow/);
    expect(attempts).toMatch(/label poll 4 → HTTP 200, meta\.status 102: still processing/);
    // ClickPost answers the re-sent create of a processed async order with 323 and the AWB
    expect(attempts).toMatch(/label poll 5 → HTTP 200, meta\.status 323: booked/);
    expect(attempts).toContain('IST');
    expect(await page.locator('#boxes-rows tr').count()).toBe(3);
    expect(await page.locator('#boxes-rows').innerText()).toContain(child);
    expect(await page.locator('#boxes-rows').innerText()).toContain('40 × 30 × 30');
    expect(await page.locator('#tracking-rows').innerText()).toMatch(/IST/);
    expect(await page.locator('#summary').innerText()).toMatch(/Pickup time/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#label-btn')]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await page.locator('#action-message', { hasText: 'downloaded' }).waitFor();
    await checkScreen('shipment');
  });
});

describe('cancel', () => {
  it('asks first, naming the AWB that will be cancelled, and shows the result in the row', async () => {
    const booked = await settled('OPS-SYNC-2', 'BOOKED');
    await page.goto(server.base + '/');
    await page.click('button[aria-label="Cancel OPS-SYNC-2"]');
    const dialog = page.locator('#confirm-dialog');
    await dialog.waitFor();
    expect(await page.locator('#confirm-text').innerText()).toContain(`cancel AWB ${booked.parent_awb}`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cancel-dialog-desk', false);
    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cancel-dialog-phone', false);
    await page.setViewportSize(DESK);
    // "No" cancels nothing.
    await page.click('#confirm-no');
    expect((await settled('OPS-SYNC-2', 'BOOKED')).parent_awb).toBe(booked.parent_awb);
    await page.click('button[aria-label="Cancel OPS-SYNC-2"]');
    await page.click('#confirm-yes');
    await row('OPS-SYNC-2').locator('.row-msg', { hasText: 'OPS-SYNC-2 is cancelled.' }).waitFor();
    await row('OPS-SYNC-2').locator('.status', { hasText: 'CANCELLED' }).waitFor();
    await settled('OPS-SYNC-2', 'CANCELLED');
  });
});

describe('retry', () => {
  it("a FAILED shipment's page asks first, then starts a new round and says so where the person looks", async () => {
    await schedule(exampleShipment('OPS-FAIL-1', ['SBX_ERR_319'], 1));
    await settled('OPS-FAIL-1', 'FAILED');
    await page.goto(server.base + '/shipments/OPS-FAIL-1');
    await page.locator('#retry-btn:not([disabled])').waitFor();
    await page.click('#retry-btn');
    await page.locator('#confirm-dialog').waitFor();
    expect(await page.locator('#confirm-text').innerText()).toContain('reference OPS-FAIL-1');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#confirm-yes');
    await page.locator('#action-message', { hasText: 'OPS-FAIL-1: a new round started' }).waitFor();
    // refused again by the same courier: FAILED once more, after a second create at ClickPost
    await settled('OPS-FAIL-1', 'FAILED');
  });
});

describe('a stuck shipment', () => {
  it('says so on its page, with the reason and since when, and is marked on the board', async () => {
    await schedule(exampleShipment('OPS-STUCK-1', ['SBX_ERR_319'], 1));
    await schedule(exampleShipment('OPS-STUCK-0', ['SBX_ERR_319'], 1));
    await settled('OPS-STUCK-1', 'FAILED');
    await settled('OPS-STUCK-0', 'FAILED');
    // Parked work marks the row as the worker does (src/engine/worker.ts); 04:30 UTC is 10:00 IST.
    const { id } = (await server.connector.db('shipments').where({ shipment_code: 'OPS-STUCK-1' }).first()) as { id: number };
    const reason = 'timer retryRound parked after 10 failed steps: snapshot names a state the machine lacks';
    await markShipmentStuck(server.connector.db, { shipment_id: Number(id), reason, now: Date.parse('2026-03-02T04:30:00Z') });

    await page.goto(server.base + '/shipments/OPS-STUCK-1');
    await page.locator('#stuck-notice').waitFor({ state: 'visible' });
    expect(await page.locator('#stuck-title').innerText()).toMatch(/needs a person/);
    expect(await page.locator('#stuck-reason').innerText()).toBe(reason);
    expect(await page.locator('#stuck-since').innerText()).toMatch(/2 Mar 2026.*10:00:00 IST/);
    await checkScreen('shipment-stuck');

    // Another shipment, not stuck: no notice once its page is filled.
    await page.goto(server.base + '/shipments/OPS-STUCK-0');
    await page.locator('#summary dd', { hasText: 'FAILED' }).first().waitFor();
    expect(await page.locator('#stuck-notice').isVisible()).toBe(false);

    await page.goto(server.base + '/?q=OPS-STUCK');
    await row('OPS-STUCK-1').locator('.stuck-marker', { hasText: 'Stuck: needs a person' }).waitFor();
    expect(await row('OPS-STUCK-0').count()).toBe(1);
    expect(await row('OPS-STUCK-0').locator('.stuck-marker').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('keyboard only', () => {
  /** Presses Tab until the focused element's accessible text matches, or fails. */
  async function tabTo(pattern: RegExp): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const name = (await page.evaluate('(() => { const e = document.activeElement; return (e.getAttribute("aria-label") || e.textContent || "").trim(); })()')) as string;
      if (pattern.test(name)) return;
    }
    throw new Error(`no focusable control matches ${pattern}`);
  }

  it('filters by status, opens and closes the cancel question, and opens a shipment', async () => {
    await page.goto(server.base + '/');
    await row('OPS-SYNC-1').waitFor();
    await tabTo(/^Skip to the content$/);
    await tabTo(/^BOOKED \d+$/);
    await page.keyboard.press('Enter');
    await page.locator('#counts button[aria-pressed="true"]', { hasText: 'BOOKED' }).waitFor();
    await page.locator('#page-info', { hasText: 'of 2 ·' }).waitFor();
    await tabTo(/^Cancel OPS-SYNC-1$/);
    await page.keyboard.press('Enter');
    await page.locator('#confirm-dialog[open]').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('confirm-no');
    await page.keyboard.press('Escape');
    await page.locator('#confirm-dialog:not([open])').waitFor({ state: 'attached' });
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe('Cancel OPS-SYNC-1');
    expect((await settled('OPS-SYNC-1', 'BOOKED')).parent_awb).toEqual(expect.any(String));
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await tabTo(/^Open shipment OPS-SYNC-1$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/shipments\/OPS-SYNC-1$/);
    await page.locator('#boxes-rows tr').first().waitFor();
  });
});

describe('settings', () => {
  it('marks every wrong field and focuses the first, saves right values, and tests the connection', async () => {
    await page.goto(server.base + '/settings');
    await page.locator('#settings-status:empty').waitFor({ state: 'attached' });
    await page.fill('#f-username', 'ops-user-without-key');
    await page.fill('#f-pickup_after_minutes', '99999');
    await page.click('#settings-save');
    await page.locator('#settings-status', { hasText: 'Not saved' }).waitFor();
    expect(await page.getAttribute('#f-pickup_after_minutes', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-appointment_after_days', 'aria-invalid')).toBeNull();
    expect(await page.locator('#err-pickup_after_minutes').innerText()).toMatch(/10080/);
    const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((es) => es.map((e) => (e as unknown as { id: string }).id));
    expect(await page.evaluate('document.activeElement.id')).toBe(invalid[0]);
    await checkScreen('settings-errors');

    await page.fill('#f-username', '');
    await page.fill('#f-pickup_after_minutes', '30');
    await page.click('#settings-save');
    await page.locator('#settings-status', { hasText: 'Saved.' }).waitFor();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    expect((await server.connector.settings.get()).pickup_after_minutes).toBe(30);

    await page.click('#test-connection');
    await page.locator('#connection-result', { hasText: 'Connected' }).waitFor();
    expect(await page.locator('#connection-result').innerText()).toContain('built-in sandbox');
    await page.locator('#mode', { hasText: 'Sandbox: no real bookings' }).waitFor();
    await checkScreen('settings');
    expect((page as unknown as { notFound: string[] }).notFound).toEqual([]);
  });
});

describe('a service that stops answering', () => {
  it('says so plainly instead of a frozen "Saving…"', async () => {
    const other = await startOpsServer();
    const p = await context.newPage();
    try {
      await p.goto(other.base + '/settings');
      await p.locator('#ready', { hasText: /^Ready/ }).waitFor();
      await other.app.close();
      await p.click('#settings-save');
      await p.locator('#settings-status', { hasText: 'The service did not answer' }).waitFor();
      expect(await p.locator('#offline').isVisible()).toBe(true);
      expect(await p.locator('#offline').innerText()).toContain('not answering');
      expect(await p.isEnabled('#settings-save')).toBe(true);
    } finally {
      await p.close();
      await other.close();
    }
  });
});

describe('with CONNECTOR_API_TOKEN', () => {
  it('asks for the token, then shows the board and the mode', async () => {
    const token = 'ops-token-5c2e91d0';
    const guarded = await startOpsServer({}, token);
    const p = await context.newPage();
    try {
      await fetch(`${guarded.base}/v1/shipments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(exampleShipment('OPS-TOKEN-1')) });
      await p.goto(guarded.base + '/');
      await p.locator('#board-message', { hasText: 'asks for its API token' }).waitFor();
      expect(await p.locator('#board-rows tr[data-code]').count()).toBe(0);
      await p.fill('#api-token', token);
      await p.click('#token-form button[type=submit]');
      await p.locator('#board-rows tr[data-code="OPS-TOKEN-1"]').waitFor();
      await p.locator('#mode', { hasText: 'Sandbox: no real bookings' }).waitFor();
      expect(await axeViolations(p)).toEqual([]);
      await p.setViewportSize(PHONE);
      expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
      expect(await shortControls(p)).toEqual([]);
    } finally {
      await p.close();
      await guarded.close();
    }
  });
});
