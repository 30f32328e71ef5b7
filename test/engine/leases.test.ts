/**
 * Leases are short and kept alive while the work runs (issue 11, item 9): a worker's
 * heartbeat extends the lease of every effect it has in flight, so a ClickPost call slower
 * than many leases is never taken over by another worker; and a claim whose worker died
 * (no heartbeat) comes back after one short lease. Time is the harness's fake clock; the
 * long-running effect is one the test ends itself (run like a host callback: the same pool,
 * claim, heartbeat and completion as a ClickPost call).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';
import { claimDueEffectsWithShipment, insertEffect, listEffects } from '../../src/store/effects-repo.js';
import type { EffectRow } from '../../src/store/rows.js';
import { DEFAULT_LEASE_MS } from '../../src/engine/worker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const giveUp = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe.each(testDatabases())('effect leases on %s', (kind) => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('are short by default', () => {
    expect(DEFAULT_LEASE_MS).toBeLessThanOrEqual(30_000);
  });

  /** An effect of a kind the test runs itself (as host callbacks are run): it lasts until the test lets it end. */
  function gatedEffect() {
    const calls: number[] = [];
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const executor = async (effect: EffectRow) => {
      calls.push(effect.id);
      await gate;
    };
    return { calls, open: () => open(), executor };
  }

  const insert = (db: Harness['connector']['db'], now: number) =>
    insertEffect(db, { shipment_id: null, kind: 'test_wait', payload: {}, idempotency_key: `test_wait:${now}`, run_at: now, now });

  it('a call slower than many leases keeps its lease: nobody else can claim it, it runs once', async () => {
    const LEASE = 1_000;
    const slow = gatedEffect();
    h = await createHarness(kind, { worker: { leaseMs: LEASE, heartbeatMs: 10, sideEffects: { test_wait: slow.executor } } });
    const { connector, clock } = h;
    const id = await insert(connector.db, clock.now());
    const tick = connector.worker.tick(); // claims it and waits for it
    await until('the effect to start', () => slow.calls.length === 1);

    // Eight times half a lease (4 leases in all): each time the heartbeat moves the lease past now.
    for (let i = 0; i < 8; i++) {
      clock.advance(LEASE / 2);
      await until('the heartbeat to extend the lease', async () => {
        const [row] = await listEffects(connector.db, { kind: 'test_wait' });
        return row!.locked_until !== null && row!.locked_until > clock.now() + LEASE / 2;
      });
      expect(await claimDueEffectsWithShipment(connector.db, { worker_id: 'another-node:1:x', now: clock.now(), lease_ms: LEASE, limit: 10 })).toEqual([]);
    }

    slow.open();
    await tick;
    const [done] = await listEffects(connector.db, { kind: 'test_wait' });
    expect(done).toMatchObject({ id, status: 'DONE', attempts: 1, locked_by: null });
    expect(slow.calls).toEqual([id]);
  });

  it("a dead worker's claim comes back after one short lease, and runs then", async () => {
    const effect = gatedEffect();
    effect.open();
    h = await createHarness(kind, { worker: { sideEffects: { test_wait: effect.executor } } });
    const { connector, clock } = h;
    const id = await insert(connector.db, clock.now());
    // A worker of another node claims it and dies: no heartbeat, nobody completes it.
    const [claimed] = (await claimDueEffectsWithShipment(connector.db, { worker_id: 'dead-node:4242:x', now: clock.now(), lease_ms: DEFAULT_LEASE_MS, limit: 10 })).map((c) => c.effect);
    expect(claimed?.id).toBe(id);
    clock.advance(DEFAULT_LEASE_MS - 1);
    await h.drain();
    expect(effect.calls).toEqual([]); // still the dead worker's
    clock.advance(2);
    await h.drain();
    expect(effect.calls).toEqual([id]);
    expect((await listEffects(connector.db, { kind: 'test_wait' }))[0]).toMatchObject({ status: 'DONE', attempts: 2 });
  });
});
