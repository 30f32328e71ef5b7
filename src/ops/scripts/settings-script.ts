/**
 * The settings screen's script: loads and saves the settings (the Key only when typed),
 * marks every wrong field (aria-invalid, its message) and moves the focus to the first,
 * and runs "Test connection". A service that does not answer gets a plain message.
 */
export const SETTINGS_SCRIPT = String.raw`
(function () {
  'use strict';
  var O = window.Ops, $ = O.$;
  var form = $('settings-form');
  var inputs = Array.prototype.slice.call(form.querySelectorAll('[data-setting]'));
  function status(id, text, ok) { $(id).textContent = text; $(id).className = 'message' + (ok === false ? ' bad' : ''); }
  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) { p.textContent = ''; });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (i) { i.removeAttribute('aria-invalid'); });
  }
  function showErrors(fields) {
    var general = [];
    var wrong = [];
    fields.forEach(function (f) {
      var slot = $('err-' + f.path);
      var input = $('f-' + f.path);
      if (slot && input) {
        slot.textContent = f.message;
        input.setAttribute('aria-invalid', 'true');
        wrong.push(input);
      } else general.push(f.path + ': ' + f.message);
    });
    $('err-settings').textContent = general.join('; ');
    // The first wrong field in the order of the form, not of the answer.
    var first = inputs.filter(function (i) { return wrong.indexOf(i) >= 0; })[0];
    if (first) first.focus();
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
    var answer = await O.api('GET', '/v1/settings');
    if (answer.ok) { fillSettings(answer.data); status('settings-status', ''); }
    else status('settings-status', O.problem(answer), false);
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
  var saving = false;
  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    if (saving) return;
    saving = true;
    $('settings-save').disabled = true;
    clearErrors();
    status('settings-status', 'Saving…');
    try {
      var answer = await O.api('PUT', '/v1/settings', patchFromForm());
      if (answer.ok) { fillSettings(answer.data); status('settings-status', 'Saved.'); O.loadMode(); return; }
      if (answer.status === 400) status('settings-status', 'Not saved: correct the fields marked.', false);
      else status('settings-status', 'Not saved. ' + O.problem(answer), false);
      if (answer.data && Array.isArray(answer.data.fields)) showErrors(answer.data.fields);
    } finally {
      saving = false;
      $('settings-save').disabled = false;
    }
  });
  $('test-connection').addEventListener('click', async function () {
    var button = this;
    button.disabled = true;
    status('connection-result', 'Asking ClickPost…');
    try {
      var answer = await O.api('POST', '/v1/ops/connection-test');
      if (!answer.ok) { status('connection-result', 'Not tested. ' + O.problem(answer), false); return; }
      var r = answer.data;
      var label = { connected: 'Connected', authentication: 'Authentication failed', account: 'Account refused', network: 'Network problem', unexpected: 'Unexpected answer' }[r.verdict] || r.verdict;
      status('connection-result', label + ': ' + r.message, r.ok);
    } finally {
      button.disabled = false;
      button.focus();
    }
  });
  loadSettings();
})();
`;
