/**
 * The shipment board's frame: filter, table head, paging. Rows are filled by the page's
 * script from GET /v1/shipments (it sends the API token), using textContent only.
 */
import { attr, escapeHtml } from './escape.js';

export function renderBoard(statuses: readonly string[]): string {
  const options = ['<option value="">any status</option>', ...statuses.map((s) => `<option${attr('value', s)}>${escapeHtml(s)}</option>`)].join('');
  return `<section id="board" aria-labelledby="board-title">
  <h2 id="board-title">Shipments</h2>
  <div class="toolbar">
    <label for="status-filter">Status</label> <select id="status-filter">${options}</select>
    <button type="button" id="board-refresh">Refresh</button>
    <span id="board-message" role="status"></span>
  </div>
  <table>
    <thead><tr><th>Code</th><th>Status</th><th>Provider</th><th>Parent AWB</th><th>Attempts (priority, outcome, meta, polls)</th><th>Actions</th></tr></thead>
    <tbody id="board-rows"><tr><td colspan="6" class="muted">loading…</td></tr></tbody>
  </table>
  <div class="paging">
    <button type="button" id="page-prev" disabled>Newer</button>
    <span id="page-number">page 1</span>
    <button type="button" id="page-next" disabled>Older</button>
  </div>
  <div id="tracking" hidden>
    <h3>Tracking of <span id="tracking-code"></span> <button type="button" id="tracking-close">close</button></h3>
    <pre id="tracking-body"></pre>
  </div>
</section>`;
}
