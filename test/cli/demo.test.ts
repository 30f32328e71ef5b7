import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cleanEnv, runCli, tempDir } from './run-cli.js';

/** `| label | value |` rows of the closing table. */
function tableRows(stdout: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const m of stdout.matchAll(/^\| (.+?)\s+\|\s+(.+?) \|$/gm)) rows[m[1]!] = m[2]!;
  return rows;
}

describe('clickpost-connector demo', () => {
  it('runs 12 shipments through the sandbox on a fresh database and prints the right counts', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'demo.sqlite');
    // Not a database: the demo must delete it first, or SQLite would refuse to open it.
    fs.writeFileSync(file, 'left over from an earlier run, and not SQLite at all');
    // Real credentials in the shell must not send the demo to real ClickPost.
    const env = cleanEnv({ CLICKPOST_USERNAME: 'real-user', CLICKPOST_KEY: 'real-key-123', CLICKPOST_BASE_URL: 'http://127.0.0.1:9' });
    const result = await runCli(['demo', '--shipments', '12', '--interval-ms', '50', '--database', `sqlite:${file}`], env, dir);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Not a TTY: a line per 10%, ending at 100%.
    expect(result.stdout).toContain('progress 100%: 12/12 done (booked 11, failed 1)');
    // 12 = 6 sync (P1), 319 at P1 (P2), async 2 polls (P1), never-labelled (6 polls, timeout, P2),
    // one HTTP 500 retried (P1), all three failing (FAILED), async 4 polls (P1).
    expect(tableRows(result.stdout)).toMatchObject({
      'booked at P1': '9',
      'booked at P2': '2',
      'booked at P3': '0',
      failovers: '4',
      'label polls': '12',
      'label timeouts': '1',
      failed: '1',
    });
    expect(tableRows(result.stdout)['wall time']).toMatch(/^\d+(\.\d)? m?s$/);

    const db = new Database(file, { readonly: true });
    const counts = db.prepare('select status, count(*) as n from shipments group by status order by status').all();
    db.close();
    expect(counts).toEqual([{ status: 'BOOKED', n: 11 }, { status: 'FAILED', n: 1 }]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('refuses a database it would not delete (exit 2)', async () => {
    const dir = tempDir();
    const result = await runCli(['demo', '--shipments', '2', '--database', 'postgres://u:p@127.0.0.1:9/db'], cleanEnv({}), dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--database');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
