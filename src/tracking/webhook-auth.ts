/**
 * The `webhook_key` check on ClickPost's tracking webhook. Constant time: both sides are
 * hashed to 32 bytes first, so timingSafeEqual never sees unequal lengths and the
 * comparison leaks neither the key's content nor its length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors.js';

export type HeaderBag = Record<string, string | string[] | undefined>;

export const WEBHOOK_KEY_HEADER = 'webhook_key';

/** The header's single value, whatever case its name came in; null when absent or repeated. */
export function headerValue(headers: HeaderBag, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (Array.isArray(value)) return value.length === 1 ? value[0]! : null;
    return value;
  }
  return null;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** True only when a key is configured and the header carries exactly that key. */
export function webhookKeyMatches(headers: HeaderBag, expected: string | null): boolean {
  if (expected === null || expected === '') return false;
  const given = headerValue(headers, WEBHOOK_KEY_HEADER);
  if (given === null) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** Throws UnauthorizedError (401) unless the header carries the configured key. */
export function assertWebhookKey(headers: HeaderBag, expected: string | null): void {
  // One message for every case: the caller learns nothing about which check failed.
  if (!webhookKeyMatches(headers, expected)) throw new UnauthorizedError('missing or wrong webhook_key');
}
