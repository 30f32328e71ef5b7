/**
 * The operations page at GET /: the settings screen and the shipment board in one
 * server-rendered HTML document with inline CSS and script (no build step, no CDN).
 */
import type { SettingsScreenModel } from '../settings/screen-model.js';
import { escapeHtml } from './escape.js';
import { renderSettingsForm } from './settings-form.js';
import { renderBoard } from './board.js';
import { OPS_CSS } from './styles.js';
import { OPS_SCRIPT } from './client-script.js';

export interface OpsPageOptions {
  model: SettingsScreenModel;
  /** The service asks for CONNECTOR_API_TOKEN on /v1/*. */
  tokenRequired: boolean;
  statuses: readonly string[];
}

export function renderOpsPage(options: OpsPageOptions): string {
  const { model, tokenRequired } = options;
  const tokenNote = tokenRequired ? 'This service asks for its API token (CONNECTOR_API_TOKEN).' : 'This service asks for no token (it listens on loopback only).';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)} connector</title>
<style>${OPS_CSS}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(model.title)} connector</h1>
  <form id="token-form" class="token">
    <label for="api-token">API token</label>
    <input type="password" id="api-token" autocomplete="off" placeholder="${tokenRequired ? 'required' : 'not needed'}">
    <button type="submit">Use</button>
    <span class="muted">${escapeHtml(tokenNote)} Kept for this tab only. <a href="/docs">API docs</a></span>
  </form>
</header>
<main>
${renderSettingsForm(model, { showValues: !tokenRequired })}
${renderBoard(options.statuses)}
</main>
<script>${OPS_SCRIPT}</script>
</body>
</html>
`;
}
