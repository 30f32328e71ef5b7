/**
 * The board screen's body: counts per status (buttons that filter), search by code or AWB
 * with a date range, the table (one card per row on a phone) and numbered pages. Rows are
 * filled by the board script from GET /v1/ops/board, through textContent only; a stuck
 * shipment's row carries a "Stuck: needs a person" marker under its status.
 */
import { attr } from './escape.js';
import { renderConfirmDialog } from './page.js';

export function renderBoard(statuses: readonly string[]): string {
  const heads = ['Shipment', 'Status', 'Courier', 'AWBs', 'Attempts', 'Created (IST)', 'Actions'];
  return `<h1 id="board-title">Shipments</h1>
<section aria-labelledby="filter-title">
  <h2 id="filter-title">Find shipments</h2>
  <div id="counts" class="counts" role="group" aria-label="Filter by status"${attr('data-statuses', JSON.stringify(statuses))}></div>
  <form id="search-form" class="search" role="search" aria-label="Shipments">
    <div><label for="q">Shipment code or AWB (parent or child)</label><input type="search" id="q" name="q" autocomplete="off" maxlength="200"></div>
    <div><label for="from">Created from</label><input type="date" id="from" name="from"></div>
    <div><label for="to">Created to</label><input type="date" id="to" name="to"></div>
    <div class="search-actions"><button type="submit">Search</button><button type="button" id="search-clear" class="secondary">Clear</button></div>
  </form>
</section>
<section aria-labelledby="list-title">
  <h2 id="list-title">Newest first <span id="live-note" class="muted"></span></h2>
  <p id="board-message" class="message" role="status"></p>
  <table id="board-table" class="cards">
    <thead><tr>${heads.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
    <tbody id="board-rows"><tr><td colspan="${heads.length}" class="muted">loading…</td></tr></tbody>
  </table>
  <nav class="paging" aria-label="Pages">
    <button type="button" id="page-prev" class="secondary" disabled>Newer</button>
    <span id="page-info">page 1</span>
    <button type="button" id="page-next" class="secondary" disabled>Older</button>
  </nav>
</section>
${renderConfirmDialog()}`;
}
