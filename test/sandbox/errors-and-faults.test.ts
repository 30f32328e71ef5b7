import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { createPayload, poll, post } from './fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

/** One POST, read as text (the faults answer things that are not JSON). */
async function rawPost(body: unknown, signal?: AbortSignal): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${sandbox.url}/api/v3/create-order/?username=u&key=k`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('sandbox SBX_ERR_<code>', () => {
  it.each([
    // ClickPost's own wording (Clickpost/slate _error.md), not a paraphrase.
    [319, /^Error In Order Placing To Courier Partner/],
    [354, /^Unhandled CP error$/],
    [301, /^Authentication Failed: Invalid Token or API Key$/],
    [308, /^You have entered invalid Order priority$/],
    [322, /Try Again$/],
  ])('answers HTTP 200 meta %i on every create', async (code, message) => {
    const payload = createPayload({ reference: `ERR-${code}`, accountCode: `SBX_ERR_${code}` });
    for (let i = 0; i < 2; i += 1) {
      const { status, body } = await post(sandbox.url, payload);
      expect(status).toBe(200);
      expect(body.meta.status).toBe(code);
      expect(body.meta.success).toBe(false);
      expect(body.meta.message).toMatch(message);
    }
    expect(sandbox.ledger.order(`ERR-${code}`)!.state).toBe('failed');
    expect(sandbox.ledger.liveOrdersByShipment().size).toBe(0);
  });
});

describe('sandbox faults', () => {
  it('SBX_HTTP500_2: two HTTP 500 without placing anything, then a normal synchronous success', async () => {
    const payload = createPayload({ reference: 'F-500', accountCode: 'SBX_HTTP500_2' });
    expect((await rawPost(payload)).status).toBe(500);
    expect(sandbox.ledger.order('F-500')).toBeUndefined();
    expect((await rawPost(payload)).status).toBe(500);
    const third = await post(sandbox.url, payload);
    expect(third.body.meta.status).toBe(200);
    expect(sandbox.ledger.order('F-500')).toMatchObject({ state: 'live', createCalls: 3 });
  });

  it('SBX_HTTP500_ALWAYS: 500 on every try, no order', async () => {
    const payload = createPayload({ reference: 'F-500A', accountCode: 'SBX_HTTP500_ALWAYS' });
    for (let i = 0; i < 5; i += 1) expect((await rawPost(payload)).status).toBe(500);
    expect(sandbox.ledger.order('F-500A')).toBeUndefined();
    expect(sandbox.ledger.callsFor('F-500A').createCalls).toBe(5);
  });

  it('SBX_429_1: 429 with Retry-After 0, then success', async () => {
    const payload = createPayload({ reference: 'F-429', accountCode: 'SBX_429_1' });
    const first = await rawPost(payload);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('0');
    expect((await post(sandbox.url, payload)).body.meta.status).toBe(200);
  });

  it('SBX_GARBAGE_2: unreadable bodies with HTTP 200 (the order is placed meanwhile), then 323 with the waybill', async () => {
    const payload = createPayload({ reference: 'F-GRB', accountCode: 'SBX_GARBAGE_2' });
    const cut = await rawPost(payload);
    expect(cut.status).toBe(200);
    expect(cut.text.startsWith('{"meta"')).toBe(true);
    expect(parses(cut.text)).toBe(false);
    const html = await rawPost(payload);
    expect(html.status).toBe(200);
    expect(parses(html.text)).toBe(false);
    const third = await post(sandbox.url, payload);
    expect(third.body.meta.status).toBe(323);
    expect(third.body.result.waybill).toBe(sandbox.ledger.order('F-GRB')!.waybill);
    expect(sandbox.ledger.orders()).toHaveLength(1);
  });

  it('SBX_GARBAGE_3: the third garbled answer is cut short on the wire', async () => {
    const payload = createPayload({ reference: 'F-CUT', accountCode: 'SBX_GARBAGE_3' });
    await rawPost(payload);
    await rawPost(payload);
    await expect(rawPost(payload)).rejects.toThrow();
  });

  it('SBX_RESET_1: the first try has its socket destroyed, the second books', async () => {
    const payload = createPayload({ reference: 'F-RST', accountCode: 'SBX_RESET_1' });
    await expect(rawPost(payload)).rejects.toThrow();
    expect(sandbox.ledger.order('F-RST')).toBeUndefined();
    expect((await post(sandbox.url, payload)).body.meta.status).toBe(200);
  });

  it('SBX_SLOW_<ms>_1: the first answer is held back (the order is placed meanwhile); the retry gets 323', async () => {
    const payload = createPayload({ reference: 'F-SLOW', accountCode: 'SBX_SLOW_3000_1' });
    await expect(rawPost(payload, AbortSignal.timeout(150))).rejects.toThrow();
    const retry = await post(sandbox.url, payload);
    expect(retry.body.meta.status).toBe(323);
    expect(sandbox.ledger.orders()).toHaveLength(1);
  });

  it('SBX_POLLGARBAGE_1 combined with SBX_ASYNC_2: the first poll is unreadable, the second books', async () => {
    await post(sandbox.url, createPayload({ reference: 'F-PG', accountCode: 'SBX_ASYNC_2+SBX_POLLGARBAGE_1' }));
    const res = await fetch(`${sandbox.url}/api/v3/create-order/?username=u&key=k&reference_number=F-PG`);
    expect(parses(await res.text())).toBe(false);
    expect((await poll(sandbox.url, 'F-PG')).body.meta.status).toBe(200);
  });
});
