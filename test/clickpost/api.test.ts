import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClickPostApi } from '../../src/clickpost/api.js';
import { parseShipmentInput } from '../../src/domain/shipment-input.js';
import { ClickPostBadResponseError } from '../../src/transport/errors.js';
import type { ClickPostClient, ClickPostRequest, ClickPostResponse } from '../../src/transport/types.js';
import { fixture } from './fixtures.js';

interface Seen { method: string; path: string; query: Record<string, string>; body: unknown }

// A loopback stand-in for ClickPost that answers the documented fixtures by path.
const ROUTES: Record<string, string> = {
  'POST /api/v3/create-order/': 'create-order/response-sync.json',
  'GET /api/v3/create-order/': 'create-order/response-poll-out-of-order.json',
  'GET /api/v2/track-order/': 'track-order/response.json',
};
const INLINE: Record<string, { httpStatus: number; body: unknown }> = {
  'GET /api/v1/cancel-order/': { httpStatus: 200, body: { meta: { status: 600, message: 'Order already cancelled', success: false } } },
  'GET /api/v1/fetch/shippinglabel/': { httpStatus: 200, body: { meta: { status: 200, success: true }, result: { shipping_label: 'https://l/x.pdf' } } },
};

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const text = await readBody(req);
    seen.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body: text ? JSON.parse(text) : null });
    const route = `${req.method} ${url.pathname}`;
    const answer = ROUTES[route] ? fixture(ROUTES[route]) : INLINE[route] ?? { httpStatus: 404, body: 'no route' };
    res.writeHead(answer.httpStatus, { 'content-type': 'application/json' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The least client that speaks HTTP: no retries (the real one is src/transport/client.ts). */
const fetchClient: ClickPostClient = {
  async send(request: ClickPostRequest): Promise<ClickPostResponse> {
    const url = new URL(request.path, baseUrl);
    url.searchParams.set('username', 'u');
    url.searchParams.set('key', 'k');
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const res = await fetch(url, { method: request.method, headers: { 'content-type': 'application/json' }, body: request.body === undefined ? undefined : JSON.stringify(request.body) });
    const text = await res.text();
    try {
      return { ok: true, httpStatus: res.status, body: JSON.parse(text), retries: 0 };
    } catch {
      return { ok: false, error: new ClickPostBadResponseError('not JSON', { retryable: true }), retries: 0 };
    }
  },
};

function createInput() {
  const raw = fixture('create-order/input.json');
  const parsed = parseShipmentInput(raw.shipment);
  if (!parsed.ok) throw new Error('fixture shipment is invalid');
  return { ...raw, shipment: parsed.shipment };
}

describe('createClickPostApi over a loopback socket', () => {
  const api = () => createClickPostApi(fetchClient);

  it('createOrder POSTs the mapped payload and parses the booking', async () => {
    const outcome = await api().createOrder(createInput());
    expect(outcome).toEqual(fixture('create-order/parsed-sync.json'));
    const call = seen.find((s) => s.method === 'POST')!;
    expect(call.path).toBe('/api/v3/create-order/');
    expect(call.body).toEqual(fixture('create-order/request.json').body);
  });

  it('pollLabel re-POSTs the very same create-order request (ClickPost async protocol)', async () => {
    seen.length = 0;
    const input = createInput();
    await api().pollLabel(input);
    const call = seen.find((s) => s.method === 'POST')!;
    expect(call.path).toBe('/api/v3/create-order/');
    expect(call.body).toEqual(fixture('create-order/request.json').body);
  });

  it('lookupOrder GETs by reference and matches children to the boxes', async () => {
    const outcome = await api().lookupOrder({ reference: 'SHP-1001-P2', boxes: createInput().shipment.boxes });
    expect(outcome).toEqual(fixture('create-order/parsed-poll-out-of-order.json'));
    expect(seen.find((s) => s.method === 'GET' && s.path === '/api/v3/create-order/')!.query.reference_number).toBe('SHP-1001-P2');
  });

  it('cancelOrder, fetchLabel and trackOrder send their query and parse the answer', async () => {
    await expect(api().cancelOrder({ awb: 'A1', courier_partner_id: 6, account_code: 'Bluedart Surface' }))
      .resolves.toEqual({ kind: 'cancelled', meta_status: 600, message: 'Order already cancelled' });
    expect(seen.find((s) => s.path === '/api/v1/cancel-order/')!.query).toMatchObject({ waybill: 'A1', cp_id: '6', account_code: 'Bluedart Surface' });
    await expect(api().fetchLabel({ awb: 'A1', courier_partner_id: 6, regenerate: false }))
      .resolves.toEqual({ ok: true, label_url: 'https://l/x.pdf', meta_status: 200 });
    const tracking = await api().trackOrder({ awbs: ['SF18399217NER', 'SF00000000XYZ'], courier_partner_id: 10 });
    expect(tracking.byAwb.SF18399217NER!.events).toHaveLength(7);
    expect(seen.find((s) => s.path === '/api/v2/track-order/')!.query.waybill).toBe('SF18399217NER,SF00000000XYZ');
  });

  it('never throws, even when the client itself rejects', async () => {
    const broken: ClickPostClient = { send: async () => { throw new Error('boom at https://x/api?key=sk_live_SECRET_7f3a'); } };
    const outcome = await createClickPostApi(broken).createOrder(createInput());
    expect(outcome).toMatchObject({ kind: 'transient', error_code: 'ERR_CLICKPOST', meta_status: null });
    expect(JSON.stringify(outcome)).not.toContain('sk_live_SECRET_7f3a');
    await expect(createClickPostApi(broken).cancelOrder({ awb: 'A', courier_partner_id: 1, account_code: 'x' }))
      .resolves.toMatchObject({ kind: 'cancel_failed', transient: true });
  });
});
