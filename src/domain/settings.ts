/**
 * The connector settings of connector.json, as the rest of the code reads them, and as
 * GET /v1/settings answers them: one zod schema each, types inferred. Validation of a PUT
 * (built from connector.json's bounds), storage (the Key encrypted) and the settings screen
 * live in src/settings/.
 */
import { z } from 'zod';

export const ConnectorSettingsSchema = z.object({
  username: z.string(),
  /** The ClickPost API key, in clear only in memory. */
  key: z.string(),
  packslip_required: z.boolean(),
  pickup_after_minutes: z.number().int(),
  appointment_after_days: z.number().int(),
  ewaybill_above: z.number().int().meta({ description: 'invoice value (₹) above which invoice.ewaybill_number is required; 0 = no check' }),
  retry_rounds: z.number().int().meta({ description: 'rounds of P1..P3 again after every provider failed transiently; 0 = none' }),
  retry_after_minutes: z.number().int().meta({ description: 'minutes before the first retry round, doubled each round' }),
});
export type ConnectorSettings = z.infer<typeof ConnectorSettingsSchema>;

/** What GET /v1/settings answers: the Key replaced by whether one is set. */
export const SettingsViewSchema = ConnectorSettingsSchema.omit({ key: true })
  .extend({
    key_set: z.boolean().meta({ description: 'whether a Key is saved or given by CLICKPOST_KEY; the Key itself is never answered' }),
    /** Setting keys whose value comes from an environment variable, e.g. ["key"]. */
    overridden_by_env: z.array(z.string()).meta({ description: 'settings whose value comes from an environment variable' }),
  })
  .meta({ id: 'Settings' });
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** What the wire mapping needs from the settings (no credentials). */
export type MappingSettings = Pick<ConnectorSettings, 'pickup_after_minutes' | 'appointment_after_days'>;

export const DEFAULT_MAPPING_SETTINGS: MappingSettings = {
  pickup_after_minutes: 0,
  appointment_after_days: 0,
};
