import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadDeclaration } from '../../src/settings/index.js';
import { exampleShipment } from '../helpers/shipments.js';
import { startHttp, type HttpHarness } from './helpers/http-harness.js';

let t: HttpHarness;
beforeAll(async () => {
  t = await startHttp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /healthz and /metrics', () => {
  it('answers the health of the database, workers and ClickPost target', async () => {
    const res = await t.call('GET', '/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; database: string; workers: string; clickpost: { target: string; base_url: string } };
    expect(body).toEqual({ ok: true, database: 'ok', workers: 'stopped', clickpost: { target: expect.any(String), base_url: expect.any(String) } });
  });

  it('answers Prometheus text that counts what happened', async () => {
    await t.call('POST', '/v1/shipments', { json: exampleShipment('SHP-M1') });
    await t.h.drain();
    const res = await t.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^# (HELP|TYPE) /m);
    expect(text).not.toMatch(/^\s*\{/);
  });
});

describe('GET /readyz and /v1/breakers', () => {
  it('answers 503 naming each check while the workers are stopped, with the breakers per account', async () => {
    await t.call('POST', '/v1/shipments', { json: exampleShipment('SHP-RZ1') });
    await t.h.drain();
    const res = await t.call('GET', '/readyz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ready: boolean; checks: { name: string; ok: boolean; detail: string }[]; breakers: { account_code: string; state: string }[] };
    expect(body.ready).toBe(false);
    expect(body.checks.map((c) => c.name)).toEqual(['database', 'workers', 'timers_overdue', 'effects_overdue', 'effects_dead', 'timers_dead']);
    expect(body.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['workers']);
    expect(body.breakers).toEqual([expect.objectContaining({ account_code: 'Delhivery B2B', state: 'CLOSED' })]);
    const list = (await (await t.call('GET', '/v1/breakers')).json()) as { items: unknown[] };
    expect(list.items).toEqual(body.breakers);
  });

  it('closes a breaker by hand, and names every wrong field of the account', async () => {
    const ok = await t.call('POST', '/v1/breakers/close', { json: { courier_partner_id: 4, account_code: 'Delhivery B2B' } });
    expect(ok.status).toBe(200);
    const bad = await t.call('POST', '/v1/breakers/close', { json: { courier_partner_id: 'x' } });
    expect(bad.status).toBe(400);
    const answer = (await bad.json()) as { error: string; fields: { path: string }[] };
    expect(answer.error).toBe('invalid_breaker');
    expect(answer.fields.map((f) => f.path).sort()).toEqual(['account_code', 'courier_partner_id']);
  });
});

describe('GET /docs', () => {
  it('serves the Swagger UI page', async () => {
    const res = await t.call('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/swagger/i);
  });

  it('lists every route of the contract in /docs/json with its methods', async () => {
    const spec = (await (await t.call('GET', '/docs/json')).json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> };
    expect(spec.openapi).toMatch(/^3\./);
    const routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(routes).toEqual([
      'GET /',
      'GET /healthz',
      'GET /metrics',
      'GET /readyz',
      'GET /settings',
      'GET /shipments/{shipment_code}',
      'GET /v1/breakers',
      'GET /v1/ops/board',
      'GET /v1/ops/service',
      'GET /v1/ops/shipments/{shipment_code}',
      'GET /v1/reports/failures',
      'GET /v1/settings',
      'GET /v1/shipments',
      'GET /v1/shipments/{shipment_code}',
      'GET /v1/shipments/{shipment_code}/label',
      'GET /v1/shipments/{shipment_code}/tracking',
      'POST /v1/breakers/close',
      'POST /v1/ops/connection-test',
      'POST /v1/shipments',
      'POST /v1/shipments/{shipment_code}/cancel',
      'POST /v1/shipments/{shipment_code}/retry',
      'POST /v1/webhooks/clickpost',
      'PUT /v1/settings',
    ]);
    const post = spec.paths['/v1/shipments']!.post!;
    expect(Object.keys(post.responses).sort()).toEqual(expect.arrayContaining(['200', '202', '400', '409', '413']));
    // The host's body is documented even though the connector, not fastify, validates it.
    expect(JSON.stringify(post.requestBody)).toContain('#/components/schemas/ShipmentInput');
    const schemas = (spec as unknown as { components: { schemas: Record<string, { properties?: Record<string, { enum?: string[]; items?: unknown }> }> } }).components.schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Shipment', 'ShipmentInput', 'Attempt', 'TrackingEvent', 'Settings', 'Error']));
    expect(JSON.stringify(schemas.ShipmentInput)).toContain('boxes');
    expect(schemas.Shipment!.properties!.status!.enum).toEqual(['QUEUED', 'CREATING', 'LABEL_REQUESTED', 'BOOKED', 'RETRY_WAIT', 'FAILED', 'CANCELLED']);
    expect(schemas.Attempt!.properties!.outcome!.enum).toContain('LABEL_TIMEOUT');
    // One operationId per operation, all different; the label's errors are JSON like every other.
    const ids = Object.values(spec.paths).flatMap((ops) => Object.values(ops).map((o) => (o as { operationId?: string }).operationId));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys((spec.paths['/v1/shipments/{shipment_code}/label']!.get!.responses['404'] as { content: object }).content)).toEqual(['application/json']);
    // The webhook_key header (or ClickPost's basic token auth), declared as the webhook's security schemes.
    expect(JSON.stringify(spec.paths['/v1/webhooks/clickpost']!.post)).toContain('"security":[{"webhookKey":[]},{"webhookBasicToken":[]}]');
    expect((spec as unknown as { components: { securitySchemes: Record<string, unknown> } }).components.securitySchemes.webhookKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'webhook_key' });
    expect((spec as unknown as { servers: unknown[] }).servers.length).toBeGreaterThan(0);
    expect(JSON.stringify(spec.paths['/v1/shipments/{shipment_code}/label']!.get!.responses['200'])).toContain('application/pdf');
  });
});

describe('GET / and /settings (operations screens)', () => {
  it('renders the shipment board at / and the settings screen from connector.json at /settings', async () => {
    const board = await (await t.call('GET', '/')).text();
    expect(board).toContain('id="board-rows"');
    expect(board).toContain('/v1/ops/board');
    const res = await t.call('GET', '/settings');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const setting of loadDeclaration().settings) {
      expect(html).toContain(`>${setting.label}`);
      expect(html).toContain(`id="f-${setting.key}"`);
    }
    expect(html).toMatch(/<input type="password"[^>]*id="f-key"/);
    expect(html).toMatch(/<input type="number"[^>]*id="f-appointment_after_days"[^>]*min="0"[^>]*max="90"/);
    expect(html).toContain('/v1/settings');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
  });

  it('answers /favicon.ico without a 404', async () => {
    expect((await t.call('GET', '/favicon.ico')).status).toBe(204);
  });
});
