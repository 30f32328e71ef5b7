/**
 * A shipment's own screen: a notice when the shipment is stuck (parked work: why and since
 * when), summary with pickup time and appointment date, label download
 * retry of a FAILED or RETRY_WAIT shipment and cancel (each asks first, naming what will happen), boxes with child AWB, size and weight,
 * the attempts P1 -> P2 -> P3 with every ClickPost call, and tracking in India time. The
 * shipment script fills it from GET /v1/ops/shipments/:code.
 */
import { attr, escapeHtml } from './escape.js';
import { renderConfirmDialog } from './page.js';

export function renderShipmentPage(code: string): string {
  return `<p><a href="/">Back to the board</a></p>
<h1>Shipment <span id="story-code"${attr('data-code', code)}>${escapeHtml(code)}</span></h1>
<p id="story-message" class="message" role="status"></p>
<section id="stuck-notice" class="stuck-notice" aria-labelledby="stuck-title" hidden>
  <h2 id="stuck-title">Stuck: this shipment needs a person</h2>
  <p>Work of this shipment failed too often and was parked: nothing more happens by itself. Fix what the reason names; the notice goes once the shipment moves again.</p>
  <dl class="summary"><dt>Since</dt><dd id="stuck-since"></dd><dt>Reason</dt><dd id="stuck-reason"></dd></dl>
</section>
<section aria-labelledby="summary-title">
  <h2 id="summary-title">Summary <span id="live-note" class="muted"></span></h2>
  <dl id="summary" class="summary"></dl>
  <div class="actions">
    <button type="button" id="label-btn" disabled>Download label</button>
    <button type="button" id="retry-btn" disabled>Retry now…</button>
    <button type="button" id="cancel-btn" class="danger" disabled>Cancel shipment…</button>
  </div>
  <p id="action-message" class="message" role="status"></p>
</section>
<section aria-labelledby="boxes-title">
  <h2 id="boxes-title">Boxes</h2>
  <table class="cards"><thead><tr><th scope="col">#</th><th scope="col">Box code</th><th scope="col">Child AWB</th><th scope="col">Size (cm)</th><th scope="col">Weight</th></tr></thead>
  <tbody id="boxes-rows"></tbody></table>
</section>
<section aria-labelledby="attempts-title">
  <h2 id="attempts-title">Attempts and ClickPost calls (India time)</h2>
  <ol id="attempts" class="timeline"></ol>
  <p id="waiting" class="muted"></p>
  <h3>Other calls</h3>
  <ul id="other-calls"></ul>
</section>
<section aria-labelledby="tracking-title">
  <h2 id="tracking-title">Tracking (India time, newest first)</h2>
  <table class="cards"><thead><tr><th scope="col">Time (IST)</th><th scope="col">Status</th><th scope="col">Location</th><th scope="col">Remark</th></tr></thead>
  <tbody id="tracking-rows"></tbody></table>
</section>
${renderConfirmDialog()}`;
}
