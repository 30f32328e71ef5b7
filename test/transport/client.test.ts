import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import winston from 'winston';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/logger.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import type { Db } from '../../src/store/db.js';
import { readCreateAnswer, readMetaAnswer } from '../../src/clickpost/classify.js';
import { createClickPostClient, type ClickPostClientOptions } from '../../src/transport/client.js';
import type { ClickPostRequest, ClickPostResponse } from '../../src/transport/types.js';
import { createPayload } from '../sandbox/fixtures.js';
import { sandboxAndApiCalls } from '../helpers/sandbox-and-api-calls.js';

const KEY = 'sk_live_SECRET_7f3a';
let sandbox: Sandbox;
let db: Db;
let lines: string[] = [];
const errors: unknown[] = [];

const logger = createLogger({
  level: 'debug',
  transports: [
    new winston.transports.Stream({
      stream: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    }),
  ],
});

const rig = sandboxAndApiCalls();
beforeAll(() => {
  ({ sandbox, db } = rig);
});
beforeEach(() => {
  lines = [];
});
// The key must be absent from every row, every log line and every error of every test.
afterEach(async () => {
  const rows = await db('api_calls').select();
  expect(JSON.stringify(rows)).not.toContain(KEY);
  expect(lines.join('\n')).not.toContain(KEY);
  for (const e of errors.splice(0)) {
    expect(inspect(e, { depth: 5, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(e)).not.toContain(KEY);
  }
});

function client(overrides: Partial<ClickPostClientOptions> = {}) {
  return createClickPostClient({
    baseUrl: sandbox.url,
    username: 'acme',
    key: KEY,
    retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20 },
    recorder: async (row) => {
      await db('api_calls').insert(row);
    },
    logger,
    ...overrides,
  });
}

function createRequest(reference: string, accountCode: string, extra: Partial<ClickPostRequest> = {}): ClickPostRequest {
  return {
    endpoint: 'create-order',
    method: 'POST',
    path: '/api/v3/create-order/',
    read: readCreateAnswer, // what the answer means is the mapping layer's reading
    body: createPayload({ reference, accountCode }),
    referenceNumber: reference,
    shipmentId: 7,
    ...extra,
  };
}

async function send(c: ReturnType<typeof client>, request: ClickPostRequest): Promise<ClickPostResponse> {
  const response = await c.send(request);
  if (!response.ok) errors.push(response.error);
  return response;
}

function rowsFor(reference: string) {
  return db('api_calls').where({ reference_number: reference }).orderBy('id');
}

describe('ClickPost client over a real socket', () => {
  it('retries two HTTP 500s with the same request, then succeeds: 3 rows, retry_number 0,1,2', async () => {
    const response = await send(client(), createRequest('RT-1', 'SBX_HTTP500_2'));
    expect(response).toMatchObject({ ok: true, httpStatus: 200, retries: 2 });
    const rows = await rowsFor('RT-1');
    expect(rows.map((r) => r.retry_number)).toEqual([0, 1, 2]);
    expect(rows.map((r) => r.http_status)).toEqual([500, 500, 200]);
    expect(rows.map((r) => r.error_kind)).toEqual(['ERR_CLICKPOST_HTTP', 'ERR_CLICKPOST_HTTP', null]);
    expect(rows.map((r) => Boolean(r.failed))).toEqual([true, true, false]);
    expect(rows.map((r) => r.meta_status)).toEqual([null, null, 200]);
    expect(rows[0]).toMatchObject({ shipment_id: 7, endpoint: 'create-order', method: 'POST' });
    expect(rows[0].url).toBe(`${sandbox.url}/api/v3/create-order/?username=acme&key=[REDACTED]`);
    expect(JSON.parse(rows[2].request_body).shipment_details.reference_number).toBe('RT-1');
    // The sandbox saw the same reference and the same body each time, and placed one order.
    const posts = sandbox.ledger.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.reference)).toEqual(['RT-1', 'RT-1', 'RT-1']);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
    expect(posts[2]!.body).toEqual(posts[0]!.body);
    expect(posts.every((r) => r.query.username === 'acme' && r.hasKey)).toBe(true);
    expect(sandbox.ledger.order('RT-1')).toMatchObject({ createCalls: 3, state: 'live' });
    expect(lines.filter((l) => l.includes('clickpost try'))).toHaveLength(3);
  });

  it('gives up after the first try and 3 retries when every answer is HTTP 500', async () => {
    const response = await send(client(), createRequest('RT-2', 'SBX_HTTP500_ALWAYS'));
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.retries).toBe(3);
    expect(response.error).toMatchObject({ code: 'ERR_CLICKPOST_HTTP', httpStatus: 500, retryable: true, name: 'ClickPostHttpError' });
    const rows = await rowsFor('RT-2');
    expect(rows.map((r) => r.retry_number)).toEqual([0, 1, 2, 3]);
    expect(rows.every((r) => Boolean(r.failed))).toBe(true);
    expect(rows[3].response_body).toContain('Server Error');
    expect(sandbox.ledger.callsFor('RT-2').createCalls).toBe(4);
    expect(lines.some((l) => l.includes('gave up') && l.includes('"warn"'))).toBe(true);
  });

  it('retries unreadable answers (JSON cut short, HTML, body cut on the wire), then reads the 323', async () => {
    const response = await send(client(), createRequest('RT-3', 'SBX_GARBAGE_3'));
    expect(response).toMatchObject({ ok: true, httpStatus: 200, retries: 3 });
    if (!response.ok) return;
    const body = response.body as { meta: { status: number }; result: { waybill: string } };
    expect(body.meta.status).toBe(323);
    expect(body.result.waybill).toBe(sandbox.ledger.order('RT-3')!.waybill);
    const rows = await rowsFor('RT-3');
    expect(rows.map((r) => r.error_kind)).toEqual(['ERR_CLICKPOST_BAD_RESPONSE', 'ERR_CLICKPOST_BAD_RESPONSE', 'ERR_CLICKPOST_BAD_RESPONSE', null]);
    expect(rows.map((r) => Boolean(r.failed))).toEqual([true, true, true, false]);
    expect(sandbox.ledger.orders()).toHaveLength(1);
  });

  it('retries a reset connection', async () => {
    const response = await send(client(), createRequest('RT-4', 'SBX_RESET_2'));
    expect(response).toMatchObject({ ok: true, retries: 2 });
    const rows = await rowsFor('RT-4');
    expect(rows.map((r) => r.error_kind)).toEqual(['ERR_CLICKPOST_CONNECTION', 'ERR_CLICKPOST_CONNECTION', null]);
    expect(rows[0].http_status).toBeNull();
  });

  it('times out with an injected short timeout, retries, and reads the 323 of the order placed meanwhile', async () => {
    const response = await send(client({ timeoutMs: 200 }), createRequest('RT-5', 'SBX_SLOW_1500_1'));
    expect(response).toMatchObject({ ok: true, retries: 1 });
    if (!response.ok) return;
    expect((response.body as { meta: { status: number } }).meta.status).toBe(323);
    const rows = await rowsFor('RT-5');
    expect(rows.map((r) => r.error_kind)).toEqual(['ERR_CLICKPOST_TIMEOUT', null]);
    expect(sandbox.ledger.orders()).toHaveLength(1);
  });

  it('gives up on timeouts with ERR_CLICKPOST_TIMEOUT (per-request timeout override)', async () => {
    const response = await send(client({ retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 20 } }), createRequest('RT-6', 'SBX_SLOW_1500', { timeoutMs: 200 }));
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.retries).toBe(1);
    expect(response.error).toMatchObject({ code: 'ERR_CLICKPOST_TIMEOUT', retryable: true, name: 'ClickPostTimeoutError' });
    expect(response.error.message).toContain('200 ms');
    expect(response.error.message).toContain('/api/v3/create-order/');
  });

  it('honours Retry-After on 429 instead of its own backoff', async () => {
    const delays: number[] = [];
    const c = client({ sleep: async (ms) => void delays.push(ms), random: () => 0.99 });
    const response = await send(c, createRequest('RT-7', 'SBX_429_2'));
    expect(response).toMatchObject({ ok: true, retries: 2 });
    // Retry-After: 0 -> the smallest wait (1 ms); the backoff would have given ~5 and ~10 ms.
    expect(delays).toEqual([1, 1]);
    const rows = await rowsFor('RT-7');
    expect(rows.map((r) => r.http_status)).toEqual([429, 429, 200]);
  });

  it('uses exponential backoff with jitter between retries of a 500', async () => {
    const delays: number[] = [];
    const c = client({ sleep: async (ms) => void delays.push(ms), random: () => 0.5, retry: { limit: 3, baseDelayMs: 10, maxDelayMs: 1000 } });
    await send(c, createRequest('RT-8', 'SBX_HTTP500_ALWAYS'));
    expect(delays).toEqual([5, 10, 20]);
  });

  it('sends GET query parameters and X-Idempotency-Key, and returns a 4xx JSON answer as an answer', async () => {
    await send(client(), createRequest('RT-9', 'SBX_ASYNC_2'));
    const poll: ClickPostRequest = { endpoint: 'poll-order', method: 'GET', path: '/api/v3/create-order/', query: { reference_number: 'RT-9', skip: undefined }, idempotencyKey: 'poll:RT-9:1', referenceNumber: 'RT-9', read: readMetaAnswer };
    const answer = await send(client(), poll);
    expect(answer).toMatchObject({ ok: true, httpStatus: 200, body: { meta: { status: 102 } } });
    expect([...sandbox.ledger.order('RT-9')!.pollKeys]).toEqual(['poll:RT-9:1']);
    const last = sandbox.ledger.requests.at(-1)!;
    expect(last.query).toEqual({ username: 'acme', reference_number: 'RT-9' });
    const rows = await rowsFor('RT-9');
    expect(rows.map((r) => [r.endpoint, r.meta_status, Boolean(r.failed)])).toEqual([
      ['create-order', 202, false],
      ['poll-order', 102, false],
    ]);

    const notFound = await send(client(), { endpoint: 'other', method: 'GET', path: '/api/v9/nothing/' });
    expect(notFound).toMatchObject({ ok: true, httpStatus: 404, retries: 0 });
  });

  it('reads no meta.status itself: without the request\'s reading only the HTTP status counts', async () => {
    await send(client(), createRequest('RT-12', 'SBX_ASYNC_9'));
    const unread: ClickPostRequest = { endpoint: 'poll-order', method: 'GET', path: '/api/v3/create-order/', query: { reference_number: 'RT-12' }, referenceNumber: 'RT-12' };
    const answer = await send(client(), unread);
    expect(answer).toMatchObject({ ok: true, httpStatus: 200, body: { meta: { status: 102 } } });
    expect(answer.ok && answer.reading).toBeUndefined();
    const read = await send(client(), { ...unread, read: readMetaAnswer });
    expect(read.ok && read.reading).toMatchObject({ meta_status: 102, succeeded: true, again: false });
    const rows = await rowsFor('RT-12');
    expect(rows.map((r) => [r.endpoint, r.http_status, r.meta_status, Boolean(r.failed)])).toEqual([
      ['create-order', 200, 202, false],
      ['poll-order', 200, null, false],
      ['poll-order', 200, 102, false],
    ]);
  });

  it('marks an answer that is not a success as failed in api_calls (the final answer of a 319)', async () => {
    const response = await send(client(), createRequest('RT-10', 'SBX_ERR_319'));
    expect(response).toMatchObject({ ok: true, httpStatus: 200, retries: 0 });
    const [row] = await rowsFor('RT-10');
    expect(row).toMatchObject({ meta_status: 319, error_kind: null });
    expect(Boolean(row.failed)).toBe(true);
  });

  it('does not retry a 4xx without JSON', async () => {
    const response = await send(client(), { endpoint: 'other', method: 'GET', path: '/labels/none.pdf', referenceNumber: 'RT-11' });
    expect(response).toMatchObject({ ok: false, retries: 0, error: { code: 'ERR_CLICKPOST_HTTP', httpStatus: 404, retryable: false } });
    expect(await rowsFor('RT-11')).toHaveLength(1);
  });

  it('reports a refused connection as ERR_CLICKPOST_CONNECTION after every retry', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const response = await send(client({ baseUrl: `http://127.0.0.1:${port}` }), createRequest('RT-12', 'A'));
    expect(response).toMatchObject({ ok: false, retries: 3, error: { code: 'ERR_CLICKPOST_CONNECTION', retryable: true } });
    if (response.ok) return;
    expect(response.error.cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(await rowsFor('RT-12')).toHaveLength(4);
  });

  it('keeps answering when the recorder fails (a lost audit row must not fail a placed order)', async () => {
    const c = client({ recorder: () => Promise.reject(new Error(`db down for ${sandbox.url}/x?key=${KEY}`)) });
    const response = await send(c, createRequest('RT-13', 'A'));
    expect(response).toMatchObject({ ok: true, httpStatus: 200 });
    expect(lines.some((l) => l.includes('api_calls row not written'))).toBe(true);
  });
});
