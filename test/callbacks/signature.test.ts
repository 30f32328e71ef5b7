import crypto from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { parseSignatureHeader, signatureHeader, signCallback, verifyCallbackSignature } from '../../src/callbacks/signature.js';

const SECRET = 'whsec_test_0123456789';
const BODY = '{"id":"cb:SHP-1:shipment.booked","event":"shipment.booked"}';
const T = 1_795_000_000;

describe('callback signatures', () => {
  it('signs `${t}.${body}` with HMAC-SHA256 as lowercase hex', () => {
    const expected = crypto.createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signCallback(SECRET, T, BODY)).toBe(expected);
    expect(signatureHeader(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
  });

  it('verifies with the secret, and not with a wrong secret or a changed body', () => {
    const header = signatureHeader(SECRET, T, BODY);
    expect(verifyCallbackSignature(SECRET, header, BODY, T + 10)).toBe(true);
    expect(verifyCallbackSignature('whsec_other', header, BODY, T + 10)).toBe(false);
    expect(verifyCallbackSignature(SECRET, header, BODY.replace('booked', 'failed'), T + 10)).toBe(false);
    expect(verifyCallbackSignature(SECRET, header, `${BODY} `, T + 10)).toBe(false);
  });

  it('rejects a replay outside the tolerance, either side, and honours a custom tolerance', () => {
    const header = signatureHeader(SECRET, T, BODY);
    expect(verifyCallbackSignature(SECRET, header, BODY, T + 300)).toBe(true);
    expect(verifyCallbackSignature(SECRET, header, BODY, T + 301)).toBe(false);
    expect(verifyCallbackSignature(SECRET, header, BODY, T - 301)).toBe(false);
    expect(verifyCallbackSignature(SECRET, header, BODY, T + 3600, 7200)).toBe(true);
  });

  it('a timestamp swapped into a valid header breaks the signature', () => {
    const header = signatureHeader(SECRET, T, BODY).replace(`t=${T}`, `t=${T + 5}`);
    expect(verifyCallbackSignature(SECRET, header, BODY, T + 5)).toBe(false);
  });

  it('accepts one good v1 among several (secret rotation), refuses malformed headers', () => {
    const good = signCallback(SECRET, T, BODY);
    const bad = signCallback('old-secret', T, BODY);
    expect(verifyCallbackSignature(SECRET, `t=${T},v1=${bad},v1=${good}`, BODY, T)).toBe(true);
    for (const header of ['', `v1=${good}`, `t=${T}`, `t=abc,v1=${good}`, `t=${T},v1=${good.slice(2)}`, 'garbage']) {
      expect(verifyCallbackSignature(SECRET, header, BODY, T)).toBe(false);
    }
    expect(parseSignatureHeader(` t=${T} , v1=${good.toUpperCase()} `)).toEqual({ t: T, v1: [good] });
  });
});
