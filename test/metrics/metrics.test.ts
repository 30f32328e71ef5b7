import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createMetrics } from '../../src/metrics/metrics.js';
import { ManualClock } from '../../src/clock.js';
import { upsertAttempt } from '../../src/store/attempts-repo.js';
import { insertEffect } from '../../src/store/effects-repo.js';
import type { Db } from '../../src/store/db.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { seedShipment } from '../store/seed.js';

/** The sample value of `name{labels}` in a Prometheus text exposition, or undefined. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of body.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.keys(got).length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function seed(db: Db, clock: ManualClock): Promise<void> {
  const now = clock.now();
  const ids: number[] = [];
  for (const [code, status] of [['S1', 'BOOKED'], ['S2', 'BOOKED'], ['S3', 'FAILED'], ['S4', 'LABEL_REQUESTED'], ['S5', 'ON_HOLD']] as const) {
    ids.push(await seedShipment(db, code, { status, now }));
  }
  const attempt = { courier_partner_id: 4, account_code: 'A', meta_status: null, message: null, error_kind: null, polls: 0, parent_awb: null, label_url: null, late_awb: null, late_awb_state: null, started_at: now, ended_at: null };
  await upsertAttempt(db, { ...attempt, shipment_id: ids[0], priority: 1, reference_number: 'S1', outcome: 'BOOKED' });
  await upsertAttempt(db, { ...attempt, shipment_id: ids[1], priority: 1, reference_number: 'S2', outcome: 'ERROR' });
  await upsertAttempt(db, { ...attempt, shipment_id: ids[1], priority: 2, reference_number: 'S2-P2', outcome: 'BOOKED' });
  await upsertAttempt(db, { ...attempt, shipment_id: ids[2], priority: 1, reference_number: 'S3', outcome: 'LABEL_TIMEOUT' });
  await upsertAttempt(db, { ...attempt, shipment_id: ids[3], priority: 1, reference_number: 'S4', outcome: 'IN_PROGRESS' });
  const effect = (key: string, run_at: number) => insertEffect(db, { shipment_id: ids[0], kind: 'host_callback', payload: {}, idempotency_key: key, run_at, now });
  await effect('due-90s-ago', now - 90_000);
  await effect('due-10s-ago', now - 10_000);
  await effect('later', now + 60_000);
  await effect('dead-1', now - 500_000);
  await effect('dead-2', now - 500_000);
  await effect('done', now - 900_000);
  await db('effects').whereIn('idempotency_key', ['dead-1', 'dead-2']).update({ status: 'DEAD' });
  await db('effects').where('idempotency_key', 'done').update({ status: 'DONE' });
}

describe('metrics', () => {
  let t: TestDb;
  let clock: ManualClock;
  beforeEach(async () => {
    t = await openTestDb('sqlite');
    clock = new ManualClock();
  });
  afterEach(async () => {
    await t.close();
  });

  it('gauges are read from the database at scrape time', async () => {
    const metrics = createMetrics({ db: t.db, clock });
    let { body, contentType } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'connector_shipments', { status: 'BOOKED' })).toBe(0);
    expect(sample(body, 'connector_effects_pending')).toBe(0);

    await seed(t.db, clock);
    ({ body } = await metrics.render());
    expect(sample(body, 'connector_shipments', { status: 'BOOKED' })).toBe(2);
    expect(sample(body, 'connector_shipments', { status: 'FAILED' })).toBe(1);
    expect(sample(body, 'connector_shipments', { status: 'LABEL_REQUESTED' })).toBe(1);
    expect(sample(body, 'connector_shipments', { status: 'QUEUED' })).toBe(0);
    expect(sample(body, 'connector_shipments', { status: 'ON_HOLD' })).toBe(1); // an unknown status still shows
    expect(sample(body, 'connector_attempts', { outcome: 'BOOKED' })).toBe(2);
    expect(sample(body, 'connector_attempts', { outcome: 'ERROR' })).toBe(1);
    expect(sample(body, 'connector_attempts', { outcome: 'LABEL_TIMEOUT' })).toBe(1);
    expect(sample(body, 'connector_attempts', { outcome: 'IN_PROGRESS' })).toBe(1);
    expect(sample(body, 'connector_attempts', { outcome: 'CANCELLED' })).toBe(0);
    expect(sample(body, 'connector_effects_pending')).toBe(3);
    expect(sample(body, 'connector_effects_dead')).toBe(2);
    expect(sample(body, 'connector_effects_overdue_seconds')).toBe(90);

    // A later scrape sees later rows and the injected clock's time.
    await t.db('shipments').where('shipment_code', 'S4').update({ status: 'BOOKED' });
    clock.advance(30_000);
    ({ body } = await metrics.render());
    expect(sample(body, 'connector_shipments', { status: 'BOOKED' })).toBe(3);
    expect(sample(body, 'connector_shipments', { status: 'LABEL_REQUESTED' })).toBe(0);
    expect(sample(body, 'connector_effects_overdue_seconds')).toBe(120);
  });

  it('one scrape reads the store once, whatever the number of gauges', async () => {
    const metrics = createMetrics({ db: t.db, clock });
    const sql: string[] = [];
    const listener = (q: { sql: string }) => sql.push(q.sql);
    t.db.on('query', listener);
    try {
      await metrics.render();
    } finally {
      t.db.removeListener('query', listener);
    }
    // shipments by status, attempts by outcome, pending, dead, parked timers, overdue, breakers.
    expect(sql).toHaveLength(7);
  });

  it('histograms record ClickPost call durations and poll lag in seconds', async () => {
    const metrics = createMetrics({ db: t.db, clock });
    metrics.observeClickPostCall('create-order', 300, 'ok');
    metrics.observeClickPostCall('create-order', 9_000, 'failed');
    metrics.observeClickPostCall('poll-order', 40, 'ok');
    metrics.observePollLag(45_000);
    metrics.observePollLag(-5); // early by clock skew: on time
    const { body } = await metrics.render();
    const call = (labels: Record<string, string>) => sample(body, 'clickpost_call_duration_seconds_bucket', labels);
    expect(call({ endpoint: 'create-order', outcome: 'ok', le: '0.25' })).toBe(0);
    expect(call({ endpoint: 'create-order', outcome: 'ok', le: '0.5' })).toBe(1);
    expect(call({ endpoint: 'create-order', outcome: 'failed', le: '8' })).toBe(0);
    expect(call({ endpoint: 'create-order', outcome: 'failed', le: '15' })).toBe(1);
    expect(call({ endpoint: 'poll-order', outcome: 'ok', le: '0.05' })).toBe(1);
    expect(sample(body, 'clickpost_call_duration_seconds_sum', { endpoint: 'create-order', outcome: 'failed' })).toBe(9);
    expect(sample(body, 'clickpost_call_duration_seconds_count', { endpoint: 'create-order', outcome: 'ok' })).toBe(1);
    expect(sample(body, 'label_poll_lag_seconds_bucket', { le: '0.1' })).toBe(1);
    expect(sample(body, 'label_poll_lag_seconds_bucket', { le: '30' })).toBe(1);
    expect(sample(body, 'label_poll_lag_seconds_bucket', { le: '60' })).toBe(2);
    expect(sample(body, 'label_poll_lag_seconds_sum')).toBe(45);
    expect(sample(body, 'label_poll_lag_seconds_count')).toBe(2);
  });

  it('observations made before the first scrape are all counted, however many', async () => {
    const metrics = createMetrics({ db: t.db, clock });
    // More than are kept before the registry exists: the rest go straight into it.
    for (let i = 0; i < 2500; i++) metrics.observePollLag(i % 2 === 0 ? 200 : 20_000);
    metrics.countStatusChange('BOOKED');
    metrics.observeReconciliation(-3);
    const { body } = await metrics.render();
    expect(sample(body, 'label_poll_lag_seconds_count')).toBe(2500);
    expect(sample(body, 'label_poll_lag_seconds_bucket', { le: '0.5' })).toBe(1250);
    expect(sample(body, 'label_poll_lag_seconds_sum')).toBeCloseTo(1250 * 0.2 + 1250 * 20, 6);
    expect(sample(body, 'shipment_status_changes_total', { status: 'BOOKED' })).toBe(1);
    expect(sample(body, 'connector_reconciliation_difference')).toBe(-3);
  });

  it('counts status changes by the status entered', async () => {
    const metrics = createMetrics({ db: t.db, clock });
    for (const s of ['CREATING', 'LABEL_REQUESTED', 'BOOKED', 'CREATING', 'FAILED']) metrics.countStatusChange(s);
    const { body } = await metrics.render();
    expect(sample(body, 'shipment_status_changes_total', { status: 'CREATING' })).toBe(2);
    expect(sample(body, 'shipment_status_changes_total', { status: 'BOOKED' })).toBe(1);
    expect(sample(body, 'shipment_status_changes_total', { status: 'CANCELLED' })).toBeUndefined();
  });

  it('two instances do not clash: separate registries, both with process metrics', async () => {
    const a = createMetrics({ db: t.db, clock });
    const b = createMetrics({ db: t.db, clock });
    expect(a.registry).not.toBe(b.registry);
    a.countStatusChange('BOOKED');
    a.observeClickPostCall('track-order', 100, 'ok');
    const [ra, rb] = [(await a.render()).body, (await b.render()).body];
    expect(sample(ra, 'shipment_status_changes_total', { status: 'BOOKED' })).toBe(1);
    expect(sample(rb, 'shipment_status_changes_total', { status: 'BOOKED' })).toBeUndefined();
    expect(sample(rb, 'clickpost_call_duration_seconds_count', { endpoint: 'track-order', outcome: 'ok' })).toBeUndefined();
    for (const body of [ra, rb]) {
      expect(body).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(body).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    }
  });

  it('a database that fails at scrape time still answers with the last values, counting the failed reads', async () => {
    await seed(t.db, clock);
    const other = t.open();
    const metrics = createMetrics({ db: other, clock });
    let { body } = await metrics.render();
    expect(sample(body, 'connector_metrics_collect_errors_total')).toBe(0);
    expect(sample(body, 'connector_shipments', { status: 'BOOKED' })).toBe(2);
    await other.destroy();
    ({ body } = await metrics.render());
    expect(sample(body, 'connector_metrics_collect_errors_total')).toBe(1);
    expect(sample(body, 'connector_shipments', { status: 'BOOKED' })).toBe(2);
    expect(sample(body, 'connector_effects_dead')).toBe(2);
    ({ body } = await metrics.render());
    expect(sample(body, 'connector_metrics_collect_errors_total')).toBe(2);
  });
});
