import { describe, expect, it } from '@jest/globals';
import vm from 'node:vm';
import { COMMON_SCRIPT } from '../../src/ops/scripts/common-script.js';
import { BOARD_SCRIPT } from '../../src/ops/scripts/board-script.js';
import { SETTINGS_SCRIPT } from '../../src/ops/scripts/settings-script.js';
import { SHIPMENT_SCRIPT } from '../../src/ops/scripts/shipment-script.js';
import { renderFrame } from '../../src/ops/page.js';
import { renderSettingsForm } from '../../src/ops/settings-form.js';
import { renderShipmentPage } from '../../src/ops/shipment-page.js';
import { serviceHeadline } from '../../src/ops/ops-source.js';
import { escapeHtml } from '../../src/ops/escape.js';
import type { SettingsScreenModel } from '../../src/settings/screen-model.js';

const hostile = '<img src=x onerror="alert(1)">&\'';

function model(): SettingsScreenModel {
  return {
    title: `Shop ${hostile}`,
    version: 1,
    fields: [
      { key: 'username', label: `User ${hostile}`, type: 'string', input: 'text', value: hostile, default: '', help: `help ${hostile}`, required: true, requiredFor: 'production', rule: 'must be text', maxLength: 128, env: 'CLICKPOST_USERNAME', overriddenByEnv: false },
      { key: 'key', label: 'Key', type: 'secret', input: 'password', value: null, marker: 'set', default: '', help: 'the key', required: true, requiredFor: 'production', rule: 'must be text', minLength: 4, maxLength: 256, env: 'CLICKPOST_KEY', overriddenByEnv: true },
      { key: 'packslip_required', label: 'Packslip Required', type: 'boolean', input: 'checkbox', value: true, default: false, help: '', required: false, rule: 'must be true or false', overriddenByEnv: false },
      { key: 'pickup_after_minutes', label: 'Pickup After', type: 'integer', input: 'number', value: 30, default: 0, help: '', required: false, rule: 'must be a whole number from 0 to 10080', min: 0, max: 10080, overriddenByEnv: false },
    ],
  };
}

/** The settings screen as GET /settings renders it. */
function renderOpsPage(o: { model: SettingsScreenModel; tokenRequired: boolean; statuses: string[] }): string {
  const body = renderSettingsForm(o.model, { showValues: !o.tokenRequired });
  return renderFrame({ appTitle: o.model.title, title: 'Settings', view: 'settings', tokenRequired: o.tokenRequired, mode: null, body, script: SETTINGS_SCRIPT });
}

describe('the settings screen', () => {
  it('escapes every text from the model', () => {
    const html = renderOpsPage({ model: model(), tokenRequired: false, statuses: ['BOOKED'] });
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(hostile));
    expect(escapeHtml(hostile)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
  });

  it('shows saved values and the key marker only when no token guards the API', () => {
    const open = renderOpsPage({ model: model(), tokenRequired: false, statuses: [] });
    expect(open).toMatch(/id="f-pickup_after_minutes"[^>]*value="30"/);
    expect(open).toMatch(/<input type="checkbox"[^>]*id="f-packslip_required"[^>]*checked/);
    expect(open).toMatch(/data-marker-for="key">set</);
    expect(open).toContain('Set by the environment variable <code>CLICKPOST_KEY</code>');

    const guarded = renderOpsPage({ model: model(), tokenRequired: true, statuses: [] });
    expect(guarded).not.toMatch(/id="f-pickup_after_minutes"[^>]*value=/);
    expect(guarded).not.toMatch(/id="f-packslip_required"[^>]*checked/);
    expect(guarded).toMatch(/data-marker-for="key">unknown</);
  });

  it('never gives the password field a value', () => {
    const html = renderOpsPage({ model: model(), tokenRequired: false, statuses: [] });
    const input = /<input type="password"[^>]*id="f-key"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).not.toBe('');
    expect(input).not.toContain('value=');
  });
});

describe('a shipment page', () => {
  it('escapes the code it shows', () => {
    const html = renderShipmentPage(hostile);
    expect(html).not.toContain('<img');
    expect(html).toContain(`data-code="${escapeHtml(hostile)}"`);
  });
});

describe('the header', () => {
  it('says plainly whether real bookings are made, and as whom', () => {
    expect(serviceHeadline('sandbox', 'http://127.0.0.1:1', null)).toBe('Sandbox: no real bookings');
    expect(serviceHeadline('live', 'https://www.clickpost.in', 'acme-ops')).toBe('Live ClickPost as acme-ops');
    expect(serviceHeadline('custom', 'http://cp.test', 'acme-ops')).toBe('ClickPost at http://cp.test as acme-ops (CLICKPOST_BASE_URL)');
  });
});

describe('the page scripts', () => {
  const scripts = { COMMON_SCRIPT, BOARD_SCRIPT, SETTINGS_SCRIPT, SHIPMENT_SCRIPT };
  it.each(Object.entries(scripts))('%s is valid JavaScript that writes API values only through textContent', (_name, script) => {
    expect(() => new vm.Script(script)).not.toThrow();
    expect(script).not.toContain('innerHTML');
    expect(script).not.toContain('</script');
  });

  it('builds every shipment path with encodeURIComponent (codes may hold "/")', () => {
    expect(COMMON_SCRIPT).toContain("'/v1/shipments/' + encodeURIComponent(code)");
    expect(COMMON_SCRIPT).toContain("'/shipments/' + encodeURIComponent(code)");
    expect(SHIPMENT_SCRIPT).toContain("'/v1/ops/shipments/' + encodeURIComponent(code)");
  });
});
