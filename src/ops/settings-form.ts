/**
 * The settings screen, rendered from the settings screen model (connector.json gives the
 * label, help, bounds and input type of each field). The Key is a password field that
 * starts empty and is only sent when typed; the page shows whether one is set.
 */
import type { ScreenField, SettingsScreenModel } from '../settings/screen-model.js';
import { attr, escapeHtml } from './escape.js';

export interface SettingsFormOptions {
  /** False when a token guards the API: the open page then shows no saved value; the script loads them. */
  showValues: boolean;
}

function inputOf(field: ScreenField, showValues: boolean): string {
  const id = `f-${field.key}`;
  const common = `${attr('id', id)}${attr('name', field.key)}${attr('data-setting', field.key)}${attr('data-input', field.input)}${attr('aria-describedby', `help-${field.key} err-${field.key}`)}`;
  switch (field.input) {
    case 'checkbox':
      return `<span class="check"><input type="checkbox"${common}${attr('checked', showValues && field.value === true)}></span>`;
    case 'number':
      return `<input type="number" step="1"${common}${attr('min', field.min)}${attr('max', field.max)}${attr('value', showValues ? (field.value as number | null) : null)}>`;
    case 'password':
      return `<input type="password" autocomplete="new-password" placeholder="type a new key to replace it"${common}${attr('maxlength', field.maxLength)}>`;
    default:
      return `<input type="text" autocomplete="off"${common}${attr('maxlength', field.maxLength)}${attr('value', showValues ? (field.value as string | null) : null)}>`;
  }
}

function secretExtras(field: ScreenField, showValues: boolean): string {
  if (field.input !== 'password') return '';
  const marker = showValues ? (field.marker ?? 'not set') : 'unknown';
  return `<span class="marker"${attr('data-marker-for', field.key)}>${escapeHtml(marker)}</span>
      <label class="check"><input type="checkbox"${attr('data-clear-for', field.key)}> remove the saved ${escapeHtml(field.label)}</label>`;
}

function fieldRow(field: ScreenField, showValues: boolean): string {
  const required = field.requiredFor === 'production' ? ' <span class="req">(required for production)</span>' : field.required ? ' <span class="req">(required)</span>' : '';
  const env = field.env
    ? `<p class="env">${field.overriddenByEnv ? `Set by the environment variable <code>${escapeHtml(field.env)}</code>: the saved value is not the one in force.` : `The environment variable <code>${escapeHtml(field.env)}</code> overrides it when set.`}</p>`
    : '';
  return `<div class="field"${attr('data-field', field.key)}>
    <label${attr('for', `f-${field.key}`)}>${escapeHtml(field.label)}${required}</label>
    <div class="control">${inputOf(field, showValues)}
      ${secretExtras(field, showValues)}</div>
    <p class="help"${attr('id', `help-${field.key}`)}>${escapeHtml(field.help)} <span class="rule">(${escapeHtml(field.rule)})</span></p>
    ${env}
    <p class="field-error" role="alert"${attr('id', `err-${field.key}`)}></p>
  </div>`;
}

export function renderSettingsForm(model: SettingsScreenModel, options: SettingsFormOptions): string {
  return `<h1>${escapeHtml(model.title)} settings</h1>
<section aria-labelledby="settings-title">
  <h2 id="settings-title">Saved settings</h2>
  <form id="settings-form" novalidate>
    ${model.fields.map((f) => fieldRow(f, options.showValues)).join('\n    ')}
    <p class="field-error" role="alert" id="err-settings"></p>
    <div class="actions"><button type="submit" id="settings-save">Save</button> <span id="settings-status" class="message" role="status"></span></div>
  </form>
</section>
<section aria-labelledby="connection-title">
  <h2 id="connection-title">Connection</h2>
  <p class="help">Asks ClickPost (or the built-in sandbox) one harmless question with the saved settings; nothing is booked.</p>
  <div class="actions"><button type="button" id="test-connection">Test connection</button></div>
  <p id="connection-result" class="message" role="status"></p>
</section>`;
}
