/**
 * An event whose step keeps failing is parked, not tried forever (issue 11, item 9): a
 * timer is tried again 1 s, 2 s, ... later and parked after `maxTimerRuns` failures; the
 * parked timer is counted in /metrics (connector_timers_dead), fails /readyz (timers_dead),
 * and the shipment says why (`stuck`) until it moves again. On a fake clock, on both
 * databases; the failing step is a real one: a snapshot naming a state the machine lacks.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';
import { listTimers } from '../../src/store/timers-repo.js';
import { createMetrics } from '../../src/metrics/metrics.js';

function sample(body: string, name: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe.each(testDatabases())('parked work on %s', (kind) => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  /** A shipment whose next step cannot be taken: its snapshot names a state the machine lacks. */
  async function brokenShipment(code: string) {
    await h!.connector.schedule(exampleShipment(code));
    const row = await h!.connector.db('shipments').where({ shipment_code: code }).first();
    const snapshot = JSON.parse(String(row.snapshot)) as Record<string, unknown>;
    await h!.connector.db('shipments').where({ id: row.id }).update({ snapshot: JSON.stringify({ ...snapshot, value: 'NO_SUCH_STATE' }) });
    return Number(row.id);
  }

  it('a timer whose step keeps failing is tried again later, then parked: counted, not ready, and the shipment says why', async () => {
    h = await createHarness(kind, { worker: { maxTimerRuns: 3 } });
    const { connector, clock } = h;
    const id = await brokenShipment('STUCK-1');

    await h.drain();
    expect(await listTimers(connector.db, id)).toEqual([expect.objectContaining({ timer_key: 'start' })]);
    const failures = async () => Number((await connector.db('timers').where({ shipment_id: id }).first()).failures);
    expect(await failures()).toBe(1);
    // Not again before its wait (1 s after the first failure, 2 s after the second).
    await h.advance(1_000);
    expect(await failures()).toBe(1);
    await h.advance(1);
    expect(await failures()).toBe(2);
    await h.advance(2_000);
    expect(await failures()).toBe(2);
    await h.advance(1);
    expect(await failures()).toBe(3);

    // Parked: never taken again, however long we wait.
    await h.advance(60 * 60_000);
    const parked = await connector.db('timers').where({ shipment_id: id }).first();
    expect(parked).toMatchObject({ failures: 3 });
    expect(parked.parked_at).not.toBeNull();
    expect(String(parked.last_error)).toMatch(/NO_SUCH_STATE/);

    const view = await connector.get('STUCK-1');
    expect(view.status).toBe('QUEUED');
    expect(view.stuck).toEqual({ reason: expect.stringMatching(/^timer start parked after 3 failed steps: .*NO_SUCH_STATE/), since: expect.any(String) });

    const ready = await connector.readiness();
    expect(ready.ready).toBe(false);
    expect(ready.checks).toContainEqual({ name: 'timers_dead', ok: false, detail: expect.stringMatching(/^1 timer\(s\) parked/) });
    // A parked timer is not an overdue one: only timers_dead says it.
    expect(ready.checks).toContainEqual(expect.objectContaining({ name: 'timers_overdue', ok: true }));

    const { body } = await createMetrics({ db: connector.db, clock }).render();
    expect(sample(body, 'connector_timers_dead')).toBe(1);
  });

  it('a timer that failed and then steps goes on; a parked one waits for a person, and the shipment moving clears stuck', async () => {
    h = await createHarness(kind, { worker: { maxTimerRuns: 2 } });
    const { connector } = h;
    const mend = async (id: number) => {
      const row = await connector.db('shipments').where({ id }).first();
      const snapshot = JSON.parse(String(row.snapshot)) as Record<string, unknown>;
      await connector.db('shipments').where({ id }).update({ snapshot: JSON.stringify({ ...snapshot, value: 'QUEUED' }) });
    };
    const failed = await brokenShipment('STUCK-2');
    await brokenShipment('STUCK-3');
    await h.drain(); // both fail once
    await h.advance(1_001); // STUCK-2 and STUCK-3 fail again: parked
    await mend(failed); // too late for a parked timer ...
    await h.advance(60 * 60_000);
    expect((await connector.get('STUCK-2')).status).toBe('QUEUED');
    expect((await connector.get('STUCK-2')).stuck).toBeDefined();
    // ... but a person acting on the shipment moves it on, and it is no longer stuck.
    const cancelled = await connector.cancel('STUCK-2');
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.stuck).toBeUndefined();
    expect(await listTimers(connector.db, failed)).toEqual([]);
    expect((await connector.get('STUCK-3')).stuck).toBeDefined();

    // Mended before it is parked: its next try steps it and it books; nothing counts it.
    const third = await brokenShipment('STUCK-4');
    await h.drain();
    await mend(third);
    await h.advance(1_001);
    const view = await connector.get('STUCK-4');
    expect(view.status).toBe('BOOKED');
    expect(view.stuck).toBeUndefined();
    expect(await listTimers(connector.db, third)).toEqual([]);
  });

  it('an effect whose answer cannot be stepped goes DEAD after maxEffectRuns, and the shipment says why', async () => {
    h = await createHarness(kind, { clickpostTimeoutMs: 10_000, worker: { maxEffectRuns: 2 } });
    const { connector, sandbox } = h;
    await connector.schedule(exampleShipment('STUCK-5', ['SBX_SLOW_500']));
    const seen = sandbox.ledger.requests.length;
    const work = connector.worker.drain();
    // The create is on its way (slow answer): its step will meet a snapshot the machine cannot read.
    while (sandbox.ledger.requests.length === seen) await new Promise((r) => setTimeout(r, 5));
    const row = await connector.db('shipments').where({ shipment_code: 'STUCK-5' }).first();
    // (a new version: the snapshot loaded with the claim is stale, the step reads this one)
    await connector.db('shipments').where({ id: row.id }).update({ snapshot: JSON.stringify({ ...(JSON.parse(String(row.snapshot)) as object), value: 'NO_SUCH_STATE' }), version: Number(row.version) + 1 });
    await work;
    const effect = async () => (await connector.db('effects').where({ shipment_id: row.id, kind: 'create_order' }).first()) as { status: string; attempts: number; last_error: string };
    expect(await effect()).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect((await connector.get('STUCK-5')).stuck).toBeUndefined(); // one failure is not stuck yet
    await h.advance(1_000); // its retry
    expect(await effect()).toMatchObject({ status: 'DEAD', attempts: 2, last_error: expect.stringMatching(/NO_SUCH_STATE/) });
    expect((await connector.get('STUCK-5')).stuck).toEqual({ reason: expect.stringMatching(/^create_order parked DEAD after 2 failed runs: .*NO_SUCH_STATE/), since: expect.any(String) });
    expect((await connector.readiness()).checks).toContainEqual(expect.objectContaining({ name: 'effects_dead', ok: false }));
  }, 30_000);
});
