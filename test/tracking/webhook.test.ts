import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ClickPostApi } from '../../src/clickpost/api.js';
import { ManualClock } from '../../src/clock.js';
import { UnauthorizedError, ValidationError } from '../../src/errors.js';
import type { Tx } from '../../src/store/db.js';
import { createTrackingService, type LatestChange, type TrackingHooks } from '../../src/tracking/tracking-service.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { allEvents, capturingLogger, DAY, HOUR, seedShipment, T0, webhookBody } from './setup.js';

const KEY = 'whk-7f3a9c21-secret';
const noApi = async (): Promise<ClickPostApi> => {
  throw new Error('no ClickPost in webhook tests');
};

let t: TestDb;
let clock: ManualClock;
beforeEach(async () => {
  t = await openTestDb('sqlite');
  clock = new ManualClock(T0);
});
afterEach(async () => {
  await t.close();
});

function service(options: { webhookKey?: string | null; hooks?: TrackingHooks } = {}) {
  const { logger, lines } = capturingLogger();
  const svc = createTrackingService({
    db: t.db, clock, logger, webhookKey: options.webhookKey === undefined ? KEY : options.webhookKey, clickpost: noApi,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  return { svc, lines };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('webhook authentication', () => {
  const body = webhookBody('AWB-1', 5, T0 - HOUR);

  it.each([
    ['no header', {}],
    ['an empty header', { webhook_key: '' }],
    ['a wrong key of the same length', { webhook_key: KEY.replace('secret', 'sacret') }],
    ['a shorter key', { webhook_key: KEY.slice(0, 5) }],
    ['a longer key', { webhook_key: `${KEY}-and-more` }],
    ['the key twice', { webhook_key: [KEY, KEY] }],
    ['the key in another header', { 'webhook-key': KEY, 'x-webhook-key': KEY }],
    ['a wrong Authorization', { authorization: `${KEY}x` }],
    ['the key as a Basic user name, not the password', { authorization: `Basic ${Buffer.from(`${KEY}:wrong`).toString('base64')}` }],
    ['an unknown scheme', { authorization: `Token ${KEY}` }],
    ['an empty Authorization', { authorization: '' }],
  ])('answers 401 and stores nothing with %s', async (_name, headers) => {
    const { svc } = service();
    const err = await rejection(svc.handleWebhook(headers as Record<string, string | string[]>, body));
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).httpStatus).toBe(401);
    expect(await allEvents(t.db)).toHaveLength(0);
  });

  it('answers 401 to every request when no WEBHOOK_KEY is configured', async () => {
    for (const webhookKey of [null, '']) {
      const { svc } = service({ webhookKey });
      expect(await rejection(svc.handleWebhook({ webhook_key: '' }, body))).toBeInstanceOf(UnauthorizedError);
      expect(await rejection(svc.handleWebhook({ webhook_key: 'anything' }, body))).toBeInstanceOf(UnauthorizedError);
    }
    expect(await allEvents(t.db)).toHaveLength(0);
  });

  it('accepts the key under a header name of any case and never logs it', async () => {
    const { svc, lines } = service();
    expect((await svc.handleWebhook({ WEBHOOK_KEY: KEY }, body)).stored).toBe(true);
    await rejection(svc.handleWebhook({ webhook_key: `${KEY}x` }, webhookBody('AWB-1', 6, T0)));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(KEY);
    expect(await allEvents(t.db)).toHaveLength(1);
  });

  it.each([
    ['the bare key', KEY],
    ['Bearer <key>', `Bearer ${KEY}`],
    ['Basic base64(user:key)', `Basic ${Buffer.from(`clickpost:${KEY}`).toString('base64')}`],
    ['Basic base64(:key)', `Basic ${Buffer.from(`:${KEY}`).toString('base64')}`],
    ['Basic base64(key)', `Basic ${Buffer.from(KEY).toString('base64')}`],
    ['a lower-case scheme and spaces around', `  basic ${Buffer.from(`u:${KEY}`).toString('base64')} `],
  ])('accepts the key in Authorization as %s ("basic token auth", slate _track.md)', async (_name, value) => {
    const { svc, lines } = service();
    expect((await svc.handleWebhook({ Authorization: value }, body)).stored).toBe(true);
    expect(await allEvents(t.db)).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('a wrong webhook_key does not spoil a right Authorization, nor the other way round', async () => {
    const { svc } = service();
    expect((await svc.handleWebhook({ webhook_key: 'wrong', authorization: `Bearer ${KEY}` }, body)).stored).toBe(true);
    expect((await svc.handleWebhook({ webhook_key: KEY, authorization: 'Bearer wrong' }, body)).duplicate).toBe(true);
  });

  it('checks the key before the payload: a bad body with a bad key is 401', async () => {
    const { svc } = service();
    expect(await rejection(svc.handleWebhook({}, { nonsense: true }))).toBeInstanceOf(UnauthorizedError);
  });
});

describe('webhook payloads', () => {
  const auth = { webhook_key: KEY };

  it('answers 400 invalid_webhook naming the fields, and stores nothing', async () => {
    const { svc } = service();
    for (const bad of [{ waybill: 'AWB-1', clickpost_status_code: 'six', timestamp: 'later' }, 'not an object', null]) {
      const err = await rejection(svc.handleWebhook(auth, bad));
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).code).toBe('invalid_webhook');
      expect((err as ValidationError).httpStatus).toBe(400);
      expect((err as ValidationError).fields.length).toBeGreaterThan(0);
    }
    const err = (await rejection(svc.handleWebhook(auth, { waybill: 'AWB-1', clickpost_status_code: 'six', timestamp: 'later' }))) as ValidationError;
    expect(err.fields.map((f) => f.path)).toEqual(['clickpost_status_code', 'timestamp']);
    // A status code beyond its integer column is refused as such, never a failed write.
    const huge = (await rejection(svc.handleWebhook(auth, webhookBody('AWB-1', 2 ** 31, T0)))) as ValidationError;
    expect(huge.fields.map((f) => f.path)).toEqual(['clickpost_status_code']);
    expect(await allEvents(t.db)).toHaveLength(0);
  });

  it('stores an event once when it is sent twice (no order_status_id)', async () => {
    await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1' });
    const { svc } = service();
    const body = webhookBody('AWB-1', 5, T0 - HOUR);
    expect(await svc.handleWebhook(auth, body)).toEqual({ stored: true, duplicate: false, stale: false, shipment_code: 'SHP-1' });
    expect(await svc.handleWebhook(auth, { ...body, remark: 'sent again' })).toEqual({ stored: false, duplicate: true, stale: false, shipment_code: 'SHP-1' });
    const rows = await allEvents(t.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ remark: 'remark 5', source: 'webhook', received_at: T0 });
  });

  it('dedupes by order_status_id even when the rest differs', async () => {
    await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1' });
    const { svc } = service();
    await svc.handleWebhook(auth, webhookBody('AWB-1', 5, T0 - 2 * HOUR, { order_status_id: 991 }));
    const again = await svc.handleWebhook(auth, webhookBody('AWB-1', 5, T0 - HOUR, { additional: { order_status_id: '991' } }));
    expect(again.duplicate).toBe(true);
    expect((await allEvents(t.db)).map((r) => r.dedupe_key)).toEqual(['991']);
  });

  it('flags an event 2 days old as stale, and one an hour old as not', async () => {
    await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1' });
    const { svc } = service();
    expect((await svc.handleWebhook(auth, webhookBody('AWB-1', 4, T0 - 2 * DAY))).stale).toBe(true);
    expect((await svc.handleWebhook(auth, webhookBody('AWB-1', 5, T0 - HOUR))).stale).toBe(false);
    expect((await allEvents(t.db)).map((r) => r.stale)).toEqual([true, false]);
    const view = await svc.tracking('SHP-1');
    expect(view.events.map((e) => e.stale)).toEqual([true, false]);
  });

  it('stores an unknown AWB with no shipment, answers it, and warns', async () => {
    const { svc, lines } = service();
    expect(await svc.handleWebhook(auth, webhookBody('NOBODY-1', 5, T0))).toEqual({ stored: true, duplicate: false, stale: false, shipment_code: null });
    const rows = await allEvents(t.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ awb: 'NOBODY-1', shipment_id: null });
    const warn = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.level === 'warn');
    expect(warn).toMatchObject({ awb: 'NOBODY-1' });
  });

  it('maps a box child AWB to its shipment', async () => {
    const id = await seedShipment(t.db, 'SHP-2', { parentAwb: 'P-2', childAwbs: ['P-2_1', 'P-2_2'] });
    await seedShipment(t.db, 'SHP-3', { parentAwb: 'P-3', childAwbs: ['P-3_1'] });
    const { svc } = service();
    expect((await svc.handleWebhook(auth, webhookBody('P-2_2', 5, T0 - HOUR))).shipment_code).toBe('SHP-2');
    expect((await allEvents(t.db))[0]!.shipment_id).toBe(id);
  });
});

