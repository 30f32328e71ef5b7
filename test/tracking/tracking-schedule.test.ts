import { describe, expect, it } from '@jest/globals';
import type { ClickPostApi } from '../../src/clickpost/api.js';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { assertCronExpression, PollSchedule } from '../../src/tracking/tracking-schedule.js';
import { createTrackingService, InvalidCronError } from '../../src/tracking/tracking-service.js';
import { openTestDb } from '../helpers/db.js';

describe('tracking poll schedule', () => {
  it.each([
    ['not a cron', /expected 5 or 6 fields/],
    ['61 * * * *', /minute "61"/],
    ['0 25 * * *', /hour "25"/],
    ['* * * * * * *', /expected 5 or 6 fields but got 7/],
    ['', /empty/],
  ])('refuses %j with a clear error', (expression, reason) => {
    let caught: unknown;
    try {
      assertCronExpression(expression);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidCronError);
    expect((caught as Error).message).toContain(`invalid tracking poll cron expression "${expression}"`);
    expect((caught as Error).message).toMatch(reason);
  });

  it('accepts the default daily expression and a six-field one', () => {
    expect(() => assertCronExpression('0 3 * * *')).not.toThrow();
    expect(() => assertCronExpression('0 */30 * * * *')).not.toThrow();
  });

  it('startSchedule throws on a bad expression and starts nothing; a good one starts and stops', async () => {
    const t = await openTestDb('sqlite');
    try {
      const noApi = async (): Promise<ClickPostApi> => { throw new Error('unused'); };
      const svc = createTrackingService({ db: t.db, clock: new ManualClock(), logger: silentLogger(), webhookKey: null, clickpost: noApi });
      expect(() => svc.startSchedule('every day at 3')).toThrow(InvalidCronError);
      svc.startSchedule('0 3 * * *');
      svc.stopSchedule();
      svc.stopSchedule(); // twice is harmless
    } finally {
      await t.close();
    }
  });

  it('a bad expression leaves a running schedule as it was', () => {
    const schedule = new PollSchedule(async () => undefined, silentLogger());
    schedule.start('0 3 * * *');
    expect(() => schedule.start('nope')).toThrow(InvalidCronError);
    expect(schedule.running).toBe(true);
    schedule.stop();
    expect(schedule.running).toBe(false);
  });

  it('refuses a batch size below 1', async () => {
    const t = await openTestDb('sqlite');
    try {
      const noApi = async (): Promise<ClickPostApi> => { throw new Error('unused'); };
      expect(() => createTrackingService({ db: t.db, clock: new ManualClock(), logger: silentLogger(), webhookKey: null, clickpost: noApi, batchSize: 0 })).toThrow(RangeError);
    } finally {
      await t.close();
    }
  });
});
