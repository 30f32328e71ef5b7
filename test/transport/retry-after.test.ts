/**
 * A 429's Retry-After is a floor: the client never tries again sooner, even past its own
 * maxDelayMs, and a wait too long to sit out inside one call ends the call instead. Either
 * way the worker running the call hears how long (onRetryAfter, by idempotency key), to pause that
 * account. A loopback server answers 429 with the header under test, then 200.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/clock.js';
import { createClickPostClient, MAX_IN_CALL_RETRY_AFTER_MS } from '../../src/transport/client.js';
import { onRetryAfter } from '../../src/transport/rate-limit.js';
import type { ClickPostRequest } from '../../src/transport/types.js';

const clock = new ManualClock(Date.parse('2026-11-23T05:00:00Z'));
let server: Server;
let url = '';
/** Retry-After of the next 429s; each request takes one, none left: 200. */
const throttles: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const retryAfter = throttles.shift();
    if (retryAfter !== undefined) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
      res.end('{"detail":"Request was throttled."}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"meta":{"status":200,"message":"ok","success":true},"result":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const request: ClickPostRequest = { endpoint: 'poll-order', method: 'GET', path: '/api/v3/create-order/', query: { reference_number: 'RA-1' }, idempotencyKey: 'label_poll:RA-1:1' };

/** Sends while listening for Retry-After reports; answers the response and what was heard. */
async function sendHearing(c: ReturnType<typeof client>) {
  const heard: Array<[string, number]> = [];
  const stop = onRetryAfter((key, ms) => heard.push([key, ms]));
  try {
    return { response: await c.send(request), heard };
  } finally {
    stop();
  }
}

function client(delays: number[]) {
  return createClickPostClient({
    baseUrl: url,
    username: 'acme',
    key: 'k3y-retry-after',
    clock,
    retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20 },
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
  });
}

describe('Retry-After on 429', () => {
  it('waits at least the seconds it names, past maxDelayMs, and tells the running worker', async () => {
    const delays: number[] = [];
    throttles.push('12');
    const { response, heard } = await sendHearing(client(delays));
    expect(response).toMatchObject({ ok: true, retries: 1 });
    expect(delays).toEqual([12_000]); // maxDelayMs is 20: the header wins
    expect(heard).toEqual([['label_poll:RA-1:1', 12_000]]);
  });

  it('reads an HTTP date', async () => {
    const delays: number[] = [];
    throttles.push(new Date(clock.now() + 7_000).toUTCString());
    expect(await client(delays).send(request)).toMatchObject({ ok: true, retries: 1 });
    expect(delays).toEqual([7_000]);
  });

  it('ends the call when the wait is longer than one call may sit out; the worker hears it', async () => {
    const delays: number[] = [];
    throttles.push(String(MAX_IN_CALL_RETRY_AFTER_MS / 1000 + 60));
    const { response, heard } = await sendHearing(client(delays));
    expect(response).toMatchObject({ ok: false, retries: 0 });
    expect(delays).toEqual([]);
    expect(heard).toEqual([['label_poll:RA-1:1', MAX_IN_CALL_RETRY_AFTER_MS + 60_000]]);
    throttles.length = 0;
  });

  it('a short Retry-After keeps the usual smallest wait; nobody listening is fine', async () => {
    const delays: number[] = [];
    throttles.push('0');
    expect(await client(delays).send(request)).toMatchObject({ ok: true, retries: 1 });
    expect(delays).toEqual([1]);
  });
});
