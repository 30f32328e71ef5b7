/**
 * The page's inline script (plain browser JS, no build step). It keeps the API token in
 * sessionStorage, loads and saves the settings, and fills the shipment board. Every
 * value from the API goes into the page through textContent, never innerHTML.
 */
export const OPS_SCRIPT = String.raw`
(function () {
  'use strict';
  var TOKEN_KEY = 'clickpost-connector.api-token';
  var PAGE_SIZE = 20;
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // --- API -----------------------------------------------------------------
  function authHeaders(extra) {
    var h = extra || {};
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token) h.Authorization = 'Bearer ' + token;
    return h;
  }
  async function api(method, path, body) {
    var init = { method: method, headers: authHeaders(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    var res = await fetch(path, init);
    var type = res.headers.get('content-type') || '';
    if (type.indexOf('application/json') === 0) return { status: res.status, ok: res.ok, data: await res.json() };
    return { status: res.status, ok: res.ok, blob: await res.blob() };
  }
  function problem(answer) {
    if (answer.status === 401) return 'The API asks for a token: enter it above.';
    var d = answer.data || {};
    return (d.error || ('HTTP ' + answer.status)) + (d.message ? ': ' + d.message : '');
  }

  // --- token ---------------------------------------------------------------
  var tokenInput = $('api-token');
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || '';
  $('token-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (tokenInput.value) sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    else sessionStorage.removeItem(TOKEN_KEY);
    loadSettings();
    loadBoard();
  });

  // --- settings --------------------------------------------------------------
  var form = $('settings-form');
  var inputs = Array.prototype.slice.call(form.querySelectorAll('[data-setting]'));
  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) { p.textContent = ''; });
    Array.prototype.forEach.call(form.querySelectorAll('.field.invalid'), function (f) { f.classList.remove('invalid'); });
  }
  function showErrors(fields) {
    var general = [];
    fields.forEach(function (f) {
      var slot = $('err-' + f.path);
      var field = slot && slot.closest('.field');
      if (field) {
        slot.textContent = f.message;
        field.classList.add('invalid');
      } else general.push(f.path + ': ' + f.message);
    });
    $('err-settings').textContent = general.join('; ');
  }
  function fillSettings(view) {
    inputs.forEach(function (input) {
      var key = input.dataset.setting;
      var kind = input.dataset.input;
      if (kind === 'password') {
        input.value = '';
        var marker = form.querySelector('[data-marker-for="' + key + '"]');
        if (marker) marker.textContent = view[key + '_set'] ? 'set' : 'not set';
        var clear = form.querySelector('[data-clear-for="' + key + '"]');
        if (clear) clear.checked = false;
      } else if (kind === 'checkbox') input.checked = view[key] === true;
      else input.value = view[key] === undefined || view[key] === null ? '' : String(view[key]);
    });
  }
  async function loadSettings() {
    var answer = await api('GET', '/v1/settings');
    if (answer.ok) { fillSettings(answer.data); $('settings-status').textContent = ''; }
    else $('settings-status').textContent = problem(answer);
  }
  function patchFromForm() {
    var patch = {};
    inputs.forEach(function (input) {
      var key = input.dataset.setting;
      var kind = input.dataset.input;
      if (kind === 'password') {
        var clear = form.querySelector('[data-clear-for="' + key + '"]');
        // Only a typed key is sent; an untouched field keeps the saved one.
        if (clear && clear.checked) patch[key] = '';
        else if (input.value !== '') patch[key] = input.value;
      } else if (kind === 'checkbox') patch[key] = input.checked;
      else if (kind === 'number') {
        var n = Number(input.value);
        // A blank or unreadable number is sent as typed, so the service names the rule.
        patch[key] = input.value.trim() === '' || !Number.isFinite(n) ? input.value : n;
      } else patch[key] = input.value;
    });
    return patch;
  }
  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    clearErrors();
    $('settings-status').textContent = 'saving…';
    var answer = await api('PUT', '/v1/settings', patchFromForm());
    if (answer.ok) { fillSettings(answer.data); $('settings-status').textContent = 'Saved.'; return; }
    $('settings-status').textContent = answer.status === 400 ? 'Not saved: see the fields marked.' : problem(answer);
    if (answer.data && Array.isArray(answer.data.fields)) showErrors(answer.data.fields);
  });

  // --- shipment board -------------------------------------------------------
  var board = { cursors: [null], page: 0 };
  function path(code, tail) { return '/v1/shipments/' + encodeURIComponent(code) + (tail || ''); }
  function attemptsCell(attempts) {
    var ul = el('ul');
    (attempts || []).forEach(function (a) {
      var parts = ['P' + a.priority + ' ' + a.account_code, a.outcome, 'meta ' + (a.meta_status === null ? '-' : a.meta_status), a.polls + ' poll(s)'];
      if (a.message) parts.push(a.message);
      ul.appendChild(el('li', parts.join(' · ')));
    });
    return ul;
  }
  function button(text, enabled, onClick) {
    var b = el('button', text, 'secondary');
    b.type = 'button';
    b.disabled = !enabled;
    b.addEventListener('click', onClick);
    return b;
  }
  async function openLabel(code) {
    var answer = await api('GET', path(code, '/label'));
    if (!answer.ok) { $('board-message').textContent = code + ': ' + problem(answer); return; }
    window.open(URL.createObjectURL(answer.blob), '_blank');
  }
  async function showTracking(code) {
    var answer = await api('GET', path(code, '/tracking'));
    if (!answer.ok) { $('board-message').textContent = code + ': ' + problem(answer); return; }
    $('tracking-code').textContent = code;
    $('tracking-body').textContent = JSON.stringify(answer.data, null, 2);
    $('tracking').hidden = false;
  }
  async function cancelShipment(code) {
    if (!window.confirm('Cancel shipment ' + code + '?')) return;
    $('board-message').textContent = 'cancelling ' + code + '…';
    var answer = await api('POST', path(code, '/cancel'));
    $('board-message').textContent = answer.ok ? code + ' is ' + answer.data.status : code + ': ' + problem(answer);
    loadBoard();
  }
  function row(s) {
    var tr = el('tr');
    tr.appendChild(el('td', s.shipment_code));
    tr.appendChild(el('td', s.status, 'status status-' + s.status));
    tr.appendChild(el('td', s.provider ? 'P' + s.provider.priority + ' ' + s.provider.account_code + ' (#' + s.provider.courier_partner_id + ')' : '-'));
    tr.appendChild(el('td', s.parent_awb || '-'));
    var at = el('td'); at.appendChild(attemptsCell(s.attempts)); tr.appendChild(at);
    var actions = el('td');
    actions.appendChild(button('Label PDF', s.status === 'BOOKED', function () { openLabel(s.shipment_code); }));
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(button('Tracking', true, function () { showTracking(s.shipment_code); }));
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(button('Cancel', s.status !== 'FAILED' && s.status !== 'CANCELLED', function () { cancelShipment(s.shipment_code); }));
    tr.appendChild(actions);
    return tr;
  }
  async function loadBoard() {
    var q = new URLSearchParams({ limit: String(PAGE_SIZE) });
    var status = $('status-filter').value;
    if (status) q.set('status', status);
    var cursor = board.cursors[board.page];
    if (cursor) q.set('after', cursor);
    var answer = await api('GET', '/v1/shipments?' + q.toString());
    var body = $('board-rows');
    body.textContent = '';
    if (!answer.ok) {
      var td = el('td', problem(answer), 'muted'); td.colSpan = 6;
      var tr = el('tr'); tr.appendChild(td); body.appendChild(tr);
      return;
    }
    if (answer.data.items.length === 0) {
      var none = el('td', 'no shipments', 'muted'); none.colSpan = 6;
      var tr0 = el('tr'); tr0.appendChild(none); body.appendChild(tr0);
    }
    answer.data.items.forEach(function (s) { body.appendChild(row(s)); });
    board.cursors[board.page + 1] = answer.data.next_cursor;
    $('page-next').disabled = !answer.data.next_cursor;
    $('page-prev').disabled = board.page === 0;
    $('page-number').textContent = 'page ' + (board.page + 1);
  }
  $('status-filter').addEventListener('change', function () { board = { cursors: [null], page: 0 }; loadBoard(); });
  $('board-refresh').addEventListener('click', loadBoard);
  $('page-next').addEventListener('click', function () { board.page += 1; loadBoard(); });
  $('page-prev').addEventListener('click', function () { board.page = Math.max(0, board.page - 1); loadBoard(); });
  $('tracking-close').addEventListener('click', function () { $('tracking').hidden = true; });

  loadSettings();
  loadBoard();
})();
`;
