import { describe, it, expect } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  findPackageRoot,
  loadDeclaration,
  parseDeclaration,
  readDeclarationFile,
  settingOf,
} from '../../src/settings/declaration.js';
import { SettingsError } from '../../src/settings/errors.js';

function packageJson(): unknown {
  const root = findPackageRoot();
  return JSON.parse(fs.readFileSync(path.join(root, 'connector.json'), 'utf8'));
}

describe('connector.json declaration', () => {
  it('loads the package connector.json with the five settings of the screen, in order, then E-way Bill Above and the retry rounds', () => {
    const d = loadDeclaration();
    expect(d.name).toBe('ClickPost B2B');
    expect(d.version).toBe(1);
    expect(d.settings.map((s) => [s.key, s.label, s.type])).toEqual([
      ['username', 'Username', 'string'],
      ['key', 'Key', 'secret'],
      ['packslip_required', 'Packslip Required', 'boolean'],
      ['pickup_after_minutes', 'Pickup After (Minutes)', 'integer'],
      ['appointment_after_days', 'Appointment After (Days)', 'integer'],
      ['ewaybill_above', 'E-way Bill Above (₹)', 'integer'],
      ['retry_rounds', 'Retry Rounds', 'integer'],
      ['retry_after_minutes', 'Retry After (Minutes)', 'integer'],
    ]);
    expect(settingOf(d, 'retry_rounds')).toMatchObject({ min: 0, default: 3 });
    expect(settingOf(d, 'retry_after_minutes')).toMatchObject({ min: 1, default: 15 });
    expect(settingOf(d, 'ewaybill_above')).toMatchObject({ min: 0, default: 50000 });
    expect(settingOf(d, 'packslip_required')?.default).toBe(false);
    expect(settingOf(d, 'username')).toMatchObject({ required: true, requiredFor: 'production', env: 'CLICKPOST_USERNAME' });
    expect(settingOf(d, 'key')).toMatchObject({ required: true, requiredFor: 'production', env: 'CLICKPOST_KEY' });
    expect(settingOf(d, 'pickup_after_minutes')).toMatchObject({ min: 0, max: 10080, default: 0 });
    expect(settingOf(d, 'appointment_after_days')).toMatchObject({ min: 0, max: 90, default: 0 });
  });

  it('finds the package root from a module two levels deeper, as from dist/src/settings/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'decl-'));
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    const deep = path.join(root, 'dist', 'src', 'settings');
    fs.mkdirSync(deep, { recursive: true });
    expect(findPackageRoot(pathToFileURL(path.join(deep, 'declaration.js')).href)).toBe(root);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses a declaration with min above max', () => {
    const json = packageJson() as { settings: Array<Record<string, unknown>> };
    json.settings[3].min = 500;
    json.settings[3].max = 100;
    expect(() => parseDeclaration(json)).toThrow(/pickup_after_minutes.*min <= default <= max/);
  });

  it('refuses a declaration missing one of the core settings', () => {
    const json = packageJson() as { settings: Array<Record<string, unknown>> };
    json.settings = json.settings.filter((s) => s.key !== 'key');
    expect(() => parseDeclaration(json)).toThrow(SettingsError);
    expect(() => parseDeclaration(json)).toThrow(/"key" must be declared with type "secret"/);
  });

  it('refuses an unknown property and an env variable on a non-text setting', () => {
    const a = packageJson() as { settings: Array<Record<string, unknown>> };
    a.settings[2].colour = 'red';
    expect(() => parseDeclaration(a)).toThrow(/settings\.2/);
    const b = packageJson() as { settings: Array<Record<string, unknown>> };
    b.settings[3].env = 'PICKUP_AFTER';
    expect(() => parseDeclaration(b)).toThrow(/may not name an env variable/);
  });

  it('reports an unreadable file with the code callers branch on', () => {
    try {
      readDeclarationFile(path.join(os.tmpdir(), 'no-such-dir-xyz', 'connector.json'));
      throw new Error('expected a throw');
    } catch (err) {
      expect((err as SettingsError).code).toBe('ERR_SETTINGS_DECLARATION');
    }
  });
});
