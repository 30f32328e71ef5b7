import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/clock.js';
import { createDb, type Db } from '../../src/store/db.js';
import { migrateLatest } from '../../src/store/migrate.js';
import { forgetSecrets, redact } from '../../src/transport/redact.js';
import { loadMasterKey } from '../../src/settings/crypto.js';
import { SecretDecryptError } from '../../src/settings/errors.js';
import { createSettingsService, SETTINGS_ROW_KEY, type SettingsService } from '../../src/settings/settings-store.js';

const KEY = 'c0ffee00-1234-5678-9abc-def012345678';
const full = { username: 'acme-b2b', key: KEY, packslip_required: true, pickup_after_minutes: 30, appointment_after_days: 2, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15 };

let dir: string;
let db: Db;
let masterKey: Buffer;
let clock: ManualClock;

function service(env: Record<string, string> = {}, key: Buffer = masterKey): SettingsService {
  return createSettingsService({ db, masterKey: key, env, clock });
}

async function rawRows(): Promise<Array<Record<string, unknown>>> {
  return db('settings').select('*');
}

beforeEach(async () => {
  forgetSecrets();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-'));
  db = createDb({ url: `sqlite:${path.join(dir, 'connector.sqlite')}` });
  await migrateLatest(db);
  masterKey = loadMasterKey({ env: {}, dataDir: dir });
  clock = new ManualClock();
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('settings service: fresh start', () => {
  it('starts with no credentials: defaults, key not set, no credentials', async () => {
    const s = service();
    expect(await s.get()).toEqual({ username: '', key: '', packslip_required: false, pickup_after_minutes: 0, appointment_after_days: 0, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15 });
    expect(await s.publicView()).toEqual({
      username: '', key_set: false, packslip_required: false, pickup_after_minutes: 0, appointment_after_days: 0, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15, overridden_by_env: [],
    });
    expect(await s.hasCredentials()).toBe(false);
  });
});

describe('settings service: the Key at rest', () => {
  it('stores the Key only encrypted: the plaintext appears nowhere in the table or the database file', async () => {
    const s = service();
    const result = await s.update(full);
    expect(result).toEqual({
      ok: true,
      view: { username: 'acme-b2b', key_set: true, packslip_required: true, pickup_after_minutes: 30, appointment_after_days: 2, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15, overridden_by_env: [] },
    });
    const rows = await rawRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].key).toBe(SETTINGS_ROW_KEY);
    expect(rows[0].updated_at).toBe(clock.now());
    expect(JSON.stringify(rows)).not.toContain(KEY);
    expect(JSON.stringify(rows)).not.toContain(KEY.slice(0, 12));
    const stored = JSON.parse(rows[0].value as string) as Record<string, unknown>;
    expect(stored.key).toMatch(/^v1:/);
    await db.raw('pragma wal_checkpoint(truncate)');
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('connector.sqlite'))) {
      expect(fs.readFileSync(path.join(dir, file)).includes(Buffer.from(KEY))).toBe(false);
    }
  });

  it('decrypts the Key back, also after a restart with the same master key file', async () => {
    await service().update(full);
    expect((await service().get()).key).toBe(KEY);
    forgetSecrets(); // a new process knows no secrets until it reads the Key
    const again = loadMasterKey({ env: {}, dataDir: dir });
    expect((await service({}, again).get()).key).toBe(KEY);
    expect(redact(`token=${KEY}`)).toBe('token=[REDACTED]');
  });

  it('registers the Key for redaction when it is saved', async () => {
    await service().update(full);
    expect(redact(`calling https://x/api?username=acme&token=${KEY}`)).not.toContain(KEY);
  });

  it('refuses a tampered ciphertext with a typed error; the view still works and a new Key recovers', async () => {
    const s = service();
    await s.update(full);
    const row = (await rawRows())[0];
    const value = JSON.parse(row.value as string) as Record<string, string>;
    const parts = value.key.split(':');
    const body = Buffer.from(parts[3], 'base64');
    body[0] ^= 0x01;
    parts[3] = body.toString('base64');
    value.key = parts.join(':');
    await db('settings').where({ key: SETTINGS_ROW_KEY }).update({ value: JSON.stringify(value) });

    const err = await s.get().then(() => null, (e: unknown) => e as SecretDecryptError);
    expect(err).toBeInstanceOf(SecretDecryptError);
    expect(err?.code).toBe('ERR_SECRET_DECRYPT');
    expect(err?.message).not.toContain(KEY);
    expect((await s.publicView()).key_set).toBe(true);

    expect((await s.update({ key: 'a-new-key-0001' })).ok).toBe(true);
    expect((await s.get()).key).toBe('a-new-key-0001');
  });

  it('refuses to decrypt under another master key', async () => {
    await service().update(full);
    await expect(service({}, crypto.randomBytes(32)).get()).rejects.toBeInstanceOf(SecretDecryptError);
  });
});

