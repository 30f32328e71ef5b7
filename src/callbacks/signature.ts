/**
 * Stripe-style signatures for host callbacks: `x-connector-signature: t=<unix seconds>,v1=<hex>`
 * where v1 is HMAC-SHA256(secret, `${t}.${body}`). The timestamp is signed with the body,
 * so a host can reject a replayed delivery by its age.
 */
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'x-connector-signature';
export const DEFAULT_TOLERANCE_SEC = 300;

/** Hex HMAC-SHA256 of `${timestampSec}.${body}`. */
export function signCallback(secret: string, timestampSec: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestampSec}.${body}`, 'utf8').digest('hex');
}

/** The header value for a body signed at `timestampSec`. */
export function signatureHeader(secret: string, timestampSec: number, body: string): string {
  return `t=${timestampSec},v1=${signCallback(secret, timestampSec, body)}`;
}

/** `t=...,v1=...[,v1=...]` -> its parts; null when malformed. Several v1 allow a secret rotation. */
export function parseSignatureHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(value.toLowerCase());
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

/**
 * True when one v1 in `header` is the HMAC of `body` at its t, and t is within
 * `toleranceSec` of `nowSec`. Compared in constant time; for hosts and tests.
 */
export function verifyCallbackSignature(
  secret: string,
  header: string,
  body: string,
  nowSec: number,
  toleranceSec = DEFAULT_TOLERANCE_SEC,
): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed || Math.abs(nowSec - parsed.t) > toleranceSec) return false;
  const expected = Buffer.from(signCallback(secret, parsed.t, body), 'hex');
  let ok = false;
  // Check every candidate (no early exit) so timing says nothing about which one matched.
  for (const candidate of parsed.v1) {
    const given = Buffer.from(candidate, 'hex');
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}
