/**
 * Errors of the settings module. Like got's errors: a stable `code` callers branch on,
 * and a message that never carries a secret (not the ClickPost key, not the master key).
 */
export type SettingsErrorCode =
  | 'ERR_SETTINGS_DECLARATION' // connector.json is missing or malformed
  | 'ERR_MASTER_KEY' // CONNECTOR_MASTER_KEY or the master key file is unusable
  | 'ERR_SECRET_DECRYPT' // a stored secret was tampered with or belongs to another master key
  | 'ERR_SETTINGS_STORED'; // the stored settings row cannot be read

export class SettingsError extends Error {
  readonly code: SettingsErrorCode;

  constructor(code: SettingsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SettingsError';
    this.code = code;
  }
}

export class MasterKeyError extends SettingsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_MASTER_KEY', message, options);
    this.name = 'MasterKeyError';
  }
}

export class SecretDecryptError extends SettingsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_SECRET_DECRYPT', message, options);
    this.name = 'SecretDecryptError';
  }
}
