import { describe, it, expect } from '@jest/globals';
import { loadDeclaration, parseDeclaration } from '../../src/settings/declaration.js';
import { settingsScreenModel } from '../../src/settings/screen-model.js';
import type { SettingsView } from '../../src/settings/settings-store.js';

const view: SettingsView = {
  username: 'acme-b2b',
  key_set: true,
  packslip_required: true,
  pickup_after_minutes: 30,
  appointment_after_days: 2,
  ewaybill_above: 50000,
  retry_rounds: 3,
  retry_after_minutes: 15,
  overridden_by_env: ['key'],
};

describe('settingsScreenModel', () => {
  it('lists every declared field in order with label, input, value, help and bounds', () => {
    const model = settingsScreenModel(loadDeclaration(), view);
    expect(model.title).toBe('ClickPost B2B');
    expect(model.fields.map((f) => [f.key, f.label, f.input, f.value])).toEqual([
      ['username', 'Username', 'text', 'acme-b2b'],
      ['key', 'Key', 'password', null],
      ['packslip_required', 'Packslip Required', 'checkbox', true],
      ['pickup_after_minutes', 'Pickup After (Minutes)', 'number', 30],
      ['appointment_after_days', 'Appointment After (Days)', 'number', 2],
      ['ewaybill_above', 'E-way Bill Above (₹)', 'number', 50000],
      ['retry_rounds', 'Retry Rounds', 'number', 3],
      ['retry_after_minutes', 'Retry After (Minutes)', 'number', 15],
    ]);
    const pickup = model.fields[3];
    expect(pickup).toMatchObject({ min: 0, max: 10080, default: 0, rule: 'must be a whole number from 0 to 10080', required: false });
    expect(pickup.help).toMatch(/Default 0/);
    expect(model.fields[0]).toMatchObject({ maxLength: 128, required: true, requiredFor: 'production', env: 'CLICKPOST_USERNAME', overriddenByEnv: false });
  });

  it('shows the Key only as a set / not set marker, and which field the environment overrides', () => {
    const set = settingsScreenModel(loadDeclaration(), view).fields[1];
    expect(set).toMatchObject({ value: null, marker: 'set', overriddenByEnv: true, env: 'CLICKPOST_KEY' });
    const unset = settingsScreenModel(loadDeclaration(), { ...view, key_set: false, overridden_by_env: [] }).fields[1];
    expect(unset).toMatchObject({ value: null, marker: 'not set', overriddenByEnv: false });
  });

  it('never carries the Key, even when a caller passes a view that has one', () => {
    const leaky = { ...view, key: 'c0ffee00-1234-5678-9abc-def012345678' } as SettingsView;
    expect(JSON.stringify(settingsScreenModel(loadDeclaration(), leaky))).not.toContain('c0ffee00');
  });

  it('follows the declaration: a changed bound shows up in the model', () => {
    const copy = JSON.parse(JSON.stringify(loadDeclaration())) as { settings: Array<Record<string, unknown>> };
    copy.settings[4].max = 30;
    const field = settingsScreenModel(parseDeclaration(copy), view).fields[4];
    expect(field).toMatchObject({ max: 30, rule: 'must be a whole number from 0 to 30' });
  });
});
