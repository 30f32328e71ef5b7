/**
 * connector.json: the declaration of the connector settings screen. Validation
 * (schema.ts), storage (settings-store.ts) and the screen model (screen-model.ts) are all
 * built from it, so the file is checked here once, at load, and a broken file fails the
 * start instead of a later request.
 *
 * `required` with `requiredFor: "production"` means "required to talk to the real
 * ClickPost": the service starts without credentials (and uses the built-in sandbox), so
 * the fields of that group must be set together or not at all. `required` without
 * `requiredFor` means always required.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SettingsError } from './errors.js';

const Common = {
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  required: z.boolean().default(false),
  requiredFor: z.literal('production').optional(),
  help: z.string().default(''),
  env: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional(),
};

const TextSetting = z.strictObject({
  ...Common,
  type: z.enum(['string', 'secret']),
  default: z.string().default(''),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(1),
});

const BooleanSetting = z.strictObject({
  ...Common,
  type: z.literal('boolean'),
  default: z.boolean().default(false),
});

const IntegerSetting = z.strictObject({
  ...Common,
  type: z.literal('integer'),
  default: z.number().int().default(0),
  min: z.number().int(),
  max: z.number().int(),
});

const SettingDeclarationSchema = z.discriminatedUnion('type', [TextSetting, BooleanSetting, IntegerSetting]);

const ConnectorDeclarationSchema = z.strictObject({
  $comment: z.string().optional(),
  name: z.string().min(1),
  version: z.number().int().min(1),
  settings: z.array(SettingDeclarationSchema).min(1),
});

export type TextSettingDeclaration = z.infer<typeof TextSetting>;
export type BooleanSettingDeclaration = z.infer<typeof BooleanSetting>;
export type IntegerSettingDeclaration = z.infer<typeof IntegerSetting>;
export type SettingDeclaration = z.infer<typeof SettingDeclarationSchema>;
export type SettingType = SettingDeclaration['type'];
export type ConnectorDeclaration = z.infer<typeof ConnectorDeclarationSchema>;

// The rest of the code reads these five as ConnectorSettings (src/domain/settings.ts);
// connector.json may add settings, but must keep these with these types.
const CORE_SETTINGS: ReadonlyArray<readonly [string, SettingType]> = [
  ['username', 'string'],
  ['key', 'secret'],
  ['packslip_required', 'boolean'],
  ['pickup_after_minutes', 'integer'],
  ['appointment_after_days', 'integer'],
];

/** Checks a parsed connector.json; throws SettingsError naming what is wrong. */
export function parseDeclaration(json: unknown): ConnectorDeclaration {
  const parsed = ConnectorDeclarationSchema.safeParse(json);
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new SettingsError('ERR_SETTINGS_DECLARATION', `connector.json is not a valid declaration: ${what}`);
  }
  const declaration = parsed.data;
  const seen = new Set<string>();
  for (const s of declaration.settings) {
    if (seen.has(s.key)) throw declarationError(`setting "${s.key}" is declared twice`);
    seen.add(s.key);
    if (s.type === 'integer' && (s.min > s.max || s.default < s.min || s.default > s.max)) {
      throw declarationError(`setting "${s.key}" needs min <= default <= max`);
    }
    if ((s.type === 'string' || s.type === 'secret') && s.default.length > s.maxLength) {
      throw declarationError(`setting "${s.key}" has a default longer than maxLength`);
    }
    // Environment variables are text; only text settings take one (no parsing rules to guess).
    if (s.env && s.type !== 'string' && s.type !== 'secret') {
      throw declarationError(`setting "${s.key}" may not name an env variable: only string and secret settings can`);
    }
  }
  for (const [key, type] of CORE_SETTINGS) {
    const found = declaration.settings.find((s) => s.key === key);
    if (!found || found.type !== type) throw declarationError(`setting "${key}" must be declared with type "${type}"`);
  }
  return declaration;
}

function declarationError(what: string): SettingsError {
  return new SettingsError('ERR_SETTINGS_DECLARATION', `connector.json is not a valid declaration: ${what}`);
}

/**
 * The package root: the first folder above `fromUrl` holding a package.json. Works from
 * src/settings/ (tests, tsx) and from dist/src/settings/ (the built service) alike.
 */
export function findPackageRoot(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new SettingsError('ERR_SETTINGS_DECLARATION', 'no package.json above the settings module');
    dir = parent;
  }
}

/** Reads and checks a connector.json file. */
export function readDeclarationFile(file: string): ConnectorDeclaration {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SettingsError('ERR_SETTINGS_DECLARATION', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseDeclaration(json);
}

let cached: ConnectorDeclaration | undefined;

/** The package's connector.json, read once per process. */
export function loadDeclaration(): ConnectorDeclaration {
  cached ??= readDeclarationFile(path.join(findPackageRoot(), 'connector.json'));
  return cached;
}

/** The declaration of one setting, or undefined. */
export function settingOf(declaration: ConnectorDeclaration, key: string): SettingDeclaration | undefined {
  return declaration.settings.find((s) => s.key === key);
}
