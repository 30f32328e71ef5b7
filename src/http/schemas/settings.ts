/**
 * Settings schemas: the PUT body is the schema src/settings builds from connector.json
 * (documented here, validated by the connector so every wrong field is named), and the
 * answer is the public view, which has `key_set` and never the Key.
 */
import { z } from 'zod';
import { buildSettingsSchema } from '../../settings/schema.js';
import { documentedOnly } from '../validation.js';

export function settingsBodySchema() {
  return documentedOnly(
    buildSettingsSchema().meta({
      description: 'any subset of the settings; the merged result is validated as a whole. Leave `key` out to keep the saved Key, send "" to remove it.',
    }),
  );
}

export const SettingsViewSchema = z.object({
  username: z.string(),
  key_set: z.boolean().meta({ description: 'whether a Key is saved or given by CLICKPOST_KEY; the Key itself is never answered' }),
  packslip_required: z.boolean(),
  pickup_after_minutes: z.number().int(),
  appointment_after_days: z.number().int(),
  ewaybill_above: z.number().int().meta({ description: 'invoice value (₹) above which invoice.ewaybill_number is required; 0 = no check' }),
  retry_rounds: z.number().int().meta({ description: 'rounds of P1..P3 again after every provider failed transiently; 0 = none' }),
  retry_after_minutes: z.number().int().meta({ description: 'minutes before the first retry round, doubled each round' }),
  overridden_by_env: z.array(z.string()).meta({ description: 'settings whose value comes from an environment variable' }),
}).meta({ id: 'Settings' });
