import { describe, expect, it } from '@jest/globals';
import vm from 'node:vm';
import { OPS_SCRIPT } from '../../src/ops/client-script.js';
import { renderOpsPage } from '../../src/ops/page.js';
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

describe('renderOpsPage', () => {
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

describe('the page script', () => {
  it('is valid JavaScript that writes API values only through textContent', () => {
    expect(() => new vm.Script(OPS_SCRIPT)).not.toThrow();
    expect(OPS_SCRIPT).not.toContain('innerHTML');
    expect(OPS_SCRIPT).not.toContain('</script');
    // Codes may hold "/": every shipment path is built with encodeURIComponent.
    expect(OPS_SCRIPT).toContain("'/v1/shipments/' + encodeURIComponent(code)");
  });
});
