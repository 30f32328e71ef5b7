/**
 * The script every operations screen runs first (plain browser JS, no build step). It
 * exposes `window.Ops`: calls to the API with the tab's token and a time limit (a service
 * that stops answering gets a clear banner, never a frozen "saving…"), the header's mode and
 * readiness (/readyz, or /healthz where /readyz does not exist), India-time formatting, the
 * confirmation dialog, label download and polling that pauses while the tab is hidden.
 * Values from the API reach the page through textContent only.
 */
export const COMMON_SCRIPT = String.raw`
(function () {
  'use strict';
  var TOKEN_KEY = 'clickpost-connector.api-token';
  var TIMEOUT_MS = 10000;
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function offline(text) {
    var b = $('offline');
    if (!b) return;
    b.textContent = text || '';
    b.hidden = !text;
  }
  function authHeaders(extra) {
    var h = extra || {};
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token) h.Authorization = 'Bearer ' + token;
    return h;
  }
  // Resolves to { status, ok, data | blob }; status 0 when the service did not answer in time.
  async function api(method, path, body) {
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, TIMEOUT_MS);
    var init = { method: method, signal: ctrl.signal, headers: authHeaders(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    try {
      var res = await fetch(path, init);
      var type = res.headers.get('content-type') || '';
      var answer = type.indexOf('application/json') === 0 ? { status: res.status, ok: res.ok, data: await res.json() } : { status: res.status, ok: res.ok, blob: await res.blob() };
      offline('');
      return answer;
    } catch (err) {
      offline('The service is not answering. Check that it is running; this page tries again by itself.');
      return { status: 0, ok: false, data: null };
    } finally {
      clearTimeout(timer);
    }
  }
  function problem(answer) {
    if (answer.status === 0) return 'The service did not answer, so nothing was done. Try again once it is back.';
    if (answer.status === 401) return 'The service asks for its API token: enter it at the top of the page.';
    var d = answer.data || {};
    return (d.error || ('HTTP ' + answer.status)) + (d.message ? ': ' + d.message : '');
  }
  var IST = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  function ist(iso) { return iso ? IST.format(new Date(iso)) + ' IST' : '-'; }
  function shipmentPath(code, tail) { return '/v1/shipments/' + encodeURIComponent(code) + (tail || ''); }
  function pagePath(code) { return '/shipments/' + encodeURIComponent(code); }

  // What a cancel will do, in the words the dialog shows.
  function cancelConsequence(s) {
    var courier = s.courier ? ' with ' + s.courier : '';
    if (s.status === 'BOOKED' && s.parent_awb) {
      return 'ClickPost is asked to cancel AWB ' + s.parent_awb + courier + '. The labels of its ' + s.boxes + ' box(es) can no longer be used and the courier will not pick it up. This cannot be undone.';
    }
    if (s.status === 'BOOKED' || s.status === 'FAILED' || s.status === 'CANCELLED') return 'Shipment ' + s.shipment_code + ' is cancelled. This cannot be undone.';
    return 'Booking of ' + s.shipment_code + ' stops: no more calls or label polls' + courier + ', and no AWB will be used for it. This cannot be undone.';
  }
  function confirmAction(title, text, yes) {
    var dialog = $('confirm-dialog');
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm-yes').textContent = yes;
    return new Promise(function (resolve) {
      function done(value) {
        $('confirm-yes').removeEventListener('click', onYes);
        $('confirm-no').removeEventListener('click', onNo);
        dialog.removeEventListener('cancel', onNo);
        if (dialog.open) dialog.close();
        resolve(value);
      }
      function onYes() { done(true); }
      function onNo() { done(false); }
      $('confirm-yes').addEventListener('click', onYes);
      $('confirm-no').addEventListener('click', onNo);
      dialog.addEventListener('cancel', onNo);
      dialog.showModal();
      $('confirm-no').focus();
    });
  }
  async function downloadLabel(code) {
    var answer = await api('GET', shipmentPath(code, '/label'));
    if (!answer.ok) return { ok: false, text: problem(answer) };
    var a = document.createElement('a');
    a.href = URL.createObjectURL(answer.blob);
    a.download = 'label-' + code.replace(/[^A-Za-z0-9_.-]/g, '_') + '.pdf';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return { ok: true, text: 'Label of ' + code + ' downloaded.' };
  }
  async function cancelShipment(s) {
    var sure = await confirmAction('Cancel shipment ' + s.shipment_code + '?', cancelConsequence(s), 'Yes, cancel ' + s.shipment_code);
    if (!sure) return null;
    var answer = await api('POST', shipmentPath(s.shipment_code, '/cancel'));
    if (!answer.ok) return { ok: false, text: 'Not cancelled: ' + problem(answer) };
    var v = answer.data;
    var text = v.status === 'CANCELLED' ? s.shipment_code + ' is cancelled.' : s.shipment_code + ': cancel ' + (v.cancel ? v.cancel.state.toLowerCase() : 'asked') + ', now ' + v.status + '.';
    return { ok: true, text: text };
  }

  // Calls fn now, then again after ms while it answers true (after idleMs, when given,
  // while it answers false); pauses while the tab is hidden. One call at a time: asking
  // again while one runs runs once more after it.
  function repeatWhile(fn, ms, idleMs) {
    var timer = null, running = false, again = false;
    async function tick() {
      if (timer) { clearTimeout(timer); timer = null; }
      if (running) { again = true; return; }
      running = true;
      var more = false;
      try { more = await fn(); } finally { running = false; }
      if (again) { again = false; return tick(); }
      var wait = more ? ms : idleMs;
      if (wait && !document.hidden) timer = setTimeout(tick, wait);
    }
    document.addEventListener('visibilitychange', function () {
      if (document.hidden && timer) { clearTimeout(timer); timer = null; }
      else if (!document.hidden && !timer && !running) tick();
    });
    return { now: tick };
  }

  // --- header: mode, readiness, token ------------------------------------------
  async function loadMode() {
    var answer = await api('GET', '/v1/ops/service');
    var p = $('mode');
    if (!answer.ok) { if (answer.status === 401) p.textContent = 'Where bookings go: enter the API token'; return; }
    p.textContent = answer.data.headline;
    p.className = 'mode mode-' + answer.data.mode;
  }
  var readyPath = '/readyz';
  async function readiness() {
    var p = $('ready');
    var answer = await api('GET', readyPath);
    // A service without /readyz: its liveness answer says enough.
    if (answer.status === 404 && readyPath === '/readyz') { readyPath = '/healthz'; answer = await api('GET', readyPath); }
    var d = answer.data || {};
    var why = [];
    if (d.database && d.database !== 'ok') why.push('database ' + d.database);
    if (d.workers && d.workers !== 'running') why.push('workers ' + d.workers);
    // Stopped workers book nothing: not ready, whatever the liveness answer says.
    var bad = !answer.ok || why.length > 0;
    if (answer.status === 0) p.textContent = 'Readiness: the service is not answering';
    else p.textContent = (bad ? 'Not ready' : 'Ready') + (why.length ? ' (' + why.join(', ') + ')' : '');
    p.className = bad ? 'ready ready-bad' : 'ready';
    return true;
  }
  var tokenForm = $('token-form');
  if (tokenForm) {
    $('api-token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    tokenForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var v = $('api-token').value.trim();
      if (v) sessionStorage.setItem(TOKEN_KEY, v); else sessionStorage.removeItem(TOKEN_KEY);
      window.location.reload();
    });
  }
  loadMode();
  repeatWhile(readiness, 15000).now();

  window.Ops = { $: $, el: el, api: api, problem: problem, ist: ist, shipmentPath: shipmentPath, pagePath: pagePath,
    confirmAction: confirmAction, cancelConsequence: cancelConsequence, downloadLabel: downloadLabel, cancelShipment: cancelShipment,
    repeatWhile: repeatWhile, loadMode: loadMode };
})();
`;
