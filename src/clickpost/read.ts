/**
 * Tolerant readers for ClickPost JSON. Answers are `unknown` until read: ClickPost sends
 * numbers as strings now and then, and a field may be absent, null or of another type.
 * Every reader returns null instead of throwing.
 */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}

export function asArray(value: unknown): unknown[] | null {
  return Array.isArray(value) ? value : null;
}

/** A non-empty string; numbers become their decimal text (waybills are sometimes numeric). */
export function asText(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The integer columns these numbers land in (PostgreSQL `integer`) hold 32 bits. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * An integer, from a number or a numeric string ("319"). One beyond 32 bits is no integer
 * ClickPost documents, and it would not fit its column: read as absent, so an odd answer is
 * classified (or refused, for a webhook) instead of failing the write of the step.
 */
export function asInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX ? n : null;
}

/** A message for people: strings as they are, anything else as compact JSON. */
export function asMessage(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}
