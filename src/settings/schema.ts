/**
 * The settings validation, built from connector.json: each declared setting becomes a zod
 * type with the declaration's bounds and one plain message per field, so a bound changed
 * in connector.json changes what is accepted and what the error says. Errors mirror the
 * shipment errors: `{ path, message }`, every wrong field named at once.
 */
import { z } from 'zod';
import { formatPath, type FieldError } from '../domain/shipment-input.js';
import { loadDeclaration, type ConnectorDeclaration, type SettingDeclaration } from './declaration.js';

export type { FieldError };

/** One value per declared setting key (secrets in clear: only in memory). */
export type SettingsValues = Record<string, string | boolean | number>;

export type ValidateSettingsResult =
  | { ok: true; settings: SettingsValues }
  | { ok: false; fields: FieldError[] };

export interface ValidateSettingsOptions {
  declaration?: ConnectorDeclaration;
  /**
   * Settings known to be set although absent from the input: a saved secret kept as it
   * is, or a value an environment variable provides. They count as set for the
   * "set together" rule of `requiredFor: "production"` and are not validated here.
   */
  present?: readonly string[];
}

// The view fields GET /v1/settings answers; a host that sends the view back gets told
// plainly instead of "not a setting".
const READ_ONLY_FIELDS = new Set(['key_set', 'overridden_by_env']);

/** The message a wrong value of this setting gets, from its declared bounds. */
export function ruleOf(setting: SettingDeclaration): string {
  switch (setting.type) {
    case 'boolean':
      return 'must be true or false';
    case 'integer':
      return `must be a whole number from ${setting.min} to ${setting.max}`;
    default:
      return setting.minLength && setting.minLength > 0
        ? `must be text of ${setting.minLength} to ${setting.maxLength} characters`
        : `must be text of at most ${setting.maxLength} characters`;
  }
}

function fieldType(setting: SettingDeclaration): z.ZodType {
  const error = ruleOf(setting);
  switch (setting.type) {
    case 'boolean':
      return z.boolean({ error });
    case 'integer':
      return z.number({ error }).int({ error }).min(setting.min, { error }).max(setting.max, { error });
    default: {
      // Trimmed: a key pasted with a trailing newline would otherwise fail every call.
      // Empty means "not set"; the length bounds apply to a value that is there.
      const min = setting.minLength ?? 0;
      return z
        .string({ error })
        .trim()
        .refine((v) => v === '' || (v.length >= min && v.length <= setting.maxLength), { error });
    }
  }
}

/** A strict zod object of every declared setting, each optional (defaults come after). */
export function buildSettingsSchema(declaration: ConnectorDeclaration = loadDeclaration()) {
  const shape: Record<string, z.ZodType> = {};
  for (const s of declaration.settings) shape[s.key] = fieldType(s).optional();
  return z.strictObject(shape);
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== '';
}

// zod issues -> one FieldError per field; unknown keys each named on their own.
function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const fields: FieldError[] = [];
  const add = (path: string, message: string) => {
    if (!fields.some((f) => f.path === path)) fields.push({ path, message });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        add(key, READ_ONLY_FIELDS.has(key) ? 'is read-only (answered by GET); leave it out' : 'is not a setting of this connector');
      }
    } else {
      add(formatPath(issue.path), issue.message);
    }
  }
  return fields;
}

// `required` without requiredFor: always needed. `requiredFor: "production"`: the group
// is set together or not at all (no credentials at all means the built-in sandbox).
function requiredErrors(declaration: ConnectorDeclaration, values: Record<string, unknown>, present: readonly string[]): FieldError[] {
  const has = (key: string) => present.includes(key) || isSet(values[key]);
  const out: FieldError[] = [];
  for (const s of declaration.settings) {
    if (s.required && !s.requiredFor && !has(s.key)) out.push({ path: s.key, message: 'is required' });
  }
  const group = declaration.settings.filter((s) => s.required && s.requiredFor === 'production');
  const setKeys = group.filter((s) => has(s.key)).map((s) => s.key);
  if (setKeys.length > 0 && setKeys.length < group.length) {
    for (const s of group) {
      if (!has(s.key)) out.push({ path: s.key, message: `is required together with ${setKeys.join(', ')}` });
    }
  }
  return out;
}

/** Declared defaults for every setting. */
export function defaultSettings(declaration: ConnectorDeclaration = loadDeclaration()): SettingsValues {
  const out: SettingsValues = {};
  for (const s of declaration.settings) out[s.key] = s.default;
  return out;
}

/**
 * Validates a whole settings object (for PUT: the saved settings merged with the patch).
 * A missing or null field takes its declared default. Never throws.
 */
export function validateSettings(merged: unknown, options: ValidateSettingsOptions = {}): ValidateSettingsResult {
  const declaration = options.declaration ?? loadDeclaration();
  const present = options.present ?? [];
  if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
    return { ok: false, fields: [{ path: '(body)', message: 'must be a JSON object of settings' }] };
  }
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(merged)) if (v !== null) input[k] = v;
  const parsed = buildSettingsSchema(declaration).safeParse(input);
  const fields = parsed.success ? [] : issuesToFields(parsed.error.issues);
  const values = parsed.success ? (parsed.data as Record<string, unknown>) : input;
  for (const e of requiredErrors(declaration, values, present)) {
    if (!fields.some((f) => f.path === e.path)) fields.push(e);
  }
  if (fields.length > 0) return { ok: false, fields };
  const settings = defaultSettings(declaration);
  for (const [k, v] of Object.entries(values)) if (v !== undefined) settings[k] = v as string | boolean | number;
  return { ok: true, settings };
}
