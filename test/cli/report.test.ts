import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../../src/store/db.js';
import { migrateLatest } from '../../src/store/migrate.js';
import { insertApiCall } from '../../src/store/api-calls-repo.js';
import type { ApiCallRecord } from '../../src/transport/types.js';
import { cleanEnv, runCli, tempDir } from './run-cli.js';

const SECRET = 'sk_live_CLI_REPORT_9f8e7d';

function call(overrides: Partial<ApiCallRecord>): ApiCallRecord {
  return {
    shipment_id: null,
    reference_number: 'SHP-1',
    endpoint: 'create-order',
    method: 'POST',
    url: `https://www.clickpost.in/api/v3/create-order/?username=acme&key=${SECRET}`,
    request_body: '{"pickup_info":{"pickup_name":"WH"}}',
    response_body: null,
    http_status: 500,
    meta_status: null,
    duration_ms: 80,
    error_kind: 'http',
    error_message: 'HTTP 500',
    retry_number: 0,
    failed: true,
    created_at: Date.parse('2026-11-20T04:00:00Z'),
    ...overrides,
  };
}

/** 2026-11-20 in India is [2026-11-19T18:30Z, 2026-11-20T18:30Z). */
async function seed(url: string): Promise<void> {
  const db = createDb({ url });
  await migrateLatest(db);
  await insertApiCall(db, call({}));
  await insertApiCall(db, call({ retry_number: 1, http_status: 503, error_message: 'HTTP 503', created_at: Date.parse('2026-11-20T04:00:01Z') }));
  await insertApiCall(db, call({ retry_number: 2, http_status: 200, meta_status: 200, failed: false, error_kind: null, error_message: null, created_at: Date.parse('2026-11-20T04:00:03Z') }));
  // 00:30 on the 21st in India: another day.
  await insertApiCall(db, call({ reference_number: 'SHP-2', created_at: Date.parse('2026-11-20T19:00:00Z') }));
  await db.destroy();
}

describe('clickpost-connector report', () => {
  it('writes the failure report of the India day as JSON and CSV under DATA_DIR/reports and prints paths and totals', async () => {
    const dir = tempDir();
    const url = `sqlite:${path.join(dir, 'c.sqlite')}`;
    await seed(url);
    const dataDir = path.join(dir, 'data');
    const result = await runCli(['report', '--date', '2026-11-20'], cleanEnv({ DATABASE_URL: url, DATA_DIR: dataDir }), dir);

    expect(result.code).toBe(0);
    const json = path.join(dataDir, 'reports', 'failures-2026-11-20.json');
    const csv = path.join(dataDir, 'reports', 'failures-2026-11-20.csv');
    expect(result.stdout).toContain(json);
    expect(result.stdout).toContain(csv);
    expect(result.stdout).toContain('calls 3, failed calls 2, failed references 1');

    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as { date: string; totals: Record<string, number>; failures: { reference_number: string; retry_number: number; url: string }[] };
    expect(report.date).toBe('2026-11-20');
    expect(report.totals).toMatchObject({ calls: 3, failed_calls: 2, failed_references: 1 });
    expect(report.failures.map((f) => [f.reference_number, f.retry_number])).toEqual([['SHP-1', 0], ['SHP-1', 1]]);
    expect(fs.readFileSync(csv, 'utf8')).toContain('SHP-1');
    // The key travelled in the URL; neither file nor the output carries it.
    for (const text of [fs.readFileSync(json, 'utf8'), fs.readFileSync(csv, 'utf8'), result.stdout, result.stderr]) expect(text).not.toContain(SECRET);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('exits 2 for a date that is not a calendar day, writing nothing', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const result = await runCli(['report', '--date', '2026-02-30'], cleanEnv({ DATABASE_URL: `sqlite:${path.join(dir, 'c.sqlite')}`, DATA_DIR: dataDir }), dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('date');
    expect(fs.existsSync(path.join(dataDir, 'reports'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
