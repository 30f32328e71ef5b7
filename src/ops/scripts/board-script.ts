/**
 * The board screen's script: counts as filter buttons, search and date range, numbered
 * pages, row actions whose result shows in the row, and a refresh every few seconds while
 * anything shown still moves (paused while the tab is hidden). State lives in the URL's
 * query, so a filtered board can be bookmarked and the back button works.
 */
export const BOARD_SCRIPT = String.raw`
(function () {
  'use strict';
  var O = window.Ops, $ = O.$, el = O.el;
  var LIVE_MS = 3000;
  // Nothing moving: still look now and then, for shipments the host schedules meanwhile.
  var IDLE_MS = 30000;
  var statuses = JSON.parse($('counts').dataset.statuses || '[]');
  var params = new URLSearchParams(window.location.search);
  var state = { status: params.get('status') || '', q: params.get('q') || '', from: params.get('from') || '', to: params.get('to') || '', page: Number(params.get('page')) || 1 };
  var rowMessages = {};
  var last = null;
  $('q').value = state.q; $('from').value = state.from; $('to').value = state.to;

  function query() {
    var q = new URLSearchParams();
    ['status', 'q', 'from', 'to'].forEach(function (k) { if (state[k]) q.set(k, state[k]); });
    if (state.page > 1) q.set('page', String(state.page));
    return q;
  }
  function go(patch) {
    Object.keys(patch).forEach(function (k) { state[k] = patch[k]; });
    var q = query().toString();
    history.replaceState(null, '', q ? '?' + q : window.location.pathname);
    poller.now();
  }
  function countButton(label, status, n) {
    var b = el('button', label);
    b.type = 'button';
    // A real space, so the name reads "BOOKED 3", not "BOOKED3".
    b.appendChild(document.createTextNode(' '));
    b.appendChild(el('span', n, 'n'));
    b.setAttribute('aria-pressed', String(state.status === status));
    b.addEventListener('click', function () { go({ status: status, page: 1 }); });
    return b;
  }
  function renderCounts(counts, totalAll) {
    var box = $('counts');
    box.textContent = '';
    box.appendChild(countButton('All', '', totalAll));
    var names = statuses.slice();
    Object.keys(counts).forEach(function (s) { if (names.indexOf(s) < 0) names.push(s); });
    names.forEach(function (s) { box.appendChild(countButton(s, s, counts[s] || 0)); });
  }
  function cell(tr, label, content) {
    var td = el('td');
    td.dataset.label = label;
    var div = typeof content === 'string' || content === null ? el('div', content === null ? '-' : content) : content;
    td.appendChild(div);
    tr.appendChild(td);
  }
  function actionButton(text, name, enabled, onClick, cls) {
    var b = el('button', text, cls || 'secondary');
    b.type = 'button';
    b.disabled = !enabled;
    b.setAttribute('aria-label', name);
    b.addEventListener('click', onClick);
    return b;
  }
  function say(code, result) {
    if (!result) return;
    rowMessages[code] = result;
    $('board-message').textContent = result.text;
    $('board-message').className = 'message' + (result.ok ? '' : ' bad');
  }
  function row(s) {
    var tr = el('tr');
    tr.dataset.code = s.shipment_code;
    var link = el('a', s.shipment_code);
    link.href = O.pagePath(s.shipment_code);
    link.setAttribute('aria-label', 'Open shipment ' + s.shipment_code);
    var first = el('div'); first.appendChild(link); cell(tr, 'Shipment', first);
    var status = el('div');
    status.appendChild(el('div', s.status + (s.cancel && s.cancel.state !== 'DONE' ? ' · cancel ' + s.cancel.state.toLowerCase() : ''), 'status status-' + s.status));
    // Parked work: nothing more happens by itself; the shipment's page says why.
    if (s.stuck) status.appendChild(el('div', 'Stuck: needs a person', 'stuck-marker'));
    cell(tr, 'Status', status);
    if (s.stuck) tr.classList.add('stuck-row');
    cell(tr, 'Courier', s.courier);
    var awbs = el('div');
    awbs.appendChild(el('div', s.parent_awb ? 'parent ' + s.parent_awb : 'no AWB yet'));
    if (s.child_awbs.length) awbs.appendChild(el('div', s.boxes + ' box(es): ' + s.child_awbs.join(', '), 'muted'));
    else awbs.appendChild(el('div', s.boxes + ' box(es)', 'muted'));
    cell(tr, 'AWBs', awbs);
    var ul = el('ul');
    s.attempts.forEach(function (a) { ul.appendChild(el('li', 'P' + a.priority + ' ' + a.courier + ': ' + a.outcome + (a.polls ? ' (' + a.polls + ' poll' + (a.polls > 1 ? 's' : '') + ')' : ''))); });
    cell(tr, 'Attempts', s.attempts.length ? ul : el('div', 'not started', 'muted'));
    cell(tr, 'Created', O.ist(s.created_at));
    var actions = el('div', null, 'row-actions');
    actions.appendChild(actionButton('Label', 'Download label of ' + s.shipment_code, s.status === 'BOOKED', async function () {
      say(s.shipment_code, { ok: true, text: 'Getting the label of ' + s.shipment_code + '…' });
      say(s.shipment_code, await O.downloadLabel(s.shipment_code));
      render();
    }));
    var cancellable = s.status !== 'FAILED' && s.status !== 'CANCELLED' && !(s.cancel && s.cancel.state !== 'FAILED');
    actions.appendChild(actionButton('Cancel', 'Cancel ' + s.shipment_code, cancellable, async function () {
      var result = await O.cancelShipment(s);
      if (result) { say(s.shipment_code, result); poller.now(); } else this.focus();
    }, 'danger'));
    var wrap = el('div'); wrap.appendChild(actions);
    var msg = rowMessages[s.shipment_code];
    if (msg) wrap.appendChild(el('span', msg.text, 'row-msg' + (msg.ok ? '' : ' bad')));
    cell(tr, 'Actions', wrap);
    return tr;
  }
  function render() {
    if (!last) return;
    // A refresh replaces the rows: keep the keyboard focus on the same control.
    var focused = document.activeElement;
    var focusName = focused && focused.closest && focused.closest('#board-rows') ? focused.getAttribute('aria-label') : null;
    var body = $('board-rows');
    body.textContent = '';
    if (last.items.length === 0) {
      var none = el('td', 'No shipment matches.', 'muted'); none.colSpan = 7;
      var tr0 = el('tr'); tr0.appendChild(none); body.appendChild(tr0);
    }
    last.items.forEach(function (s) { body.appendChild(row(s)); });
    if (focusName) {
      var again = Array.prototype.find.call(body.querySelectorAll('[aria-label]'), function (e) { return e.getAttribute('aria-label') === focusName; });
      if (again) again.focus();
    }
  }
  async function load() {
    var answer = await O.api('GET', '/v1/ops/board?' + query().toString());
    if (!answer.ok) {
      $('board-message').textContent = O.problem(answer);
      $('board-message').className = 'message bad';
      return answer.status === 0; // keep trying while the service is away
    }
    var d = answer.data;
    last = d;
    var totalAll = Object.keys(d.counts).reduce(function (n, k) { return n + d.counts[k]; }, 0);
    renderCounts(d.counts, totalAll);
    render();
    var firstShown = d.total === 0 ? 0 : (d.page - 1) * d.page_size + 1;
    $('page-info').textContent = 'Showing ' + firstShown + '–' + ((d.page - 1) * d.page_size + d.items.length) + ' of ' + d.total + ' · page ' + d.page + ' of ' + d.pages;
    $('page-prev').disabled = d.page <= 1;
    $('page-next').disabled = d.page >= d.pages;
    state.page = d.page;
    $('live-note').textContent = d.live ? '(updating every few seconds)' : '';
    return d.live;
  }
  var poller = O.repeatWhile(load, LIVE_MS, IDLE_MS);
  poller.now();
  $('search-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    go({ q: $('q').value.trim(), from: $('from').value, to: $('to').value, page: 1 });
  });
  $('search-clear').addEventListener('click', function () {
    $('q').value = ''; $('from').value = ''; $('to').value = '';
    go({ q: '', from: '', to: '', status: '', page: 1 });
  });
  $('page-prev').addEventListener('click', function () { go({ page: Math.max(1, state.page - 1) }); });
  $('page-next').addEventListener('click', function () { go({ page: state.page + 1 }); });
})();
`;
