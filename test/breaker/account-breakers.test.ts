/**
 * The account breakers on a real database: a closed account costs no statement per call
 * (the node's memory), a pause opened by another node is seen within refresh_ms, the probe
 * stays single across nodes, and the last answer shown by readiness stays fresh.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { ManualClock } from '../../src/clock.js';
import { createAccountBreakers, type AccountBreakers } from '../../src/breaker/account-breakers.js';
import type { BreakerConfig } from '../../src/breaker/breaker-rules.js';
import type { Outcome } from '../../src/clickpost/outcome.js';
import type { Db } from '../../src/store/db.js';
import { testDatabases, useTestDb } from '../helpers/db.js';

const config: BreakerConfig = { failures: 5, pause_ms: 300_000, probe_ms: 60_000, refresh_ms: 1_000 };
const account = { courier_partner_id: 4, account_code: 'Delhivery B2B' };
const booked: Outcome = { kind: 'booked', meta_status: 200, parent_awb: 'AWB1', label_url: null, children: [], courier_partner_id: 4, courier_name: 'Delhivery', message: 'placed' };
const refused: Outcome = { kind: 'immediate_error', meta_status: 319, message: 'not serviceable', fields: [] };
const down: Outcome = { kind: 'transient', meta_status: null, http_status: 503, error_code: 'ERR_CLICKPOST_HTTP', message: 'HTTP 503' };

/** The statements `fn` sends through `db` (knex 'query' events, BEGIN and COMMIT included). */
async function statementsOf(db: Db, fn: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const count = (q: { sql: string }) => sent.push(q.sql);
  db.on('query', count);
  try {
    await fn();
  } finally {
    db.off('query', count);
  }
  return sent;
}

describe.each(testDatabases())('account breakers on %s', (kind) => {
  const t = useTestDb(kind);
  let clock: ManualClock;
  let breakers: AccountBreakers;
  beforeEach(() => {
    clock = new ManualClock();
    breakers = createAccountBreakers(t.db, clock, config);
  });
  const stored = async (b: AccountBreakers = breakers) => (await b.list()).find((r) => r.account_code === account.account_code)!;
  const call = async (outcome: Outcome, b: AccountBreakers = breakers) => {
    const admission = await b.admit(account);
    if (admission.kind !== 'skip') await b.record(account, outcome);
    return admission;
  };

  it('a closed account costs no statement per call after the first, then one read and one write per refresh_ms', async () => {
    expect(await statementsOf(t.db, () => call(booked))).toHaveLength(2); // the read, the last answer
    const later = await statementsOf(t.db, async () => {
      for (let i = 0; i < 99; i++) {
        clock.advance(10);
        expect(await call(booked)).toEqual({ kind: 'call' });
      }
    });
    expect(later).toEqual([]);
    clock.advance(10); // refresh_ms since the first call
    const refresh = await statementsOf(t.db, () => call(booked));
    expect(refresh).toHaveLength(2);
    expect(refresh[0]).toMatch(/^select/);
    expect(refresh[1]).toMatch(/^insert/);
    expect(await stored()).toMatchObject({ state: 'CLOSED', consecutive_failures: 0, last: { outcome: 'booked', at: clock.now() } });
  });

  it('a pause opened by another node is seen within refresh_ms and not before; the probe stays single across the two', async () => {
    const other = createAccountBreakers(t.current.open(), clock, config);
    const start = clock.now();
    await call(booked); // this node now holds the breaker closed
    for (let i = 0; i < config.failures; i++) await call(down, other);
    const open = await stored();
    expect(open).toMatchObject({ state: 'OPEN', consecutive_failures: config.failures, open_until: start + config.pause_ms });

    clock.set(start + config.refresh_ms - 1);
    expect(await statementsOf(t.db, () => breakers.admit(account))).toEqual([]);
    expect(await breakers.admit(account)).toEqual({ kind: 'call' }); // not yet seen
    clock.set(start + config.refresh_ms);
    expect(await breakers.admit(account)).toEqual({ kind: 'skip', until: open.open_until });
    expect(await other.admit(account)).toEqual({ kind: 'skip', until: open.open_until });

    // After the pause both nodes ask at once: one probes, the other skips until the probe's lease
    // ends. SQLite: one after the other (two connections of one process cannot wait for each
    // other's lock: better-sqlite3 waits synchronously; SQLite nodes are separate processes).
    clock.set(open.open_until!);
    const both = kind === 'postgres'
      ? await Promise.all([breakers.admit(account), other.admit(account)])
      : [await breakers.admit(account), await other.admit(account)];
    expect(both.map((a) => a.kind).sort()).toEqual(['probe', 'skip']);
    expect(both.find((a) => a.kind === 'skip')).toEqual({ kind: 'skip', until: open.open_until! + config.probe_ms });
    expect(await breakers.admit(account)).toMatchObject({ kind: 'skip' });
    expect(await other.admit(account)).toMatchObject({ kind: 'skip' });

    // The probe answers: both nodes call again at once (a breaker not closed is read every time).
    const prober = both[0]!.kind === 'probe' ? breakers : other;
    await prober.record(account, booked);
    expect(await breakers.admit(account)).toEqual({ kind: 'call' });
    expect(await other.admit(account)).toEqual({ kind: 'call' });
    expect(await stored()).toMatchObject({ state: 'CLOSED', consecutive_failures: 0, last: { outcome: 'booked' } });
  });

  it('keeps the last answer fresh: a new kind at once, the same kind at most every refresh_ms', async () => {
    const start = clock.now();
    await call(booked);
    clock.advance(500);
    await call(booked);
    expect((await stored()).last).toMatchObject({ outcome: 'booked', at: start });
    clock.advance(100);
    await call(refused);
    expect((await stored()).last).toMatchObject({ outcome: 'immediate_error', meta_status: 319, message: 'not serviceable', at: start + 600 });
    clock.advance(100);
    await call(refused);
    expect((await stored()).last).toMatchObject({ outcome: 'immediate_error', at: start + 600 });
    clock.advance(900);
    await call(refused);
    expect((await stored()).last).toMatchObject({ outcome: 'immediate_error', at: start + 1_600 });
    clock.advance(1);
    await call(booked);
    expect((await stored()).last).toMatchObject({ outcome: 'booked', at: start + 1_601 });
  });

  it('a transient failure is written at once, and so is the definite answer that clears its count', async () => {
    await call(booked);
    const failing = await statementsOf(t.db, () => call(down));
    expect(failing.length).toBeGreaterThan(0);
    expect(await stored()).toMatchObject({ state: 'CLOSED', consecutive_failures: 1, last: { outcome: 'transient', http_status: 503 } });
    clock.advance(1);
    expect(await statementsOf(t.db, () => breakers.admit(account))).toEqual([]); // still closed: no read
    await breakers.record(account, booked);
    expect(await stored()).toMatchObject({ state: 'CLOSED', consecutive_failures: 0, last: { outcome: 'booked', at: clock.now() } });
  });

  it("an operator's close is known at once: the next call goes out without a statement", async () => {
    for (let i = 0; i < config.failures; i++) await call(down);
    expect(await breakers.admit(account)).toMatchObject({ kind: 'skip' });
    await breakers.close(account);
    expect(await stored()).toMatchObject({ state: 'CLOSED', consecutive_failures: 0, last: { outcome: 'transient' } });
    let admission: unknown;
    expect(await statementsOf(t.db, async () => (admission = await breakers.admit(account)))).toEqual([]);
    expect(admission).toEqual({ kind: 'call' });
  });
});
