import { describe, it, expect } from '@jest/globals';
import { loadDeclaration, parseDeclaration, type ConnectorDeclaration } from '../../src/settings/declaration.js';
import { validateSettings } from '../../src/settings/schema.js';

const valid = {
  username: 'acme-b2b',
  key: 'c0ffee00-1234-5678-9abc-def012345678',
  packslip_required: true,
  pickup_after_minutes: 30,
  appointment_after_days: 2,
  ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15,
};

function withBounds(change: (d: { settings: Array<Record<string, unknown>> }) => void): ConnectorDeclaration {
  const copy = JSON.parse(JSON.stringify(loadDeclaration())) as { settings: Array<Record<string, unknown>> };
  change(copy);
  return parseDeclaration(copy);
}

describe('validateSettings (built from connector.json)', () => {
  it('accepts a whole valid object and returns it', () => {
    expect(validateSettings(valid)).toEqual({ ok: true, settings: valid });
  });

  it('fills declared defaults: nothing at all is valid (the sandbox)', () => {
    expect(validateSettings({})).toEqual({
      ok: true,
      settings: { username: '', key: '', packslip_required: false, pickup_after_minutes: 0, appointment_after_days: 0, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15 },
    });
  });

  it('names every wrong field at once, with the bound in the message', () => {
    const result = validateSettings({
      username: 'x'.repeat(129),
      key: 'abc',
      packslip_required: 'yes',
      pickup_after_minutes: 10081,
      appointment_after_days: 1.5,
    });
    expect(result).toEqual({
      ok: false,
      fields: [
        { path: 'username', message: 'must be text of at most 128 characters' },
        { path: 'key', message: 'must be text of 4 to 256 characters' },
        { path: 'packslip_required', message: 'must be true or false' },
        { path: 'pickup_after_minutes', message: 'must be a whole number from 0 to 10080' },
        { path: 'appointment_after_days', message: 'must be a whole number from 0 to 90' },
      ],
    });
  });

  it('holds the integer bounds exactly', () => {
    for (const ok of [0, 10080]) expect(validateSettings({ pickup_after_minutes: ok }).ok).toBe(true);
    for (const bad of [-1, 10081, 2.5, '30']) {
      expect(validateSettings({ pickup_after_minutes: bad })).toEqual({
        ok: false,
        fields: [{ path: 'pickup_after_minutes', message: 'must be a whole number from 0 to 10080' }],
      });
    }
    expect(validateSettings({ appointment_after_days: 90, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15 }).ok).toBe(true);
    expect(validateSettings({ appointment_after_days: 91, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15 }).ok).toBe(false);
  });

  it('names each unknown field, and says the view-only ones are read-only', () => {
    const result = validateSettings({ ...valid, colour: 'red', webhook: 1, key_set: true });
    expect(result).toEqual({
      ok: false,
      fields: [
        { path: 'colour', message: 'is not a setting of this connector' },
        { path: 'webhook', message: 'is not a setting of this connector' },
        { path: 'key_set', message: 'is read-only (answered by GET); leave it out' },
      ],
    });
  });

  it('wants Username and Key together or not at all', () => {
    expect(validateSettings({ username: 'acme' })).toEqual({
      ok: false,
      fields: [{ path: 'key', message: 'is required together with username' }],
    });
    expect(validateSettings({ key: valid.key, username: '' })).toEqual({
      ok: false,
      fields: [{ path: 'username', message: 'is required together with key' }],
    });
    // A key kept as saved (or given by the environment) counts as set.
    expect(validateSettings({ username: 'acme' }, { present: ['key'] }).ok).toBe(true);
  });

  it('trims text, and treats null as the declared default', () => {
    const result = validateSettings({ username: '  acme \n', key: ` ${valid.key}\n`, pickup_after_minutes: null });
    expect(result).toEqual({
      ok: true,
      settings: { username: 'acme', key: valid.key, packslip_required: false, pickup_after_minutes: 0, appointment_after_days: 0, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15 },
    });
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'x', 3]) {
      expect(validateSettings(body)).toEqual({ ok: false, fields: [{ path: '(body)', message: 'must be a JSON object of settings' }] });
    }
  });

  it('follows the declaration: a changed bound changes what is accepted and the message', () => {
    const declaration = withBounds((d) => {
      const pickup = d.settings.find((s) => s.key === 'pickup_after_minutes')!;
      pickup.max = 60;
      const username = d.settings.find((s) => s.key === 'username')!;
      username.maxLength = 5;
    });
    expect(validateSettings({ pickup_after_minutes: 61 }).ok).toBe(true);
    expect(validateSettings({ pickup_after_minutes: 61, username: 'abcdef', key: valid.key }, { declaration })).toEqual({
      ok: false,
      fields: [
        { path: 'username', message: 'must be text of at most 5 characters' },
        { path: 'pickup_after_minutes', message: 'must be a whole number from 0 to 60' },
      ],
    });
  });

  it('follows the declaration: a new setting is validated and unknown ones stay refused', () => {
    const declaration = withBounds((d) => {
      d.settings.push({ key: 'max_boxes', label: 'Max Boxes', type: 'integer', min: 1, max: 50, default: 10 });
    });
    expect(validateSettings({ max_boxes: 51 }, { declaration })).toEqual({
      ok: false,
      fields: [{ path: 'max_boxes', message: 'must be a whole number from 1 to 50' }],
    });
    const ok = validateSettings({}, { declaration });
    expect(ok.ok && ok.settings.max_boxes).toBe(10);
    expect(validateSettings({ max_boxes: 5 }).ok).toBe(false);
  });

  it('a required setting without requiredFor is always required', () => {
    const declaration = withBounds((d) => {
      d.settings.push({ key: 'warehouse', label: 'Warehouse', type: 'string', required: true, maxLength: 20 });
    });
    expect(validateSettings({}, { declaration })).toEqual({ ok: false, fields: [{ path: 'warehouse', message: 'is required' }] });
    expect(validateSettings({ warehouse: 'BHW' }, { declaration }).ok).toBe(true);
  });
});
