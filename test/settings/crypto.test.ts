import { describe, it, expect, afterEach } from '@jest/globals';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  decryptSecret,
  encryptSecret,
  isEncrypted,
  loadMasterKey,
  masterKeyFromText,
  MASTER_KEY_SALT,
} from '../../src/settings/crypto.js';
import { MasterKeyError, SecretDecryptError } from '../../src/settings/errors.js';

const SECRET = 'c0ffee00-1234-5678-9abc-def012345678';
const master = crypto.randomBytes(32);
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masterkey-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

// Flips one bit in the base64 part `index` of a v1 ciphertext.
function flip(text: string, index: number): string {
  const parts = text.split(':');
  const bytes = Buffer.from(parts[index], 'base64');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join(':');
}

function decryptError(fn: () => unknown): SecretDecryptError {
  try {
    fn();
  } catch (err) {
    return err as SecretDecryptError;
  }
  throw new Error('expected a throw');
}

describe('encryptSecret / decryptSecret', () => {
  it('round-trips, in the v1 format, with a fresh IV every time', () => {
    const a = encryptSecret(master, SECRET);
    const b = encryptSecret(master, SECRET);
    expect(a).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(isEncrypted(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split(':')[1], 'base64')).toHaveLength(12);
    expect(a).not.toContain(SECRET);
    expect(decryptSecret(master, a)).toBe(SECRET);
    expect(decryptSecret(master, b)).toBe(SECRET);
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const text = encryptSecret(master, SECRET);
    for (const index of [1, 2, 3]) {
      const err = decryptError(() => decryptSecret(master, flip(text, index)));
      expect(err).toBeInstanceOf(SecretDecryptError);
      expect(err.code).toBe('ERR_SECRET_DECRYPT');
      expect(err.message).not.toContain(SECRET);
    }
  });

  it('refuses another master key, another purpose and a malformed text', () => {
    const text = encryptSecret(master, SECRET);
    expect(() => decryptSecret(crypto.randomBytes(32), text)).toThrow(SecretDecryptError);
    expect(() => decryptSecret(master, text, 'another:field')).toThrow(SecretDecryptError);
    expect(() => decryptSecret(master, SECRET)).toThrow(/not in the v1 format/);
    expect(() => decryptSecret(master, 'v1:AAAA:BBBB:CCCC')).toThrow(/malformed/);
    expect(() => encryptSecret(Buffer.alloc(16), SECRET)).toThrow(MasterKeyError);
  });
});

describe('masterKeyFromText (CONNECTOR_MASTER_KEY)', () => {
  it('takes 64 hex characters and base64 of 32 bytes as the key itself', () => {
    const key = crypto.randomBytes(32);
    expect(masterKeyFromText(key.toString('hex')).equals(key)).toBe(true);
    expect(masterKeyFromText(key.toString('hex').toUpperCase()).equals(key)).toBe(true);
    expect(masterKeyFromText(key.toString('base64')).equals(key)).toBe(true);
  });

  it('stretches a passphrase with scrypt under the documented salt, the same on every start', () => {
    const phrase = 'correct horse battery staple';
    const key = masterKeyFromText(phrase);
    expect(key).toHaveLength(32);
    expect(masterKeyFromText(phrase).equals(key)).toBe(true);
    const expected = crypto.scryptSync(phrase, MASTER_KEY_SALT, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(key.equals(expected)).toBe(true);
  });

  it('refuses short text without echoing it', () => {
    const err = (() => {
      try {
        masterKeyFromText('hunter2-short');
      } catch (e) {
        return e as MasterKeyError;
      }
      throw new Error('expected a throw');
    })();
    expect(err.code).toBe('ERR_MASTER_KEY');
    expect(err.message).not.toContain('hunter2');
  });
});

describe('loadMasterKey', () => {
  it('creates <dataDir>/master.key with mode 0600 at first start and reuses it on the second', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = loadMasterKey({ env: {}, dataDir });
    const file = path.join(dataDir, 'master.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    const second = loadMasterKey({ env: {}, dataDir });
    expect(second.equals(first)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['master.key']); // no temporary file left behind
  });

  it('prefers CONNECTOR_MASTER_KEY and then creates no file', () => {
    const dataDir = tempDir();
    const key = crypto.randomBytes(32);
    expect(loadMasterKey({ env: { CONNECTOR_MASTER_KEY: key.toString('hex') }, dataDir }).equals(key)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
  });

  it('refuses a key file that group or others may read', () => {
    const dataDir = tempDir();
    loadMasterKey({ env: {}, dataDir });
    fs.chmodSync(path.join(dataDir, 'master.key'), 0o644);
    expect(() => loadMasterKey({ env: {}, dataDir })).toThrow(/mode 644.*chmod 600/);
  });

  it('refuses a key file that does not hold 64 hex characters', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'master.key'), 'not a key\n', { mode: 0o600 });
    expect(() => loadMasterKey({ env: {}, dataDir })).toThrow(MasterKeyError);
  });
});
