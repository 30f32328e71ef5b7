import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import cron from 'node-cron';
import { runDailyReport, startDailyReport } from '../../src/reports/daily-report.js';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { DAY1, at, seedTwoDays } from './seed-calls.js';

describe('nightly failure report job', () => {
  let t: TestDb;
  let dataDir: string;
  beforeEach(async () => {
    t = await openTestDb('sqlite');
    await seedTwoDays(t.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daily-'));
  });
  afterEach(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await t.close();
  });

  it('at 00:15 IST it writes the report of the India day that just ended', async () => {
    const clock = new ManualClock(at('2026-11-22T18:45:00Z')); // 00:15 IST on the 23rd
    const result = await runDailyReport({ db: t.db, clock, logger: silentLogger(), dataDir });
    expect(result).toEqual({
      date: DAY1,
      json: path.join(dataDir, 'reports', `failures-${DAY1}.json`),
      csv: path.join(dataDir, 'reports', `failures-${DAY1}.csv`),
      failed_calls: 6,
    });
    const report = JSON.parse(fs.readFileSync(result.json, 'utf8'));
    expect(report.date).toBe(DAY1);
    expect(report.failures).toHaveLength(6);
  });

  it('schedules on India wall-clock time (00:15 IST = 18:45 UTC) and stops', () => {
    const named = () => [...cron.getTasks().values()].filter((task) => task.name === 'daily-failure-report');
    const job = startDailyReport({ db: t.db, clock: new ManualClock(), logger: silentLogger(), dataDir });
    try {
      expect(named()).toHaveLength(1);
      expect(named()[0].getPattern()).toBe('15 0 * * *');
      const next = job.nextRun();
      expect(next).not.toBeNull();
      expect([next!.getUTCHours(), next!.getUTCMinutes()]).toEqual([18, 45]);
    } finally {
      job.stop();
    }
    expect(named()).toHaveLength(0);
    expect(job.nextRun()).toBeNull();
  });

  it('refuses an invalid cron expression', () => {
    expect(() => startDailyReport({ db: t.db, clock: new ManualClock(), logger: silentLogger(), dataDir, cron: 'every night' })).toThrow(/cron/);
  });
});
