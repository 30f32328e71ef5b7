/**
 * Every failure at every call ends in its documented outcome (issue 11, "a fault matrix"):
 * a loopback server answers the fault, the real transport and parsers read it.
 */
import fs from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createClickPostApi, type ClickPostApi } from '../../src/clickpost/api.js';
import { createClickPostClient } from '../../src/transport/client.js';
import type { CancelOutcome, Outcome } from '../../src/clickpost/outcome.js';
import { parseShipmentInput } from '../../src/domain/shipment-input.js';
import { exampleShipment } from '../helpers/shipments.js';
import { CALLS, EXPECTED, FAULTS, reliabilityDoc, type Call, type Fault } from './fault-matrix.js';

let server: Server;
let api: ClickPostApi;
let fault: Fault = 'HTTP 500';

const meta = (status: number) => JSON.stringify({ meta: { status, message: `meta ${status}`, success: false }, result: null });

function answer(res: ServerResponse): void {
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
  switch (fault) {
    case 'HTTP 500': return send(500, 'Internal Server Error');
    case 'HTTP 429 with Retry-After': return send(429, meta(429), { 'retry-after': '1' });
    case 'connection reset': return void res.socket?.destroy();
    case 'timeout': return; // never answers
    case 'truncated JSON': return send(200, '{"meta":{"status":200,"message":"SUC');
    default: return send(200, meta(Number(/meta (\d+)/.exec(fault)![1])));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One try, no retries: each cell shows what one answer means.
  api = createClickPostApi(createClickPostClient({ baseUrl, username: 'u', key: 'k', timeoutMs: 300, retry: { limit: 0 } }));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function shipment() {
  const parsed = parseShipmentInput(exampleShipment('FM-1'));
  if (!parsed.ok) throw new Error('example shipment invalid');
  return parsed.shipment;
}

const cancelName = (o: CancelOutcome) =>
  o.kind === 'cancelled' ? 'cancel: done' : o.kind === 'cancel_accepted' ? 'cancel: accepted' : o.transient ? 'cancel: transient' : 'cancel: refused';

async function play(call: Call): Promise<string> {
  const s = shipment();
  const create = { shipment: s, provider: s.providers[0]!, priority: 1, reference: 'FM-1', requestedAt: 1_764_000_000_000, settings: { pickup_after_minutes: 0, appointment_after_days: 0 } };
  switch (call) {
    case 'create': return ((await api.createOrder(create)) as Outcome).kind;
    case 'poll': return (await api.pollLabel(create)).kind;
    case 'cancel': return cancelName(await api.cancelOrder({ awb: 'A1', courier_partner_id: 4, account_code: 'X' }));
    case 'label': {
      const r = await api.fetchLabel({ awb: 'A1', courier_partner_id: 4, regenerate: false });
      return r.ok ? 'label: ok' : r.transient ? 'label: transient' : 'label: refused';
    }
    case 'track': {
      const r = await api.trackOrder({ awbs: ['A1'], courier_partner_id: 4 });
      return Object.keys(r.byAwb).length === 0 && r.messages.length > 0 ? 'track: nothing stored' : 'track: stored';
    }
  }
}

describe('fault matrix', () => {
  for (const f of FAULTS) {
    it(`${f}: ${CALLS.map((c) => `${c} -> ${EXPECTED[f][c]}`).join(', ')}`, async () => {
      fault = f;
      const seen: Record<string, string> = {};
      for (const call of CALLS) seen[call] = await play(call);
      expect(seen).toEqual(EXPECTED[f]);
    });
  }

  it('docs/reliability.md is the table generated from this list', () => {
    const file = new URL('../../docs/reliability.md', import.meta.url);
    if (process.env.RELIABILITY_DOC === '1' || !fs.existsSync(file)) fs.writeFileSync(file, reliabilityDoc());
    expect(fs.readFileSync(file, 'utf8')).toBe(reliabilityDoc());
  });
});
