/**
 * What the HTML settings screen shows, built from connector.json and the public view:
 * one entry per declared setting, in declaration order. A secret never has a value here,
 * only a "set" / "not set" marker, so a renderer cannot leak it by accident.
 */
import type { ConnectorDeclaration, SettingType } from './declaration.js';
import { ruleOf } from './schema.js';
import type { SettingsView } from './settings-store.js';

export type SecretMarker = 'set' | 'not set';

export interface ScreenField {
  key: string;
  label: string;
  type: SettingType;
  /** The HTML input that fits the type. */
  input: 'text' | 'password' | 'checkbox' | 'number';
  /** The current value; always null for a secret (see `marker`). */
  value: string | number | boolean | null;
  /** Secrets only: whether one is saved or given by the environment. */
  marker?: SecretMarker;
  default: string | number | boolean;
  help: string;
  required: boolean;
  /** "production": needed only to talk to the real ClickPost (set together or not at all). */
  requiredFor?: 'production';
  /** The rule in words, the same text a wrong value gets back: "must be a whole number from 0 to 90". */
  rule: string;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  /** The environment variable that can override this setting. */
  env?: string;
  /** True when that variable is set: the saved value is not the one in force. */
  overriddenByEnv: boolean;
}

export interface SettingsScreenModel {
  title: string;
  version: number;
  fields: ScreenField[];
}

const INPUTS: Record<SettingType, ScreenField['input']> = {
  string: 'text',
  secret: 'password',
  boolean: 'checkbox',
  integer: 'number',
};

export function settingsScreenModel(declaration: ConnectorDeclaration, view: SettingsView): SettingsScreenModel {
  const values = view as unknown as Record<string, unknown>;
  const fields = declaration.settings.map((s): ScreenField => {
    const field: ScreenField = {
      key: s.key,
      label: s.label,
      type: s.type,
      input: INPUTS[s.type],
      value: null,
      default: s.type === 'secret' ? '' : s.default,
      help: s.help,
      required: s.required,
      rule: ruleOf(s),
      overriddenByEnv: view.overridden_by_env.includes(s.key),
    };
    if (s.requiredFor) field.requiredFor = s.requiredFor;
    if (s.env) field.env = s.env;
    if (s.type === 'secret') {
      field.marker = values[`${s.key}_set`] === true ? 'set' : 'not set';
    } else {
      const v = values[s.key];
      field.value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : s.default;
    }
    if (s.type === 'integer') Object.assign(field, { min: s.min, max: s.max });
    if (s.type === 'string' || s.type === 'secret') {
      field.maxLength = s.maxLength;
      if (s.minLength !== undefined) field.minLength = s.minLength;
    }
    return field;
  });
  return { title: declaration.name, version: declaration.version, fields };
}
