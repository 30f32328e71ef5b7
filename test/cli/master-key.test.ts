/**
 * DATA_DIR holds every piece of data, and a master key that cannot open the saved Key
 * stops the service at start-up with an error that says which key was used, where the
 * other one lives and how to recover (forget-key), instead of failing every booking later.
 */
import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { createConnector } from '../../src/connector.js';
import { optionsFromEnv } from '../../src/config.js';
import { cleanEnv, runCli, tempDir } from './run-cli.js';

const PASSPHRASE_A = 'first master passphrase of the warehouse';
const PASSPHRASE_B = 'a different passphrase typed after a move';

async function saveKey(env: Record<string, string>): Promise<void> {
  const connector = await createConnector({ ...optionsFromEnv(env), trackingCron: null, reportCron: null });
  await connector.updateSettings({ username: 'acme', key: 'clickpost-key-123' });
  await connector.stop();
}

describe('DATA_DIR and the master key', () => {
  it('puts the default database and the master key file under DATA_DIR', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'somewhere', 'data');
    await saveKey({ DATA_DIR: data, PORT: '0' });
    expect(fs.existsSync(path.join(data, 'connector.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(data, 'master.key'))).toBe(true);
    expect(optionsFromEnv({ DATA_DIR: data }).databaseUrl).toBe(`sqlite:${path.join(data, 'connector.sqlite')}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start with another CONNECTOR_MASTER_KEY, naming it and the key file; forget-key is the way out', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    await saveKey({ DATA_DIR: data, PORT: '0', CONNECTOR_MASTER_KEY: PASSPHRASE_A });

    const env = cleanEnv({ DATA_DIR: data, PORT: '0', CONNECTOR_MASTER_KEY: PASSPHRASE_B, LOG_LEVEL: 'error' });
    const refused = await runCli(['serve'], env, dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('CONNECTOR_MASTER_KEY');
    expect(refused.stderr).toContain(path.join(data, 'master.key'));
    expect(refused.stderr).toContain('forget-key');
    expect(refused.stderr).not.toContain(PASSPHRASE_B);
    expect(refused.stdout).not.toMatch(/listening/);

    const forgot = await runCli(['forget-key'], env, dir);
    expect(forgot.code).toBe(0);
    const connector = await createConnector({ ...optionsFromEnv({ DATA_DIR: data, CONNECTOR_MASTER_KEY: PASSPHRASE_B }), trackingCron: null, reportCron: null });
    expect(await connector.getSettings()).toMatchObject({ username: '', key_set: false });
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('names the key file when the file was replaced (CONNECTOR_MASTER_KEY unset)', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    await saveKey({ DATA_DIR: data, PORT: '0' });
    fs.writeFileSync(path.join(data, 'master.key'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    await expect(createConnector(optionsFromEnv({ DATA_DIR: data }))).rejects.toMatchObject({
      code: 'ERR_MASTER_KEY',
      message: expect.stringContaining(`the key file ${path.join(data, 'master.key')} (CONNECTOR_MASTER_KEY is not set)`),
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
