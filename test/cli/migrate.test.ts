import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrationSource } from '../../migrations/index.js';
import { cleanEnv, runCli, tempDir } from './run-cli.js';

describe('clickpost-connector migrate', () => {
  it('applies every migration to a fresh DATABASE_URL, names them, and finds nothing to do the second time', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nested', 'm.sqlite');
    const env = cleanEnv({ DATABASE_URL: `sqlite:${file}` });
    const names = await migrationSource.getMigrations([]);

    const first = await runCli(['migrate'], env, dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`applied ${names.length} migration(s)`);
    for (const name of names) expect(first.stdout).toContain(name);

    const db = new Database(file, { readonly: true });
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    db.close();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['shipments', 'boxes', 'api_calls']));

    const second = await runCli(['migrate'], env, dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('up to date');
    for (const name of names) expect(second.stdout).not.toContain(name);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('exits 2 for a DATABASE_URL it cannot use', async () => {
    const dir = tempDir();
    const result = await runCli(['migrate'], cleanEnv({ DATABASE_URL: 'mysql://x' }), dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
