/**
 * Settings schemas: the PUT body is the schema src/settings builds from connector.json
 * (documented here, validated by the connector so every wrong field is named), and the
 * answer is the public view, which has `key_set` and never the Key.
 */
import { buildSettingsSchema } from '../../settings/schema.js';
import { documentedOnly } from '../validation.js';

export function settingsBodySchema() {
  return documentedOnly(
    buildSettingsSchema().meta({
      description: 'any subset of the settings; the merged result is validated as a whole. Leave `key` out to keep the saved Key, send "" to remove it.',
    }),
  );
}

export { SettingsViewSchema } from '../../domain/settings.js';