describe('settings service: partial updates, validated whole', () => {
  it('merges a partial update into the saved settings and keeps the saved Key untouched', async () => {
    const s = service();
    await s.update(full);
    const before = JSON.parse((await rawRows())[0].value as string) as Record<string, string>;
    clock.advance(1000);
    const result = await s.update({ pickup_after_minutes: 45 });
    expect(result.ok && result.view.pickup_after_minutes).toBe(45);
    const after = JSON.parse((await rawRows())[0].value as string) as Record<string, string>;
    expect(after.key).toBe(before.key); // not re-encrypted: same IV, same ciphertext
    expect(await s.get()).toEqual({ ...full, pickup_after_minutes: 45 });
  });

  it('validates the merged whole and writes nothing when it is wrong', async () => {
    const s = service();
    await s.update(full);
    const before = await rawRows();
    clock.advance(1000);
    // Clearing the username alone would leave a key without a username.
    expect(await s.update({ username: '', appointment_after_days: 91, extra: true })).toEqual({
      ok: false,
      fields: [
        { path: 'appointment_after_days', message: 'must be a whole number from 0 to 90' },
        { path: 'extra', message: 'is not a setting of this connector' },
        { path: 'username', message: 'is required together with key' },
      ],
    });
    expect(await rawRows()).toEqual(before);
  });

  it('refuses a username alone on a fresh start, naming the Key', async () => {
    expect(await service().update({ username: 'acme' })).toEqual({
      ok: false,
      fields: [{ path: 'key', message: 'is required together with username' }],
    });
    expect(await rawRows()).toEqual([]);
  });

  it('clears the credentials when both are sent empty or null, back to the sandbox', async () => {
    const s = service();
    await s.update(full);
    expect((await s.update({ username: '', key: '' })).ok).toBe(true);
    expect(await s.hasCredentials()).toBe(false);
    expect((await s.publicView()).key_set).toBe(false);
    await s.update(full);
    expect((await s.update({ username: null, key: null, pickup_after_minutes: null })).ok).toBe(true);
    expect(await s.get()).toEqual({ username: '', key: '', packslip_required: true, pickup_after_minutes: 0, appointment_after_days: 2, ewaybill_above: 50000, retry_rounds: 3, retry_after_minutes: 15 });
  });

  it('answers a body that is not an object with a (body) error', async () => {
    expect(await service().update([1, 2])).toEqual({ ok: false, fields: [{ path: '(body)', message: 'must be a JSON object of settings' }] });
  });
});

describe('settings service: environment overrides', () => {
  it('CLICKPOST_USERNAME and CLICKPOST_KEY win over the saved settings and are reported', async () => {
    await service().update(full);
    const s = service({ CLICKPOST_USERNAME: 'env-user', CLICKPOST_KEY: 'env-key-123456' });
    expect(await s.get()).toEqual({ ...full, username: 'env-user', key: 'env-key-123456' });
    const view = await s.publicView();
    expect(view).toEqual({ ...view, username: 'env-user', key_set: true, overridden_by_env: ['username', 'key'] });
    expect(JSON.stringify(view)).not.toContain('env-key-123456');
    expect(redact('x env-key-123456 y')).toBe('x [REDACTED] y');
  });

  it('gives credentials with nothing saved, and lets a username be saved beside an env Key', async () => {
    const s = service({ CLICKPOST_KEY: 'env-key-123456' });
    expect(await s.hasCredentials()).toBe(false);
    expect((await s.update({ username: 'acme' })).ok).toBe(true);
    expect(await s.hasCredentials()).toBe(true);
    expect(JSON.stringify(await rawRows())).not.toContain('env-key-123456');
    expect((await s.publicView()).overridden_by_env).toEqual(['key']);
  });

  it('ignores empty environment variables', async () => {
    await service().update(full);
    const s = service({ CLICKPOST_USERNAME: '', CLICKPOST_KEY: '  ' });
    expect(await s.get()).toEqual(full);
    expect((await s.publicView()).overridden_by_env).toEqual([]);
  });
});

describe('settings service: publicView never shows the Key', () => {
  it('has key_set instead of key, and no trace of the Key', async () => {
    const s = service();
    await s.update(full);
    const view = await s.publicView();
    expect(Object.keys(view).sort()).toEqual(
      ['appointment_after_days', 'ewaybill_above', 'key_set', 'overridden_by_env', 'packslip_required', 'pickup_after_minutes', 'retry_after_minutes', 'retry_rounds', 'username'],
    );
    expect(JSON.stringify(view)).not.toContain(KEY);
    const result = await s.update({ packslip_required: false });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});
