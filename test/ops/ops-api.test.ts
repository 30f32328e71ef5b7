/**
 * /v1/ops/*: the board's filters, counts and pages on every database the run offers, a
 * shipment's story, and "Test connection" naming what failed (authentication, network) or
 * saying it connected, over real loopback HTTP to the in-repo sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { testDatabases } from '../helpers/db.js';
import { exampleShipment } from '../helpers/shipments.js';
import { boardPage } from '../../src/ops/board-data.js';
import { shipmentStory } from '../../src/ops/story-data.js';
import { startHttp, type HttpHarness } from '../http/helpers/http-harness.js';

describe.each(testDatabases())('the board on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
    for (const [code, accounts] of [['BRD-1', ['Delhivery B2B']], ['BRD-2', ['Delhivery B2B']], ['BRD-3', ['SBX_ERR_319']], ['brd_4x', ['SBX_ASYNC_NEVER']]] as const) {
      await h.connector.schedule(exampleShipment(code, [...accounts], 2));
      await h.drain();
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts per status, pages with a total, and says whether anything still moves', async () => {
    const all = await boardPage(h.connector.db, { page_size: 3 });
    expect(all.counts).toEqual({ BOOKED: 2, FAILED: 1, LABEL_REQUESTED: 1 });
    expect([all.total, all.pages, all.page, all.items.length]).toEqual([4, 2, 1, 3]);
    expect(all.items.map((i) => i.shipment_code)).toEqual(['brd_4x', 'BRD-3', 'BRD-2']);
    expect(all.live).toBe(true);
    const second = await boardPage(h.connector.db, { page_size: 3, page: 2 });
    expect(second.items.map((i) => i.shipment_code)).toEqual(['BRD-1']);
    const booked = await boardPage(h.connector.db, { status: 'BOOKED' });
    // Still live: the counts shown include the shipment waiting for its label.
    expect([booked.total, booked.live]).toEqual([2, true]);
    expect((await boardPage(h.connector.db, { q: 'BRD-2' })).live).toBe(false);
    expect(booked.items[0]).toMatchObject({ courier: 'Delhivery B2B', boxes: 2, child_awbs: [expect.any(String), expect.any(String)] });
    const failed = await boardPage(h.connector.db, { status: 'FAILED' });
    expect(failed.items[0]!.courier).toBe('cp 4 · SBX_ERR_319');
  });

  it('finds a shipment by part of its code, its parent AWB or a child AWB, and by India day', async () => {
    const booked = await h.connector.get('BRD-2');
    const byChild = await boardPage(h.connector.db, { q: booked.boxes[1]!.child_awb! });
    expect(byChild.items.map((i) => i.shipment_code)).toEqual(['BRD-2']);
    const byParent = await boardPage(h.connector.db, { q: booked.parent_awb! });
    expect(byParent.items.map((i) => i.shipment_code)).toEqual(['BRD-2']);
    expect((await boardPage(h.connector.db, { q: 'brd-' })).total).toBe(3);
    // LIKE wildcards in the text are plain characters.
    expect((await boardPage(h.connector.db, { q: 'd_4' })).items.map((i) => i.shipment_code)).toEqual(['brd_4x']);
    expect((await boardPage(h.connector.db, { q: 'brd%' })).total).toBe(0);
    expect((await boardPage(h.connector.db, { q: 'br_-' })).total).toBe(0);
    expect((await boardPage(h.connector.db, { from: '2026-11-23', to: '2026-11-23' })).total).toBe(4);
    expect((await boardPage(h.connector.db, { from: '2026-11-24' })).total).toBe(0);
    expect((await boardPage(h.connector.db, { to: '2026-11-22' })).total).toBe(0);
  });

  it("tells a shipment's story: each attempt with its calls, boxes with size and weight", async () => {
    await h.connector.schedule(exampleShipment('BRD-5', ['SBX_ERR_319', 'Delhivery B2B'], 2));
    await h.drain();
    const story = await shipmentStory(h.connector, 'BRD-5');
    expect(story.status).toBe('BOOKED');
    expect(story.attempts.map((a) => [a.priority, a.outcome])).toEqual([[1, 'ERROR'], [2, 'BOOKED']]);
    expect(story.attempts[0]!.calls.map((c) => [c.endpoint, c.meta_status])).toEqual([['create-order', 319]]);
    expect(story.attempts[1]!.calls.map((c) => [c.endpoint, c.meta_status])).toEqual([['create-order', 200]]);
    expect(story.boxes[1]).toMatchObject({ box_code: 'BRD-5-2', length_cm: 40, breadth_cm: 30, height_cm: 30, weight_g: 12500, child_awb: expect.any(String) });
    expect(story.live).toBe(false);
  });
});

describe('GET /v1/ops/board over HTTP', () => {
  it('names every wrong query field and answers the page otherwise', async () => {
    const t = await startHttp();
    try {
      const bad = await t.call('GET', '/v1/ops/board?from=2026-02-30&to=2026-13-01&page_size=500');
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { fields: Array<{ path: string }> };
      expect(body.fields.map((f) => f.path).sort()).toEqual(['from', 'page_size', 'to']);
      const ok = await t.call('GET', '/v1/ops/board?page=3&page_size=5');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ counts: {}, total: 0, page: 1, page_size: 5, pages: 1, live: false, items: [] });
    } finally {
      await t.close();
    }
  });
});

describe('Test connection', () => {
  const test = async (connector: object) => {
    const t = await startHttp({ connector });
    try {
      const res = await t.call('POST', '/v1/ops/connection-test');
      expect(res.status).toBe(200);
      return (await res.json()) as { ok: boolean; verdict: string; message: string; mode: string };
    } finally {
      await t.close();
    }
  };

  it('says connected when ClickPost accepts the Username and Key', async () => {
    const r = await test({});
    expect(r).toMatchObject({ ok: true, verdict: 'connected', mode: 'custom' });
  });

  it('says authentication failed when ClickPost refuses them', async () => {
    const r = await test({ env: { CONNECTOR_MASTER_KEY: 'a'.repeat(64) } });
    expect(r).toMatchObject({ ok: false, verdict: 'authentication' });
    expect(r.message).toMatch(/No Username and Key are saved/);
  });

  it('says what failed on the network when nothing answers', async () => {
    const r = await test({ clickpostBaseUrl: 'http://127.0.0.1:9' });
    expect(r).toMatchObject({ ok: false, verdict: 'network' });
    expect(r.message).toContain('Could not reach ClickPost at http://127.0.0.1:9');
    expect(r.message).not.toContain('sk_test_HARNESS_k3y');
  });
});