describe('latest event and onLatestChanged', () => {
  const auth = { webhook_key: KEY };

  function recordingHooks() {
    const calls: Array<{ change: LatestChange; now: number; seenInTrx: boolean; isTrx: boolean }> = [];
    const hooks: TrackingHooks = {
      async onLatestChanged(trx: Tx, change, now) {
        // The event is visible through trx: the hook runs inside the storing transaction.
        const row = await trx('tracking_events').where({ shipment_id: change.shipment_id, event_time: Date.parse(change.event.timestamp) }).first();
        calls.push({ change, now, seenInTrx: row !== undefined, isTrx: trx.isTransaction === true });
      },
    };
    return { calls, hooks };
  }

  it('keeps latest = newest event time when events arrive out of order, and calls the hook only when it changes', async () => {
    const id = await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1', childAwbs: ['AWB-1_1'] });
    const { calls, hooks } = recordingHooks();
    const { svc } = service({ hooks });
    const at = (h: number) => T0 - 10 * HOUR + h * HOUR;
    await svc.handleWebhook(auth, webhookBody('AWB-1', 5, at(3))); // newest first: latest
    await svc.handleWebhook(auth, webhookBody('AWB-1', 1, at(1))); // older: no change
    await svc.handleWebhook(auth, webhookBody('AWB-1_1', 4, at(2))); // older, on a child: no change
    await svc.handleWebhook(auth, webhookBody('AWB-1', 5, at(3))); // duplicate: no change
    expect(calls.map((c) => c.change.event.status_code)).toEqual([5]);
    clock.advance(HOUR);
    await svc.handleWebhook(auth, webhookBody('AWB-1_1', 6, at(4))); // newer: changes
    expect(calls.map((c) => c.change.event.status_code)).toEqual([5, 6]);
    expect(calls[1]).toMatchObject({
      now: T0 + HOUR, seenInTrx: true, isTrx: true,
      change: { shipment_id: id, shipment_code: 'SHP-1', awb: 'AWB-1_1', event: { status_code: 6, bucket: 4, timestamp: new Date(at(4)).toISOString(), stale: false } },
    });
    expect(calls[0]!.seenInTrx).toBe(true);

    const view = await svc.tracking('SHP-1');
    expect(view.awb).toBe('AWB-1');
    expect(view.latest).toEqual(view.events.at(-1));
    expect(view.latest?.status_code).toBe(6);
    expect(view.events.map((e) => e.status_code)).toEqual([1, 4, 5, 6]);
    expect(view.events.map((e) => e.timestamp)).toEqual([1, 2, 3, 4].map((h) => new Date(at(h)).toISOString()));
  });

  it('does not call the hook for an unknown AWB', async () => {
    const { calls, hooks } = recordingHooks();
    const { svc } = service({ hooks });
    await svc.handleWebhook(auth, webhookBody('NOBODY', 5, T0));
    expect(calls).toHaveLength(0);
  });

  it('is atomic: a hook that throws leaves nothing stored and rejects the webhook', async () => {
    await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1' });
    let fail = true;
    const hooks: TrackingHooks = {
      async onLatestChanged(trx) {
        // Written in the same transaction, so it must vanish too.
        await trx('settings').insert({ key: 'hook-mark', value: '1', updated_at: T0 });
        if (fail) throw new Error('callback outbox down');
      },
    };
    const { svc } = service({ hooks });
    const body = webhookBody('AWB-1', 5, T0 - HOUR);
    const err = await rejection(svc.handleWebhook(auth, body));
    expect((err as Error).message).toBe('callback outbox down');
    expect(await allEvents(t.db)).toHaveLength(0);
    expect(await t.db('settings').where({ key: 'hook-mark' })).toHaveLength(0);

    // ClickPost retries; now it goes through, once.
    fail = false;
    expect((await svc.handleWebhook(auth, body)).stored).toBe(true);
    expect(await allEvents(t.db)).toHaveLength(1);
    expect(await t.db('settings').where({ key: 'hook-mark' })).toHaveLength(1);
  });
});

