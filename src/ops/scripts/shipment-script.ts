/**
 * A shipment's screen script: fills the summary, boxes, the attempts timeline (each
 * ClickPost call with its India time and answer) and tracking from GET
 * /v1/ops/shipments/:code, and the stuck notice from the shipment view (GET
 * /v1/shipments/:code, `stuck`); refreshes every few seconds while the shipment still moves.
 */
export const SHIPMENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var O = window.Ops, $ = O.$, el = O.el;
  var LIVE_MS = 3000;
  var code = $('story-code').dataset.code;
  var story = null;
  var TIMERS = { labelPoll: 'next label poll', cancelRetry: 'next cancel try', start: 'booking start', retryRound: 'next round of providers', cancelConfirm: 'next check of the accepted cancel' };
  var ANSWERS = { booked: 'booked', accepted_async: 'accepted, label to follow', pending: 'still processing', transient: 'no answer to act on, tried again', immediate_error: 'refused by the courier', configuration_error: 'account or credentials refused', payload_error: 'shipment data refused', lookup_miss: 'not found', unknown: 'an answer ClickPost does not document, watched', skipped: 'account paused, not called', cancelled: 'cancelled', cancel_accepted: 'cancel accepted for later', cancel_failed: 'cancel refused' };
  var ENDPOINTS = { 'create-order': 'create order', 'poll-order': 'label poll', 'lookup-order': 'late-AWB check', 'cancel-order': 'cancel', 'fetch-label': 'label fetch', 'track-order': 'tracking' };

  function kg(g) { return g === null ? '-' : (g / 1000).toLocaleString('en-IN', { maximumFractionDigits: 3 }) + ' kg'; }
  function dim(b) { return b.length_cm === null ? '-' : b.length_cm + ' × ' + b.breadth_cm + ' × ' + b.height_cm; }
  function say(id, result) { $(id).textContent = result.text; $(id).className = 'message' + (result.ok ? '' : ' bad'); }
  function cell(tr, label, text) { var td = el('td'); td.dataset.label = label; td.appendChild(el('div', text === null || text === undefined || text === '' ? '-' : text)); tr.appendChild(td); }
  function pair(dl, term, value) { dl.appendChild(el('dt', term)); dl.appendChild(el('dd', value === null || value === undefined || value === '' ? '-' : value)); }

  function callText(c, pollNo) {
    var what = ENDPOINTS[c.endpoint] || c.endpoint;
    if (c.endpoint === 'poll-order' && pollNo) what += ' ' + pollNo;
    var answer = c.http_status === null ? 'no answer' + (c.error ? ' (' + c.error + ')' : '') : 'HTTP ' + c.http_status + (c.meta_status !== null ? ', meta.status ' + c.meta_status : '') + (c.answer ? ': ' + (ANSWERS[c.answer] || c.answer) : '');
    return O.ist(c.at) + ': ' + what + (c.retry_number ? ' (retry ' + c.retry_number + ')' : '') + ' → ' + answer + (c.failed ? ' · failed' : '');
  }
  function renderSummary(s) {
    var dl = $('summary');
    dl.textContent = '';
    pair(dl, 'Status', s.status + (s.cancel ? ' · cancel ' + s.cancel.state.toLowerCase() + (s.cancel.message ? ': ' + s.cancel.message : '') : ''));
    pair(dl, 'Courier', s.courier);
    pair(dl, 'Parent AWB', s.parent_awb);
    pair(dl, 'Pickup time', s.pickup_time);
    pair(dl, 'Appointment date', s.appointment_date);
    pair(dl, 'Created', O.ist(s.created_at));
    pair(dl, 'Last change', O.ist(s.updated_at));
    if (s.retry) pair(dl, 'Next round', 'round ' + s.retry.round + ' at ' + O.ist(s.retry.next_at) + ': ' + s.retry.reason);
    if (s.error) pair(dl, 'Why it failed', s.error);
    $('retry-btn').disabled = s.status !== 'FAILED' && s.status !== 'RETRY_WAIT';
    $('label-btn').disabled = s.status !== 'BOOKED';
    $('cancel-btn').disabled = s.status === 'FAILED' || s.status === 'CANCELLED' || !!(s.cancel && s.cancel.state !== 'FAILED');
  }
  function renderBoxes(s) {
    var body = $('boxes-rows');
    body.textContent = '';
    s.boxes.forEach(function (b) {
      var tr = el('tr');
      cell(tr, '#', String(b.position + 1)); cell(tr, 'Box code', b.box_code); cell(tr, 'Child AWB', b.child_awb || 'not yet');
      cell(tr, 'Size (cm)', dim(b)); cell(tr, 'Weight', kg(b.weight_g));
      body.appendChild(tr);
    });
  }
  function renderAttempts(s) {
    var ol = $('attempts');
    ol.textContent = '';
    if (!s.attempts.length) ol.appendChild(el('li', 'No attempt yet: the booking has not started.'));
    s.attempts.forEach(function (a) {
      var li = el('li', null, 'outcome-' + a.outcome);
      li.appendChild(el('strong', 'P' + a.priority + ' · cp ' + a.courier_partner_id + ' · ' + a.account_code + ': ' + a.outcome));
      li.appendChild(el('div', 'reference ' + a.reference_number + ' · started ' + O.ist(a.started_at) + (a.ended_at ? ' · ended ' + O.ist(a.ended_at) : '') + ' · ' + a.polls + ' poll(s)', 'muted'));
      if (a.message) li.appendChild(el('div', (a.meta_status !== null ? 'meta.status ' + a.meta_status + ': ' : '') + a.message));
      if (a.late_awb) li.appendChild(el('div', 'Late-AWB watch: ' + a.late_awb.state.toLowerCase() + (a.late_awb.awb ? ' (AWB ' + a.late_awb.awb + ')' : '')));
      var ul = el('ul');
      var polls = 0;
      a.calls.forEach(function (c) {
        if (c.endpoint === 'poll-order' && !c.retry_number) polls += 1;
        ul.appendChild(el('li', callText(c, c.endpoint === 'poll-order' ? polls : 0)));
      });
      if (a.calls.length) li.appendChild(ul);
      ol.appendChild(li);
    });
    $('waiting').textContent = s.waiting.map(function (w) {
      var name = TIMERS[w.timer] || (w.timer.indexOf('late:') === 0 ? 'next late-AWB check' : w.timer);
      return 'Waiting: ' + name + ' at ' + O.ist(w.due_at);
    }).join(' · ');
    var other = $('other-calls');
    other.textContent = '';
    if (!s.other_calls.length) other.appendChild(el('li', 'none', 'muted'));
    s.other_calls.forEach(function (c) { other.appendChild(el('li', callText(c, 0))); });
  }
  function renderTracking(s) {
    var body = $('tracking-rows');
    body.textContent = '';
    if (!s.tracking.length) { var td = el('td', 'No tracking event yet.', 'muted'); td.colSpan = 4; var tr0 = el('tr'); tr0.appendChild(td); body.appendChild(tr0); }
    s.tracking.forEach(function (e) {
      var tr = el('tr');
      var name = e.status_name + (e.bucket_name && e.bucket_name !== e.status_name ? ' (' + e.bucket_name + ')' : '');
      if (e.ndr && (e.ndr.code || e.ndr.description)) name += ' · NDR ' + [e.ndr.code, e.ndr.description].filter(Boolean).join(': ');
      cell(tr, 'Time (IST)', O.ist(e.timestamp)); cell(tr, 'Status', name); cell(tr, 'Location', e.location); cell(tr, 'Remark', e.remark);
      body.appendChild(tr);
    });
  }
  // Parked work (the view's stuck): a notice with the reason and since when, or none.
  function renderStuck(view) {
    var stuck = view && view.stuck;
    $('stuck-notice').hidden = !stuck;
    $('stuck-since').textContent = stuck ? O.ist(stuck.since) : '';
    $('stuck-reason').textContent = stuck ? stuck.reason : '';
  }
  async function load() {
    var answers = await Promise.all([O.api('GET', '/v1/ops/shipments/' + encodeURIComponent(code)), O.api('GET', O.shipmentPath(code))]);
    var answer = answers[0];
    if (!answer.ok) { say('story-message', { ok: false, text: O.problem(answer) }); return answer.status === 0; }
    $('story-message').textContent = '';
    story = answer.data;
    // The view is only asked for its stuck: when it did not answer, the notice stays as it was.
    if (answers[1].ok) renderStuck(answers[1].data);
    renderSummary(story); renderBoxes(story); renderAttempts(story); renderTracking(story);
    $('live-note').textContent = story.live ? '(updating every few seconds)' : '';
    return story.live;
  }
  var poller = O.repeatWhile(load, LIVE_MS);
  poller.now();
  $('label-btn').addEventListener('click', async function () {
    say('action-message', { ok: true, text: 'Getting the label…' });
    say('action-message', await O.downloadLabel(code));
  });
  $('retry-btn').addEventListener('click', async function () {
    if (!story) return;
    var first = story.attempts[0];
    var what = 'Every courier account is tried again now, from P1' + (first ? ' (' + first.account_code + ', reference ' + first.reference_number + ')' : '') +
      ', with the same references: an order ClickPost placed late is taken as it is, never booked twice.';
    var sure = await O.confirmAction('Retry shipment ' + story.shipment_code + ' now?', what, 'Yes, retry ' + story.shipment_code);
    if (!sure) { $('retry-btn').focus(); return; }
    var answer = await O.api('POST', O.shipmentPath(story.shipment_code, '/retry'));
    say('action-message', answer.ok ? { ok: true, text: story.shipment_code + ': a new round started, now ' + answer.data.status + '.' } : { ok: false, text: 'Not retried: ' + O.problem(answer) });
    poller.now();
  });
  $('cancel-btn').addEventListener('click', async function () {
    if (!story) return;
    var result = await O.cancelShipment({ shipment_code: story.shipment_code, status: story.status, parent_awb: story.parent_awb, courier: story.courier, boxes: story.boxes.length });
    if (!result) { $('cancel-btn').focus(); return; }
    say('action-message', result);
    poller.now();
  });
})();
`;
