/**
 * The service as operations people meet it: a real connector (SQLite file, the built-in
 * loopback sandbox, real workers on the system clock with a short label-poll interval) behind
 * the real HTTP face on a loopback port, and Debian's Chromium driven by playwright-core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/http/app.js';
import { silentLogger } from '../../../src/logger.js';
import { createConnector, type Connector, type ConnectorOptions } from '../../../src/connector.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DESK = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface OpsServer {
  connector: Connector;
  app: FastifyInstance;
  base: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startOpsServer(extra: Partial<ConnectorOptions> = {}, apiToken: string | null = null): Promise<OpsServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-'));
  const connector = await createConnector({
    dataDir,
    databaseUrl: `sqlite:${path.join(dataDir, 'connector.sqlite')}`,
    env: { CONNECTOR_MASTER_KEY: 'b'.repeat(64) },
    labelPollIntervalMs: 400,
    clickpostRetry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
    worker: { idleMs: 50 },
    trackingCron: null,
    reportCron: null,
    cancelWaitMs: 5_000,
    ...extra,
  });
  await connector.start();
  const app = await buildApp({ connector, logger: silentLogger(), apiToken });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    connector,
    app,
    base,
    dataDir,
    async close() {
      await app.close();
      await connector.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's violations on the page as it stands (every rule but the experimental ones). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  // Browser-side code as text: the test program has no DOM types.
  return page.evaluate(`axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) })))`) as Promise<AxeViolation[]>;
}

/** How far the page is wider than the window (0: no sideways scrolling). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
}

/** Visible controls shorter than 40 px (a checkbox counts by its clickable row). */
export function shortControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    for (const e of document.querySelectorAll('button, input, select, nav a')) {
      if (e.closest('dialog:not([open])')) continue;
      const target = e.type === 'checkbox' ? (e.closest('.check') || e) : e;
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < 40) out.push(e.tagName.toLowerCase() + '#' + (e.id || (e.getAttribute('aria-label') || e.textContent || '').trim()) + ' ' + Math.round(r.height) + 'px');
    }
    return out;
  })()`) as Promise<string[]>;
}

export const SCREENS_DIR = path.resolve('docs/screens');

/**
 * The whole page, or (fullPage false: a modal dialog over the window) what the window shows.
 * Always taken; written to docs/screens when OPS_SCREENSHOTS=1 or when the file is missing,
 * so a plain test run leaves the committed screens (and the working tree) alone.
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  const png = await page.screenshot({ fullPage });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  if (process.env.OPS_SCREENSHOTS !== '1' && fs.existsSync(file)) return;
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  fs.writeFileSync(file, png);
}