describe('webhooks that arrive together', () => {
  const auth = { webhook_key: KEY };

  it('commit together: each answered with its own result after the commit, in fewer transactions than webhooks', async () => {
    await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1' });
    await seedShipment(t.db, 'SHP-2', { parentAwb: 'AWB-2' });
    const { calls, hooks } = (() => {
      const seen: string[] = [];
      return { calls: seen, hooks: { async onLatestChanged(_trx: Tx, change: LatestChange) { seen.push(`${change.shipment_code}:${change.event.status_code}`); } } satisfies TrackingHooks };
    })();
    const { svc } = service({ hooks });
    let transactions = 0;
    const countBegin = (q: { sql: string }) => { if (/^begin/i.test(q.sql)) transactions++; };
    t.db.on('query', countBegin);
    const at = (h: number) => T0 - 10 * HOUR + h * HOUR;
    // 40 scans of two shipments, plus one of them sent twice, all at once.
    const bodies = [...Array.from({ length: 40 }, (_, i) => webhookBody(i % 2 ? 'AWB-2' : 'AWB-1', 1 + (i % 20), at(i / 10))), webhookBody('AWB-1', 1, at(0))];
    const results = await Promise.all(bodies.map((b) => svc.handleWebhook(auth, b)));
    t.db.off('query', countBegin);

    expect(results.map((r) => r.shipment_code)).toEqual(bodies.map((b) => (b.waybill === 'AWB-2' ? 'SHP-2' : 'SHP-1')));
    expect(results.filter((r) => r.stored)).toHaveLength(40);
    expect(results.at(-1)).toMatchObject({ stored: false, duplicate: true }); // the same scan again
    expect(await allEvents(t.db)).toHaveLength(40);
    expect(transactions).toBeGreaterThan(0);
    expect(transactions).toBeLessThan(bodies.length / 2);
    // The hook saw each shipment's newest scan last.
    expect(calls.filter((c) => c.startsWith('SHP-1')).at(-1)).toBe('SHP-1:19');
    expect(calls.filter((c) => c.startsWith('SHP-2')).at(-1)).toBe('SHP-2:20');
  });

  it('one that cannot be written fails alone; the others sent with it are stored', async () => {
    await seedShipment(t.db, 'SHP-1', { parentAwb: 'AWB-1' });
    await seedShipment(t.db, 'SHP-2', { parentAwb: 'AWB-2' });
    const hooks: TrackingHooks = {
      async onLatestChanged(_trx, change) {
        if (change.shipment_code === 'SHP-2') throw new Error('callback outbox down');
      },
    };
    const { svc } = service({ hooks });
    const at = (h: number) => T0 - 10 * HOUR + h * HOUR;
    const bodies = [webhookBody('AWB-1', 1, at(1)), webhookBody('AWB-2', 1, at(1)), webhookBody('AWB-1', 2, at(2)), webhookBody('AWB-1', 3, at(3))];
    const settled = await Promise.allSettled(bodies.map((b) => svc.handleWebhook(auth, b)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await allEvents(t.db)).map((e) => [e.awb, e.status_code])).toEqual([['AWB-1', 1], ['AWB-1', 2], ['AWB-1', 3]]);
  });
});
