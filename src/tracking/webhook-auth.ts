/**
 * The key check on ClickPost's tracking webhook. ClickPost sends the key in the
 * `webhook_key` header (004), or, with "basic token auth" configured on its dashboard, in
 * `Authorization` as the value entered there (slate source/includes/_track.md, "Headers
 * with basic token auth"). Accepted in `Authorization`: the bare key, `Bearer <key>`, and
 * `Basic base64(<user>:<key>)` (the key as the password) or `Basic base64(<key>)`.
 *
 * Constant time: every candidate and the key are hashed to 32 bytes first, so
 * timingSafeEqual never sees unequal lengths, and every candidate is compared (no early
 * exit), so the time leaks neither the key's content nor its length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors.js';

export type HeaderBag = Record<string, string | string[] | undefined>;

export const WEBHOOK_KEY_HEADER = 'webhook_key';
export const AUTHORIZATION_HEADER = 'authorization';

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

/** What a `Basic` credential may carry: the password of `user:password`, or the whole decoded text. */
function basicCandidates(encoded: string): string[] {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? [decoded] : [decoded.slice(colon + 1), decoded];
}

/** Every reading of an Authorization value that could be the key. */
export function authorizationCandidates(value: string): string[] {
  const text = value.trim();
  if (text === '') return [];
  const candidates = [text];
  const scheme = /^(Basic|Bearer)[ \t]+(\S+)$/i.exec(text);
  if (scheme) {
    const [, name, credential] = scheme;
    if (name!.toLowerCase() === 'bearer') candidates.push(credential!);
    else candidates.push(...basicCandidates(credential!));
  }
  return candidates;
}

function presentedCandidates(headers: HeaderBag): string[] {
  const candidates: string[] = [];
  const key = headerValue(headers, WEBHOOK_KEY_HEADER);
  if (key !== null && key !== '') candidates.push(key);
  const authorization = headerValue(headers, AUTHORIZATION_HEADER);
  if (authorization !== null) candidates.push(...authorizationCandidates(authorization));
  return candidates;
}

/** True only when a key is configured and `webhook_key` or `Authorization` carries exactly that key. */
export function webhookKeyMatches(headers: HeaderBag, expected: string | null): boolean {
  if (expected === null || expected === '') return false;
  const wanted = digest(expected);
  let matched = false;
  for (const candidate of presentedCandidates(headers)) {
    // The comparison comes first, so every candidate is compared whichever one matches.
    matched = timingSafeEqual(digest(candidate), wanted) || matched;
  }
  return matched;
}

/** Throws UnauthorizedError (401) unless a header carries the configured key. */
export function assertWebhookKey(headers: HeaderBag, expected: string | null): void {
  // One message for every case: the caller learns nothing about which check failed.
  if (!webhookKeyMatches(headers, expected)) throw new UnauthorizedError('missing or wrong webhook_key');
}
