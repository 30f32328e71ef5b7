/**
 * The connector settings of connector.json, as the rest of the code reads them.
 * Validation, storage (the Key encrypted) and the settings screen live in src/settings/.
 */
export interface ConnectorSettings {
  username: string;
  /** The ClickPost API key, in clear only in memory. */
  key: string;
  packslip_required: boolean;
  pickup_after_minutes: number;
  appointment_after_days: number;
  /** Invoice value (₹) above which an e-way bill number is required; 0 = no check. */
  ewaybill_above: number;
  /** Rounds after the first when every provider failed transiently; 0 = none. */
  retry_rounds: number;
  /** Minutes before the first retry round, doubled each round. */
  retry_after_minutes: number;
}

/** What the wire mapping needs from the settings (no credentials). */
export interface MappingSettings {
  pickup_after_minutes: number;
  appointment_after_days: number;
}

export const DEFAULT_MAPPING_SETTINGS: MappingSettings = {
  pickup_after_minutes: 0,
  appointment_after_days: 0,
};
