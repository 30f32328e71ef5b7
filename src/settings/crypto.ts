/**
 * The ClickPost key at rest: AES-256-GCM under a 32-byte master key.
 *
 * Master key, first match wins:
 * 1. `CONNECTOR_MASTER_KEY` as 64 hex characters, or base64 of exactly 32 bytes;
 * 2. `CONNECTOR_MASTER_KEY` as any other text of at least 16 characters: a passphrase,
 *    stretched with scrypt (N=2^15, r=8, p=1) under the fixed salt MASTER_KEY_SALT.
 *    The salt is fixed and public on purpose: the same passphrase must give the same key
 *    on every start and every machine, and there is nowhere to keep a random salt when
 *    the passphrase is the only thing configured. Shorter text is refused;
 * 3. the file `<dataDir>/master.key` (64 hex characters), created at first start with
 *    mode 0600. A file that group or others may read or write is refused (on POSIX): a
 *    key anyone on the machine can read protects nothing, and the fix is one chmod.
 *
 * Ciphertext format: `v1:<iv b64>:<tag b64>:<ciphertext b64>`, random 12-byte IV, the
 * purpose bound as additional data so a ciphertext cannot be moved to another field.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MasterKeyError, SecretDecryptError } from './errors.js';

export const MASTER_KEY_ENV = 'CONNECTOR_MASTER_KEY';
export const MASTER_KEY_FILE = 'master.key';
export const DEFAULT_DATA_DIR = './data';
/** The documented scrypt salt for passphrase master keys (see the module comment). */
export const MASTER_KEY_SALT = 'clickpost-b2b-connector/master-key/v1';
export const MIN_PASSPHRASE_LENGTH = 16;

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const DEFAULT_PURPOSE = 'clickpost-b2b:settings:key';

export type Env = Record<string, string | undefined>;

export interface LoadMasterKeyOptions {
  env?: Env;
  /** Folder of master.key; default ./data (relative to the working directory). */
  dataDir?: string;
}

const HEX_64 = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The text of CONNECTOR_MASTER_KEY -> 32 bytes; throws MasterKeyError (no key in the message). */
export function masterKeyFromText(text: string): Buffer {
  const value = text.trim();
  if (HEX_64.test(value)) return Buffer.from(value, 'hex');
  if (BASE64.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === KEY_BYTES && bytes.toString('base64') === value) return bytes;
  }
  if (value.length < MIN_PASSPHRASE_LENGTH) {
    throw new MasterKeyError(
      `${MASTER_KEY_ENV} must be 64 hex characters, base64 of 32 bytes, or a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
  }
  return crypto.scryptSync(value, MASTER_KEY_SALT, KEY_BYTES, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

/** Where the master key comes from: the variable's name, or the key file's absolute path. */
export function masterKeySource(options: LoadMasterKeyOptions = {}): string {
  const fromEnv = options.env?.[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return MASTER_KEY_ENV;
  return path.resolve(options.dataDir ?? DEFAULT_DATA_DIR, MASTER_KEY_FILE);
}

/**
 * The start-up error for a saved Key the master key in force cannot open: says where the
 * key came from, where the other one may be, and the two ways out.
 */
export function masterKeyMismatch(options: LoadMasterKeyOptions = {}): MasterKeyError {
  const file = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR, MASTER_KEY_FILE);
  const source = masterKeySource(options);
  const using = source === MASTER_KEY_ENV ? `${MASTER_KEY_ENV} (set in the environment)` : `the key file ${file} (${MASTER_KEY_ENV} is not set)`;
  return new MasterKeyError(
    `the saved ClickPost Key cannot be decrypted with the master key from ${using}: it was saved under another master key. ` +
      `Recover: start with the master key it was saved with (${MASTER_KEY_ENV}, or the file ${file} from the DATA_DIR used then); ` +
      `or, if that key is lost, run \`clickpost-connector forget-key\` (same environment) to remove the saved Username and Key, then enter them again on the settings screen.`,
  );
}

/** The master key from the environment, else from `<dataDir>/master.key` (created when missing). */
export function loadMasterKey(options: LoadMasterKeyOptions = {}): Buffer {
  const fromEnv = options.env?.[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return masterKeyFromText(fromEnv);
  const file = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR, MASTER_KEY_FILE);
  return readKeyFile(file) ?? createKeyFile(file);
}

function readKeyFile(file: string): Buffer | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MasterKeyError(`cannot read the master key file ${file}`, { cause: err });
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8);
    throw new MasterKeyError(`master key file ${file} has mode ${mode}; group and others must have no access (chmod 600 it)`);
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!HEX_64.test(text)) throw new MasterKeyError(`master key file ${file} must hold 64 hex characters`);
  return Buffer.from(text, 'hex');
}

// Written to a private temporary file, then hard-linked into place: link() never
// replaces an existing file, so two processes starting together agree on one key.
function createKeyFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(KEY_BYTES);
  const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // the umask may have taken bits away, never added: be exact
    fs.writeSync(fd, `${key.toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new MasterKeyError(`cannot create the master key file ${file}`, { cause: err });
    const other = readKeyFile(file); // another process won the race: use its key
    if (other) return other;
    throw new MasterKeyError(`master key file ${file} vanished while being created`);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return key;
}

function checkKey(master: Buffer): void {
  if (master.length !== KEY_BYTES) throw new MasterKeyError(`the master key must be ${KEY_BYTES} bytes`);
}

/** AES-256-GCM: `v1:<iv b64>:<tag b64>:<ciphertext b64>`. */
export function encryptSecret(master: Buffer, plain: string, purpose: string = DEFAULT_PURPOSE): string {
  checkKey(master);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', master, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

/** Decrypts encryptSecret's text; throws SecretDecryptError on tamper, wrong key or bad format. */
export function decryptSecret(master: Buffer, text: string, purpose: string = DEFAULT_PURPOSE): string {
  checkKey(master);
  const parts = text.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new SecretDecryptError('the stored secret is not in the v1 format');
  }
  const [, ivText, tagText, bodyText] = parts;
  const iv = Buffer.from(ivText, 'base64');
  const tag = Buffer.from(tagText, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError('the stored secret is malformed');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', master, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // No cause attached: nothing of the ciphertext or key should travel with the error.
    throw new SecretDecryptError('the stored secret cannot be decrypted: it was altered or the master key changed');
  }
}

/** True when the text looks like encryptSecret's output (used to refuse plain text at rest). */
export function isEncrypted(text: string): boolean {
  return /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/.test(text);
}
