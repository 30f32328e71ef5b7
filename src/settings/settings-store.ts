/**
 * The connector settings, saved in the `settings` table as ONE row, key 'connector',
 * whose value is the JSON of every declared setting. One row because PUT validates and
 * replaces the settings as a whole, so a single-row write is the whole change, and other
 * modules may keep their own rows in the same table without colliding with setting keys.
 *
 * Secret settings (the ClickPost Key) are stored only as AES-256-GCM ciphertext
 * (crypto.ts), or "" when not set. Reading the public view never decrypts.
 *
 * PUT semantics: a field left out keeps its saved value (for the Key: the saved
 * ciphertext, untouched); a field sent as null goes back to its declared default; the Key
 * sent as "" or null is removed. Username and Key are set together or not at all (see
 * connector.json); with neither the connector uses the built-in sandbox.
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { ConnectorSettings, SettingsView } from '../domain/settings.js';
import { writeTransaction, parseJson, type Db } from '../store/db.js';
import { registerSecret } from '../transport/redact.js';
import { decryptSecret, encryptSecret, type Env } from './crypto.js';
import { loadDeclaration, type ConnectorDeclaration } from './declaration.js';
import { envOverrides } from './env-overrides.js';
import { SettingsError } from './errors.js';
import { defaultSettings, validateSettings, type FieldError } from './schema.js';

export const SETTINGS_ROW_KEY = 'connector';

// The answer's shape has one home (src/domain/settings.ts).
export type { SettingsView };

/**
 * A PUT body: any subset of the settings; null puts a field back to its default (the Key:
 * removes it). Declared settings beyond these (connector.json may add some) are accepted too.
 */
export interface SettingsUpdate {
  username?: string | null;
  key?: string | null;
  packslip_required?: boolean | null;
  pickup_after_minutes?: number | null;
  appointment_after_days?: number | null;
  [setting: string]: string | number | boolean | null | undefined;
}

export type UpdateSettingsResult = { ok: true; view: SettingsView } | { ok: false; fields: FieldError[] };

export interface SettingsService {
  /** The settings in force: Key decrypted, environment overrides applied, defaults filled. */
  get(): Promise<ConnectorSettings>;
  /** The settings as the host may see them; never the Key. */
  publicView(): Promise<SettingsView>;
  /** Merges a partial PUT body into the saved settings, validates the whole, saves it. */
  update(patch: unknown): Promise<UpdateSettingsResult>;
  /** Username and Key both set (saved or from the environment): talk to the real ClickPost. */
  hasCredentials(): Promise<boolean>;
}

export interface SettingsServiceOptions {
  db: Db;
  masterKey: Buffer;
  /** Default process.env. */
  env?: Env;
  clock?: Clock;
  /** Default: the package's connector.json. */
  declaration?: ConnectorDeclaration;
  /**
   * get() serves the settings from memory and looks at the saved row again at most this
   * often (real time, ms; default 1000), re-parsing and decrypting only when the row's text
   * changed. A change made through this service is seen at once; one made by another node
   * within this time. 0: look at every get().
   */
  recheckMs?: number;
}

