/**
 * The answer check the route tests run on every call (helpers/openapi-check.ts) is real:
 * it refuses a wrong body, an undocumented status and an undeclared content type, and
 * passes the service's real answers, including a BOOKED shipment with its attempts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHttp, type HttpHarness } from './helpers/http-harness.js';
import { answerChecker, type OpenApiDoc } from './helpers/openapi-check.js';
import { exampleShipment } from '../helpers/shipments.js';

let t: HttpHarness;
beforeAll(async () => {
  t = await startHttp();
});
afterAll(async () => {
  await t.close();
});

describe('answers against the served OpenAPI document', () => {
  it('refuses what the document does not allow', async () => {
    const checker = answerChecker((await t.app.inject({ url: '/docs/json' })).json() as OpenApiDoc);
    const json = 'application/json; charset=utf-8';
    expect(() => checker.check('GET', '/v1/shipments/X', 200, json, '{"shipment_code":1}')).toThrow(/does not match/);
    expect(() => checker.check('GET', '/v1/shipments/X', 418, json, '{}')).toThrow(/status not documented/);
    expect(() => checker.check('GET', '/v1/shipments/X/label', 404, 'application/pdf', '')).toThrow(/content type application\/pdf not declared/);
    expect(() => checker.check('GET', '/v1/shipments/X', 404, json, '{"error":"not_found","message":"shipment X not found"}')).not.toThrow();
  });

  it('passes a booked shipment, its label, tracking, the list and a cancel', async () => {
    const posted = await t.call('POST', '/v1/shipments', { json: exampleShipment('OA-1', ['SBX_ERR_319', 'Bluedart Surface'], 2) });
    expect(posted.status).toBe(202);
    await t.h.drain();
    const got = await t.call('GET', '/v1/shipments/OA-1');
    expect(((await got.json()) as { status: string }).status).toBe('BOOKED');
    expect((await t.call('GET', '/v1/shipments/OA-1/label')).status).toBe(200);
    expect((await t.call('GET', '/v1/shipments/OA-1/tracking')).status).toBe(200);
    expect((await t.call('GET', '/v1/shipments?limit=5')).status).toBe(200);
    expect((await t.call('GET', '/v1/settings')).status).toBe(200);
    expect((await t.call('GET', '/healthz')).status).toBe(200);
    expect((await t.call('POST', '/v1/shipments/OA-1/cancel')).status).toBe(200);
    await t.h.drain();
    const cancelled = (await (await t.call('GET', '/v1/shipments/OA-1')).json()) as { status: string; cancel?: { state: string } };
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.cancel?.state).toEqual(expect.any(String));
  });

  it('refuses a field the document lacks, so every field an answer carries is documented', async () => {
    const checker = answerChecker((await t.app.inject({ url: '/docs/json' })).json() as OpenApiDoc);
    const json = 'application/json; charset=utf-8';
    const answer = (await (await t.call('GET', '/v1/shipments/OA-1')).json()) as { attempts: Array<Record<string, unknown>> } & Record<string, unknown>;
    // The answer as served passes; the same with one field the document does not name does not.
    expect(() => checker.check('GET', '/v1/shipments/OA-1', 200, json, JSON.stringify(answer))).not.toThrow();
    expect(() => checker.check('GET', '/v1/shipments/OA-1', 200, json, JSON.stringify({ ...answer, undocumented: 1 }))).toThrow(/does not match/);
    const attempts = answer.attempts.map((a, i) => (i === 0 ? { ...a, undocumented: 1 } : a));
    expect(() => checker.check('GET', '/v1/shipments/OA-1', 200, json, JSON.stringify({ ...answer, attempts }))).toThrow(/does not match/);
    // The fields every answer carries and the contract names are in the document.
    const doc = (await t.app.inject({ url: '/docs/json' })).json() as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(Object.keys(doc.components.schemas.Shipment!.properties)).toEqual(expect.arrayContaining(['cancel', 'retry', 'error', 'created_at', 'updated_at']));
    expect(Object.keys(doc.components.schemas.Attempt!.properties)).toEqual(expect.arrayContaining(['late_awb', 'message']));
  });
});
