export {
  loadDeclaration,
  parseDeclaration,
  readDeclarationFile,
  findPackageRoot,
  settingOf,
  type ConnectorDeclaration,
  type SettingDeclaration,
  type SettingType,
} from './declaration.js';
export {
  buildSettingsSchema,
  validateSettings,
  defaultSettings,
  ruleOf,
  type FieldError,
  type SettingsValues,
  type ValidateSettingsResult,
  type ValidateSettingsOptions,
} from './schema.js';
export {
  loadMasterKey,
  masterKeyFromText,
  encryptSecret,
  decryptSecret,
  isEncrypted,
  MASTER_KEY_ENV,
  MASTER_KEY_SALT,
  type Env,
  type LoadMasterKeyOptions,
} from './crypto.js';
export { envOverrides } from './env-overrides.js';
export {
  createSettingsService,
  SETTINGS_ROW_KEY,
  type SettingsService,
  type SettingsServiceOptions,
  type SettingsView,
  type UpdateSettingsResult,
} from './settings-store.js';
export { settingsScreenModel, type ScreenField, type SettingsScreenModel, type SecretMarker } from './screen-model.js';
export { SettingsError, MasterKeyError, SecretDecryptError, type SettingsErrorCode } from './errors.js';
