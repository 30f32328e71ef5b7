/**
 * The lifecycle end to end: library -> engine -> transport -> loopback sandbox, on a real
 * database, with the 2-minute waits on a fake clock. Runs on SQLite, and on PostgreSQL
 * when DATABASE_URL points at one (CI).
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';
import { listApiCalls } from '../../src/store/api-calls-repo.js';
import { listTimers } from '../../src/store/timers-repo.js';
import { listEffects } from '../../src/store/effects-repo.js';
import { saveBreaker } from '../../src/store/breakers-repo.js';
import { runCreateOrder } from '../../src/engine/effects/create-order.js';
import { DEFAULT_MAPPING_SETTINGS } from '../../src/domain/settings.js';
import type { ShipmentInput } from '../../src/domain/shipment-input.js';
import type { EffectRow } from '../../src/store/rows.js';
import { createClickPostApi } from '../../src/clickpost/api.js';
import { createClickPostClient } from '../../src/transport/client.js';
import { findShipmentByCode } from '../../src/store/shipments-repo.js';
import { buildFailureReport } from '../../src/reports/failure-report.js';
import { indiaDate } from '../../src/clickpost/units.js';

const MIN = 60_000;

describe.each(testDatabases())('shipment lifecycle on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  const schedule = async (code: string, accounts: string[], boxes = 1) => (await h.connector.schedule(exampleShipment(code, accounts, boxes))).shipment;
  const get = (code: string) => h.connector.get(code);

  it('a synchronous success books at P1: parent AWB, one child AWB per box in box order, label', async () => {
    const queued = await schedule('SYNC-1', ['Delhivery B2B', 'Bluedart Surface'], 3);
    expect(queued.status).toBe('QUEUED');
    await h.drain();
    const s = await get('SYNC-1');
    expect(s.status).toBe('BOOKED');
    expect(s.provider).toEqual({ priority: 1, courier_partner_id: 4, account_code: 'Delhivery B2B' });
    const order = h.sandbox.ledger.order('SYNC-1')!;
    expect(s.parent_awb).toBe(order.waybill);
    expect(s.boxes).toEqual([1, 2, 3].map((n) => ({ box_code: `SYNC-1-${n}`, child_awb: `${order.waybill}_${n}` })));
    expect(s.label_url).toMatch(/\.pdf$/);
    expect(s.attempts).toEqual([expect.objectContaining({ priority: 1, reference_number: 'SYNC-1', outcome: 'BOOKED', meta_status: 200, polls: 0 })]);
    expect(s.pickup_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
  });

  it.each([
    ['immediate error 319', 'SBX_ERR_319', 319],
    ['configuration error 301', 'SBX_ERR_301', 301],
    ['payload error 308', 'SBX_ERR_308', 308],
  ])('%s at P1 fails over to P2 at once, with reference CODE-P2', async (_n, account, status) => {
    await schedule('FO-1', [account, 'Bluedart Surface']);
    await h.drain();
    const s = await get('FO-1');
    expect(s.status).toBe('BOOKED');
    expect(s.provider?.priority).toBe(2);
    expect(s.attempts.map((a) => [a.reference_number, a.outcome, a.meta_status])).toEqual([
      ['FO-1', 'ERROR', status],
      ['FO-1-P2', 'BOOKED', 200],
    ]);
    expect(h.sandbox.ledger.order('FO-1-P2')?.state).toBe('live');
  });

  it('no provider left: FAILED, with each attempt and its reason', async () => {
    await schedule('ALL-BAD', ['SBX_ERR_319', 'SBX_ERR_354', 'SBX_ERR_301']);
    await h.drain();
    const s = await get('ALL-BAD');
    expect(s.status).toBe('FAILED');
    expect(s.error?.attempts.map((a) => [a.priority, a.meta_status])).toEqual([[1, 319], [2, 354], [3, 301]]);
    expect(s.error?.attempts.every((a) => typeof a.message === 'string' && a.message.length > 0)).toBe(true);
  });

  it('transient failures are retried at the same account with the same reference, then succeed', async () => {
    await schedule('FLAKY-1', ['SBX_HTTP500_2', 'Bluedart Surface']);
    await h.drain();
    const s = await get('FLAKY-1');
    expect(s.status).toBe('BOOKED');
    expect(s.provider?.priority).toBe(1);
    const calls = await listApiCalls(h.connector.db, { reference_number: 'FLAKY-1' });
    expect(calls.filter((c) => c.endpoint === 'create-order').map((c) => [c.retry_number, c.http_status])).toEqual([[0, 500], [1, 500], [2, 200]]);
    expect(h.sandbox.ledger.order('FLAKY-1')?.createCalls).toBe(3);
  });

  it('transient until the retries run out: treated as an immediate error, and the unknown P1 order is watched', async () => {
    await schedule('DOWN-1', ['SBX_HTTP500_ALWAYS', 'Bluedart Surface']);
    await h.drain();
    const s = await get('DOWN-1');
    expect(s.status).toBe('BOOKED');
    expect(s.attempts[0]).toMatchObject({ outcome: 'ERROR', late_awb: { awb: null, state: 'WATCHING' } });
    const tries = (await listApiCalls(h.connector.db, { reference_number: 'DOWN-1' })).filter((c) => c.endpoint === 'create-order');
    expect(tries.length).toBeGreaterThanOrEqual(4); // the first try and at least 3 retries
  });

  it('async: 202 -> LABEL_REQUESTED, first poll one interval later, BOOKED on the 3rd poll', async () => {
    await schedule('ASYNC-3', ['SBX_ASYNC_3']);
    await h.drain();
    expect((await get('ASYNC-3')).status).toBe('LABEL_REQUESTED');
    await h.advance(MIN);
    expect(h.sandbox.ledger.order('ASYNC-3')?.pollHits).toBe(0); // nothing before 2 minutes
    await h.advance(MIN);
    expect(h.sandbox.ledger.order('ASYNC-3')?.pollHits).toBe(1);
    expect((await get('ASYNC-3')).attempts[0]?.polls).toBe(1);
    await h.advance(2 * MIN);
    await h.advance(2 * MIN);
    const s = await get('ASYNC-3');
    expect(s.status).toBe('BOOKED');
    expect(s.attempts[0]).toMatchObject({ outcome: 'BOOKED', polls: 3 });
    expect(s.boxes[0]?.child_awb).toBe(`${s.parent_awb}_1`);
  });

  it('the 12-minute window: exactly 6 polls 2 minutes apart, then LABEL_TIMEOUT and P2', async () => {
    await schedule('SLOW-1', ['SBX_ASYNC_NEVER', 'Bluedart Surface']);
    await h.drain();
    const seen: number[] = [];
    for (let minute = 1; minute <= 16; minute++) {
      await h.advance(MIN);
      seen.push(h.sandbox.ledger.order('SLOW-1')!.pollHits);
    }
    // polls at minutes 2, 4, ..., 12 and none after
    expect(seen).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6, 6, 6]);
    expect(h.sandbox.ledger.order('SLOW-1')!.pollKeys.size).toBe(6);
    const s = await get('SLOW-1');
    expect(s.status).toBe('BOOKED');
    expect(s.attempts.map((a) => [a.outcome, a.polls])).toEqual([['LABEL_TIMEOUT', 6], ['BOOKED', 0]]);
  });

  it('an error on a poll fails over to the next provider', async () => {
    await schedule('PFAIL-1', ['SBX_ASYNC_FAIL_2', 'Bluedart Surface']);
    await h.drain();
    await h.advance(2 * MIN);
    await h.advance(2 * MIN);
    const s = await get('PFAIL-1');
    expect(s.status).toBe('BOOKED');
    expect(s.attempts.map((a) => [a.outcome, a.meta_status, a.polls])).toEqual([['ERROR', 319, 2], ['BOOKED', 200, 0]]);
  });

  it('never two live AWBs: a late AWB from the abandoned P1 is cancelled at ClickPost and recorded', async () => {
    await schedule('LATE-1', ['SBX_ASYNC_8', 'Bluedart Surface']);
    await h.drain();
    for (let i = 0; i < 6; i++) await h.advance(2 * MIN);
    let s = await get('LATE-1');
    expect(s.status).toBe('BOOKED');
    expect(s.provider?.priority).toBe(2);
    expect(s.attempts[0]).toMatchObject({ outcome: 'LABEL_TIMEOUT', polls: 6, late_awb: { awb: null, state: 'WATCHING' } });
    await h.advance(30 * MIN); // 7th look: still processing
    await h.advance(30 * MIN); // 8th: the AWB appears, and is cancelled
    s = await get('LATE-1');
    const p1 = h.sandbox.ledger.order('LATE-1')!;
    expect(p1.state).toBe('cancelled');
    expect(s.attempts[0]?.late_awb).toEqual({ awb: p1.waybill, state: 'CANCELLED' });
    expect(s.status).toBe('BOOKED');
    expect(h.sandbox.ledger.liveOrdersByShipment().get('LATE-1')?.map((o) => o.reference)).toEqual(['LATE-1-P2']);
  });

  describe('ClickPost as its docs speak (issue #8)', () => {
    it('async polls re-send the same create-order POST; the child AWBs come from the answer that books', async () => {
      await schedule('REPOST-1', ['SBX_ASYNC_2'], 2);
      await h.drain();
      await h.advance(2 * MIN);
      await h.advance(2 * MIN);
      const s = await get('REPOST-1');
      expect(s.status).toBe('BOOKED');
      const calls = await listApiCalls(h.connector.db, { reference_number: 'REPOST-1' });
      expect(calls.map((c) => [c.endpoint, c.method, c.meta_status])).toEqual([
        ['create-order', 'POST', 202],
        ['poll-order', 'POST', 102],
        ['poll-order', 'POST', 323],
      ]);
      // the re-sent payload is byte for byte the first one (same pickup_time too)
      expect(new Set(calls.map((c) => c.request_body)).size).toBe(1);
      const order = h.sandbox.ledger.order('REPOST-1')!;
      expect(s.boxes.map((b) => b.child_awb)).toEqual(order.children.map((c) => c.waybill));
      expect(s.boxes.every((b) => b.child_awb !== null)).toBe(true);
    });

    it('the contract example with drop.gstin carries gst_info on every carton of the recorded request', async () => {
      const body = exampleShipment('GST-1', ['Delhivery B2B'], 2);
      await h.connector.schedule({ ...body, drop: { ...body.drop, gstin: '27AABCR5055K1Z9' } });
      await h.drain();
      const [call] = await listApiCalls(h.connector.db, { reference_number: 'GST-1' });
      const sent = JSON.parse(call!.request_body!) as { shipment_details: { items: Array<{ gst_info: Record<string, unknown> }> } };
      expect(sent.shipment_details.items).toHaveLength(2);
      for (const carton of sent.shipment_details.items) {
        expect(carton.gst_info).toMatchObject({
          invoice_number: body.invoice.number, invoice_date: body.invoice.date, invoice_value: body.invoice.value,
          ewaybill_serial_number: body.invoice.ewaybill_number, seller_gstin: body.pickup.gstin, consignee_gstin: '27AABCR5055K1Z9',
        });
      }
    });

    it('a "try again" code (322 on HTTP 200) is re-sent to the same account, then the order is watched while failing over', async () => {
      await schedule('TRY-1', ['SBX_ERR_322', 'Bluedart Surface']);
      await h.drain();
      const s = await get('TRY-1');
      expect(s.status).toBe('BOOKED');
      expect(s.provider?.priority).toBe(2);
      expect(s.attempts[0]).toMatchObject({ outcome: 'ERROR', meta_status: 322, late_awb: { awb: null, state: 'WATCHING' } });
      const tries = (await listApiCalls(h.connector.db, { reference_number: 'TRY-1' })).filter((c) => c.endpoint === 'create-order');
      expect(tries.map((c) => [c.retry_number, c.meta_status])).toEqual([[0, 322], [1, 322], [2, 322], [3, 322]]);
    });

    it('a long shipment code is sent as a reference of at most 20 characters, shown on the attempt', async () => {
      const code = 'WAVE-2026-11-29-MUMBAI-DOCK-7-0042';
      await schedule(code, ['SBX_ERR_319', 'Bluedart Surface']);
      await h.drain();
      const s = await get(code);
      expect(s.status).toBe('BOOKED');
      const refs = s.attempts.map((a) => a.reference_number);
      expect(refs.every((r) => r.length <= 20)).toBe(true);
      expect(refs[1]).toMatch(/-P2$/);
      expect(h.sandbox.ledger.order(refs[1]!)?.state).toBe('live');
    });

    it('a cancel ClickPost accepts for later (202) is CANCELLED/ACCEPTED, then DONE when the re-sent cancel answers 600', async () => {
      await schedule('C202-1', ['SBX_CANCEL_202']);
      await h.drain();
      await h.connector.cancel('C202-1');
      await h.drain();
      const accepted = await get('C202-1');
      expect(accepted.status).toBe('CANCELLED');
      expect(accepted.cancel).toMatchObject({ state: 'ACCEPTED' });
      await h.advance(2 * 60 * MIN);
      const done = await get('C202-1');
      expect(done.cancel).toMatchObject({ state: 'DONE' });
      expect(h.sandbox.ledger.order('C202-1')!.cancelCalls).toBe(2);
    });

    it('a cancel never confirmed in 24 hours is marked unconfirmed', async () => {
      await schedule('C202-2', ['SBX_CANCEL_202_ALWAYS']);
      await h.drain();
      await h.connector.cancel('C202-2');
      await h.drain();
      for (let i = 0; i < 12; i++) await h.advance(2 * 60 * MIN);
      const s = await get('C202-2');
      expect(s.cancel).toMatchObject({ state: 'ACCEPTED', unconfirmed: true });
      expect(h.sandbox.ledger.order('C202-2')!.cancelCalls).toBe(13);
      await h.advance(2 * 60 * MIN);
      expect(h.sandbox.ledger.order('C202-2')!.cancelCalls).toBe(13);
      const report = await buildFailureReport(h.connector.db, indiaDate(h.clock.now() - 2 * 60 * MIN), h.clock);
      expect(report.unconfirmed_cancels).toEqual([{ shipment_code: 'C202-2', parent_awb: s.parent_awb, message: expect.stringMatching(/did not confirm/) }]);
    });
  });

  describe('courier downtime loses nothing (issue #11)', () => {
    it('ClickPost down for a while: every shipment waits in RETRY_WAIT, then books when it is back; none FAILED', async () => {
      h.sandbox.setDown(true);
      const codes = ['OUT-1', 'OUT-2', 'OUT-3'];
      for (const code of codes) await schedule(code, ['Delhivery B2B', 'Bluedart Surface'], 2);
      await h.drain();
      for (const code of codes) {
        const s = await get(code);
        expect(s.status).toBe('RETRY_WAIT');
        expect(s.retry).toMatchObject({ round: 2, reason: expect.stringContaining('P1') });
        expect(Date.parse(s.retry!.next_at) - h.clock.now()).toBe(15 * MIN);
      }
      h.sandbox.setDown(false);
      await h.advance(15 * MIN);
      for (const code of codes) {
        const s = await get(code);
        expect(s.status).toBe('BOOKED');
        expect(s.provider?.priority).toBe(1);
        expect(s.attempts.map((a) => [a.reference_number, a.outcome])).toEqual([[code, 'BOOKED']]);
        expect(h.sandbox.ledger.liveOrdersByShipment().get(code)).toHaveLength(1);
      }
    });

    it('a definitive refusal everywhere is FAILED at once; retry() starts a round now and 409s otherwise', async () => {
      await schedule('REF-1', ['SBX_ERR_319']);
      await h.drain();
      expect((await get('REF-1')).status).toBe('FAILED');
      await expect(h.connector.retry('REF-1')).resolves.toMatchObject({ shipment_code: 'REF-1' });
      await h.drain();
      expect((await get('REF-1')).status).toBe('FAILED'); // refused again, a new round each time
      expect(h.sandbox.ledger.order('REF-1')!.createCalls).toBe(2);
      await schedule('OK-1', ['Delhivery B2B']);
      await h.drain();
      await expect(h.connector.retry('OK-1')).rejects.toMatchObject({ code: 'not_retryable', httpStatus: 409 });
    });

    it('a failing account is skipped at once after 5 consecutive transient failures, probed after the pause, closed by hand', async () => {
      const down = 'SBX_HTTP500_ALWAYS';
      for (let i = 1; i <= 5; i++) await schedule(`BRK-${i}`, [down, 'Bluedart Surface']);
      await h.drain();
      const breakerOf = async () => (await h.connector.breakers()).find((b) => b.account_code === down)!;
      expect(await breakerOf()).toMatchObject({ state: 'OPEN', consecutive_failures: 5, last_answer: { outcome: 'transient', http_status: 500 } });
      await schedule('BRK-6', [down, 'Bluedart Surface']);
      await h.drain();
      const skipped = await get('BRK-6');
      expect(skipped.status).toBe('BOOKED');
      expect(skipped.attempts[0]).toMatchObject({ outcome: 'SKIPPED', message: expect.stringMatching(/paused until .* after 5 consecutive failures/) });
      expect(h.sandbox.ledger.callsFor('BRK-6').createCalls).toBe(0); // never sent
      // after the pause: one probe, which fails again and reopens the breaker
      await h.advance(5 * MIN);
      await schedule('BRK-7', [down, 'Bluedart Surface']);
      await h.drain();
      expect(h.sandbox.ledger.callsFor('BRK-7').createCalls).toBeGreaterThan(0);
      expect(await breakerOf()).toMatchObject({ state: 'OPEN' });
      // an operator closes it: the next attempt calls again
      await h.connector.closeBreaker({ courier_partner_id: 4, account_code: down });
      expect(await breakerOf()).toMatchObject({ state: 'CLOSED', consecutive_failures: 0 });
      await schedule('BRK-8', [down, 'Bluedart Surface']);
      await h.drain();
      expect(h.sandbox.ledger.callsFor('BRK-8').createCalls).toBeGreaterThan(0);
    });

    it('a create-order whose earlier run may have reached ClickPost is sent again even while its account is paused: the order it placed books at P1, none at P2', async () => {
      // Another node's run places the order, then fails before the answer is written (a
      // kill does the same, its lease running out): the row comes back, claimed a second time.
      const placeThenFail = async (effect: EffectRow) => {
        const row = (await findShipmentByCode(h.connector.db, 'RSD-1'))!;
        const shipment = { id: row.id, shipment_code: row.shipment_code, body: row.body as ShipmentInput, settings: DEFAULT_MAPPING_SETTINGS };
        const api = createClickPostApi(createClickPostClient({ baseUrl: h.sandbox.url, username: 'harness', key: 'sk_test_HARNESS_k3y' }));
        await runCreateOrder({ api, effect: effect as Parameters<typeof runCreateOrder>[0]['effect'], shipment });
        throw new Error('the node died before the answer was written');
      };
      const failing = await h.reopen({ worker: { sideEffects: { create_order: placeThenFail } } });
      await schedule('RSD-1', ['Delhivery B2B', 'Bluedart Surface']);
      await failing.worker.tick();
      expect(h.sandbox.ledger.order('RSD-1')?.state).toBe('live');
      // Meanwhile the account's breaker opened (other shipments' calls failed).
      const now = h.clock.now();
      await saveBreaker(h.connector.db, { courier_partner_id: 4, account_code: 'Delhivery B2B' }, { state: 'OPEN', consecutive_failures: 5, open_until: now + 5 * MIN, probe_until: null }, null, now);
      await h.advance(2_000);
      const s = await get('RSD-1');
      expect(s.status).toBe('BOOKED');
      expect(s.provider?.priority).toBe(1);
      expect(s.parent_awb).toBe(h.sandbox.ledger.order('RSD-1')!.waybill);
      expect(h.sandbox.ledger.callsFor('RSD-1').createCalls).toBe(2);
      expect(h.sandbox.ledger.callsFor('RSD-1-P2').createCalls).toBe(0);
      expect(h.sandbox.ledger.liveOrdersByShipment().get('RSD-1')).toHaveLength(1);
    });

    it('readiness names each check and shows the breakers; a stuck backlog makes it not ready', async () => {
      await schedule('RDY-1', ['Delhivery B2B']);
      await h.drain();
      const idle = await h.connector.readiness();
      expect(idle.checks.map((c) => [c.name, c.ok])).toEqual([
        ['database', true], ['workers', false], ['timers_overdue', true], ['effects_overdue', true], ['effects_dead', true], ['timers_dead', true],
      ]);
      expect(idle.breakers).toEqual([expect.objectContaining({ account_code: 'Delhivery B2B', state: 'CLOSED', last_answer: expect.objectContaining({ outcome: 'booked', meta_status: 200 }) })]);
      await schedule('RDY-2', ['Delhivery B2B']); // its START timer is due now and nobody works it off
      h.clock.advance(2 * MIN);
      const stuck = await h.connector.readiness();
      expect(stuck.ready).toBe(false);
      expect(stuck.checks.find((c) => c.name === 'timers_overdue')).toMatchObject({ ok: false, detail: expect.stringMatching(/^1 timer/) });
    });

    it('rounds run out: after the last round the shipment is FAILED', async () => {
      h.sandbox.setDown(true);
      await schedule('DOWNLONG', ['Delhivery B2B']);
      await h.drain();
      for (const wait of [15, 30, 60]) {
        expect((await get('DOWNLONG')).status).toBe('RETRY_WAIT');
        await h.advance(wait * MIN);
      }
      const s = await get('DOWNLONG');
      expect(s.status).toBe('FAILED');
      expect(s.error?.attempts[0]?.message).toMatch(/503/);
    });
  });

  describe('cancel', () => {
    it('a BOOKED shipment is cancelled at ClickPost', async () => {
      await schedule('C-1', ['Delhivery B2B']);
      await h.drain();
      await h.connector.cancel('C-1');
      await h.drain();
      expect((await get('C-1')).status).toBe('CANCELLED');
      expect(h.sandbox.ledger.order('C-1')?.state).toBe('cancelled');
      // cancelling twice is fine
      expect((await h.connector.cancel('C-1')).status).toBe('CANCELLED');
    });

    it('a LABEL_REQUESTED shipment stops polling at once', async () => {
      await schedule('C-2', ['SBX_ASYNC_NEVER']);
      await h.drain();
      await h.advance(2 * MIN);
      const s = await h.connector.cancel('C-2');
      expect(s.status).toBe('CANCELLED');
      const row = await findShipmentByCode(h.connector.db, 'C-2');
      expect((await listTimers(h.connector.db, row!.id)).map((t) => t.timer_key)).not.toContain('labelPoll');
      for (let i = 0; i < 6; i++) await h.advance(2 * MIN);
      expect(h.sandbox.ledger.order('C-2')?.pollHits).toBe(1);
    });

    it('a FAILED shipment cannot be cancelled', async () => {
      await schedule('C-3', ['SBX_ERR_319']);
      await h.drain();
      await expect(h.connector.cancel('C-3')).rejects.toMatchObject({ code: 'not_cancellable', httpStatus: 409 });
    });
  });

  describe('restart', () => {
    it('overdue polls run at once after a restart, and the poll budget is not reset', async () => {
      await schedule('R-1', ['SBX_ASYNC_NEVER', 'Bluedart Surface']);
      await h.drain();
      await h.advance(2 * MIN);
      await h.advance(2 * MIN); // 2 polls done
      await h.connector.stop(); // the process goes away...
      h.clock.advance(45 * MIN); // ...for 45 minutes
      const again = await h.reopen();
      await again.worker.drain();
      // one overdue poll at once (not the 20 the downtime "owed"), then the schedule goes on
      expect(h.sandbox.ledger.order('R-1')!.pollHits).toBe(3);
      for (let i = 0; i < 10; i++) {
        h.clock.advance(2 * MIN);
        await again.worker.drain();
      }
      expect(h.sandbox.ledger.order('R-1')!.pollHits).toBe(6);
      expect((await again.get('R-1')).attempts[0]).toMatchObject({ outcome: 'LABEL_TIMEOUT', polls: 6 });
    });

    it('a create-order in flight when the worker died is resent with the same reference: one order', async () => {
      await schedule('R-2', ['Delhivery B2B']);
      await h.drain(); // runs the START timer, then the effect
      const row = await findShipmentByCode(h.connector.db, 'R-2');
      // Simulate the crash: put the effect back as if claimed by a dead worker whose lease ran out.
      const [effect] = await listEffects(h.connector.db, { shipment_id: row!.id, kind: 'create_order' });
      await h.connector.db('effects').where({ id: effect!.id }).update({ status: 'PENDING', locked_by: 'gone:1:x', locked_until: h.clock.now() - 1 });
      await h.drain();
      expect(h.sandbox.ledger.order('R-2')!.createCalls).toBe(2);
      expect(h.sandbox.ledger.orders().filter((o) => o.shipmentCode === 'R-2')).toHaveLength(1);
      expect((await get('R-2')).status).toBe('BOOKED');
    });
  });

  it('the key never reaches api_calls', async () => {
    await h.connector.updateSettings({ username: 'acme', key: 'sk_live_SECRET_9q8w', pickup_after_minutes: 30, appointment_after_days: 2 });
    await schedule('K-1', ['SBX_HTTP500_1']);
    await h.drain();
    const rows = await h.connector.db('api_calls').select();
    expect(rows.length).toBeGreaterThan(1);
    const text = JSON.stringify(rows);
    expect(text).toContain('[REDACTED]'); // the key parameter was there, masked
    expect(text).not.toContain('sk_test_HARNESS_k3y'); // the key in force (from the environment)
    expect(text).not.toContain('sk_live_SECRET_9q8w'); // the saved one
  });
});
