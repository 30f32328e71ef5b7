/**
 * The frame every operations screen shares: a header that says plainly where bookings go
 * (sandbox or live ClickPost, and as whom) and whether the service is ready, the views
 * (board, settings), the API token form when the service asks for one, and a banner for a
 * service that stopped answering. Server-rendered, inline CSS and script, no CDN.
 */
import { attr, escapeHtml } from './escape.js';
import { OPS_CSS } from './styles.js';
import { COMMON_SCRIPT } from './scripts/common-script.js';

export type OpsView = 'board' | 'settings' | 'shipment';

export interface FrameOptions {
  /** The connector's name from connector.json, e.g. "ClickPost B2B". */
  appTitle: string;
  /** This screen's title (also the tab title). */
  title: string;
  view: OpsView;
  /** The service asks for CONNECTOR_API_TOKEN on /v1/*. */
  tokenRequired: boolean;
  /** The mode sentence and its kind, when the page may show it before the script loads it. */
  mode: { mode: string; headline: string } | null;
  body: string;
  /** This screen's own script (runs after the common one). */
  script: string;
}

function nav(view: OpsView): string {
  const link = (href: string, text: string, current: boolean) => `<a${attr('href', href)}${attr('aria-current', current ? 'page' : null)}>${escapeHtml(text)}</a>`;
  return `<nav class="views" aria-label="Views">${link('/', 'Board', view === 'board' || view === 'shipment')}${link('/settings', 'Settings', view === 'settings')}${link('/docs', 'API docs', false)}</nav>`;
}

function tokenForm(): string {
  return `<form id="token-form" class="token">
    <label for="api-token">API token</label>
    <input type="password" id="api-token" autocomplete="off">
    <button type="submit" class="secondary">Use token</button>
    <span class="muted">This service asks for its API token (CONNECTOR_API_TOKEN); kept for this tab only.</span>
  </form>`;
}

export function renderFrame(o: FrameOptions): string {
  const modeClass = o.mode ? `mode mode-${o.mode.mode}` : 'mode';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)} · ${escapeHtml(o.appTitle)} connector</title>
<link rel="icon" href="data:,">
<style>${OPS_CSS}</style>
</head>
<body data-view="${o.view}" data-token-required="${o.tokenRequired}">
<a class="skip" href="#main">Skip to the content</a>
<header class="top">
  <span class="app">${escapeHtml(o.appTitle)} connector</span>
  <p id="mode"${attr('class', modeClass)}>${escapeHtml(o.mode?.headline ?? 'Where bookings go: checking…')}</p>
  <p id="ready" class="ready">Readiness: checking…</p>
  ${nav(o.view)}
  ${o.tokenRequired ? tokenForm() : ''}
  <p id="offline" class="banner" role="alert" hidden></p>
</header>
<main id="main">
${o.body}
</main>
<script>${COMMON_SCRIPT}</script>
<script>${o.script}</script>
</body>
</html>
`;
}

/** The one confirmation dialog of a screen: the script fills the title and what will happen. */
export function renderConfirmDialog(): string {
  return `<dialog id="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
  <h2 id="confirm-title">Are you sure?</h2>
  <p id="confirm-text"></p>
  <div class="actions"><button type="button" id="confirm-yes" class="danger">Yes</button> <button type="button" id="confirm-no" class="secondary">No, keep it</button></div>
</dialog>`;
}