type StoredValues = Record<string, string | boolean | number>;
type Runner = Db | Parameters<Parameters<typeof writeTransaction>[1]>[0];

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { db, masterKey } = options;
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const declaration = options.declaration ?? loadDeclaration();
  const secretKeys = declaration.settings.filter((s) => s.type === 'secret').map((s) => s.key);
  const overrides = () => envOverrides(declaration, env);
  for (const key of secretKeys) registerSecret(overrides()[key]);

  async function readRowText(runner: Runner): Promise<unknown> {
    const row = (await runner('settings').select('value').where({ key: SETTINGS_ROW_KEY }).first()) as { value: unknown } | undefined;
    return row ? row.value : undefined;
  }

  async function readStored(runner: Runner): Promise<StoredValues> {
    return storedOf(await readRowText(runner));
  }

  function storedOf(rowValue: unknown): StoredValues {
    if (rowValue === undefined) return {};
    const row = { value: rowValue };
    let value: unknown;
    try {
      value = parseJson<unknown>(row.value);
    } catch (err) {
      throw new SettingsError('ERR_SETTINGS_STORED', 'the saved settings row is not JSON', { cause: err });
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new SettingsError('ERR_SETTINGS_STORED', 'the saved settings row is not a JSON object');
    }
    // Only declared settings: one removed from connector.json is ignored, not served.
    const out: StoredValues = {};
    for (const s of declaration.settings) {
      const v = (value as Record<string, unknown>)[s.key];
      if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') out[s.key] = v;
    }
    return out;
  }

  function viewOf(stored: StoredValues): SettingsView {
    const env = overrides();
    const view: Record<string, unknown> = {};
    const defaults = defaultSettings(declaration);
    for (const s of declaration.settings) {
      if (s.type === 'secret') view[`${s.key}_set`] = Boolean(env[s.key]) || Boolean(stored[s.key]);
      else view[s.key] = env[s.key] ?? stored[s.key] ?? defaults[s.key];
    }
    view.overridden_by_env = Object.keys(env);
    return view as unknown as SettingsView;
  }

  // The settings in force, kept with the row text they came from (see recheckMs).
  const recheckMs = Math.max(0, options.recheckMs ?? 1000);
  let cached: { text: unknown; settings: ConnectorSettings; checkedAt: number } | null = null;
  let generation = 0;

  function forget(): void {
    cached = null;
    generation++;
  }

  async function get(): Promise<ConnectorSettings> {
    const at = performance.now();
    if (cached && at - cached.checkedAt < recheckMs) return cached.settings;
    const seen = generation;
    const text = await readRowText(db);
    if (cached && cached.text === text) {
      cached.checkedAt = at;
      return cached.settings;
    }
    const settings = Object.freeze(settingsOf(storedOf(text)));
    if (seen === generation) cached = { text, settings, checkedAt: at };
    return settings;
  }

  function settingsOf(stored: StoredValues): ConnectorSettings {
    const values: Record<string, unknown> = { ...defaultSettings(declaration), ...stored };
    for (const key of secretKeys) {
      const text = stored[key];
      values[key] = typeof text === 'string' && text !== '' ? decryptSecret(masterKey, text) : '';
    }
    Object.assign(values, overrides());
    for (const key of secretKeys) registerSecret(values[key] as string);
    return values as unknown as ConnectorSettings;
  }

  async function update(patch: unknown): Promise<UpdateSettingsResult> {
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
      return { ok: false, fields: [{ path: '(body)', message: 'must be a JSON object of settings' }] };
    }
    const body = patch as Record<string, unknown>;
    forget();
    const result = await writeTransaction(db, async (trx) => {
      const stored = await readStored(trx);
      const { candidate, present } = mergeForValidation(stored, body);
      const result = validateSettings(candidate, { declaration, present });
      if (!result.ok) return { ok: false as const, fields: result.fields };
      const row: StoredValues = {};
      for (const s of declaration.settings) {
        if (s.type !== 'secret') row[s.key] = result.settings[s.key];
        else if (body[s.key] === undefined) row[s.key] = stored[s.key] ?? '';
        else row[s.key] = sealSecret(result.settings[s.key] as string);
      }
      await trx('settings')
        .insert({ key: SETTINGS_ROW_KEY, value: JSON.stringify(row), updated_at: clock.now() })
        .onConflict('key')
        .merge(['value', 'updated_at']);
      return { ok: true as const, view: viewOf(row) };
    });
    forget(); // a get() that read the old row meanwhile must not keep it
    return result;
  }

  // Saved values overlaid with the body (undefined counts as left out, as in JSON). A
  // secret left out is not decrypted or re-validated: it counts as "present" for the
  // set-together rule, as env values do.
  function mergeForValidation(stored: StoredValues, body: Record<string, unknown>) {
    const candidate: Record<string, unknown> = {};
    const present = Object.keys(overrides());
    for (const s of declaration.settings) {
      if (body[s.key] !== undefined) candidate[s.key] = body[s.key];
      else if (s.type !== 'secret') candidate[s.key] = stored[s.key];
      else if (stored[s.key]) present.push(s.key);
    }
    for (const [k, v] of Object.entries(body)) if (!(k in candidate) && v !== undefined) candidate[k] = v;
    return { candidate, present };
  }

  function sealSecret(plain: string): string {
    if (plain === '') return '';
    registerSecret(plain);
    return encryptSecret(masterKey, plain);
  }

  async function hasCredentials(): Promise<boolean> {
    const stored = await readStored(db);
    const env = overrides();
    const group = declaration.settings.filter((s) => s.requiredFor === 'production');
    return group.every((s) => Boolean(env[s.key]) || Boolean(stored[s.key]));
  }

  return { get, publicView: async () => viewOf(await readStored(db)), update, hasCredentials };
}
