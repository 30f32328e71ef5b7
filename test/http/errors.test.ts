import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { errorAnswer } from '../../src/http/error-handler.js';
import { ConflictError, NotFoundError, UpstreamError, ValidationError } from '../../src/errors.js';
import { registerSecret } from '../../src/transport/redact.js';
import { exampleShipment } from '../helpers/shipments.js';
import { startHttp, type HttpHarness } from './helpers/http-harness.js';

let t: HttpHarness;

async function listIsEmpty(): Promise<void> {
  const list = (await (await t.call('GET', '/v1/shipments')).json()) as { items: unknown[] };
  expect(list.items).toEqual([]);
}

describe('body errors over a real socket', () => {
  beforeEach(async () => {
    t = await startHttp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 400 invalid_json for a body that is not JSON, and writes nothing', async () => {
    const res = await t.call('POST', '/v1/shipments', { body: '{"shipment_code": "X", ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; message: string };
    expect(answer.error).toBe('invalid_json');
    expect(answer.message).toEqual(expect.any(String));
    await listIsEmpty();
  });

  it('answers 413 payload_too_large for a body over 1 MiB, and writes nothing', async () => {
    const body = { ...exampleShipment('SHP-BIG'), padding: 'x'.repeat(1024 * 1024) };
    const res = await t.call('POST', '/v1/shipments', { json: body });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'payload_too_large', message: expect.any(String) });
    await listIsEmpty();
  });

  it('accepts a body just under the limit (the limit is the body size, not less)', async () => {
    const body = { ...exampleShipment('SHP-900K'), padding: 'x'.repeat(900 * 1024) };
    // An unknown top-level field is the connector's business; its schema ignores it.
    const res = await t.call('POST', '/v1/shipments', { json: body });
    expect(res.status).toBe(202);
  });

  it('answers 415 for a body that is not sent as JSON', async () => {
    const res = await t.call('POST', '/v1/shipments', { body: JSON.stringify(exampleShipment('SHP-TXT')), headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toBe('unsupported_media_type');
    await listIsEmpty();
  });

  it('answers 404 not_found in JSON for a route this service does not have', async () => {
    const res = await t.call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });

  it('answers 500 internal_error with the message hidden when something unexpected breaks', async () => {
    await t.h.connector.db.destroy();
    const res = await t.call('GET', '/v1/shipments');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal_error' });
    const logged = t.lines.map((l) => JSON.parse(l) as { level: string; message: string; error?: string }).find((l) => l.level === 'error');
    expect(logged?.message).toBe('request failed');
    expect(logged?.error).toEqual(expect.any(String));
  });
});

describe('errorAnswer (the mapping itself)', () => {
  it('answers a ConnectorError with its own status and JSON', () => {
    const fields = [{ path: 'boxes[0].weight_g', message: 'must be greater than 0' }];
    expect(errorAnswer(new ValidationError('invalid_shipment', fields))).toEqual({
      status: 400,
      body: { error: 'invalid_shipment', message: expect.any(String), fields },
    });
    expect(errorAnswer(new NotFoundError('shipment X')).status).toBe(404);
    expect(errorAnswer(new ConflictError('not_booked', 'not yet')).body.error).toBe('not_booked');
  });

  it('masks a secret an upstream error message might carry', () => {
    registerSecret('cp-key-55aa77bb');
    const answer = errorAnswer(new UpstreamError('label download failed: GET https://x/label?key=cp-key-55aa77bb'));
    expect(answer.status).toBe(502);
    expect(JSON.stringify(answer.body)).not.toContain('cp-key-55aa77bb');
  });

  it('turns fastify validation items into invalid_query with host paths', () => {
    const err = Object.assign(new Error('bad'), { validation: [{ instancePath: '/boxes/0/weight_g', message: 'too small' }] });
    expect(errorAnswer(err)).toEqual({
      status: 400,
      body: { error: 'invalid_query', message: expect.any(String), fields: [{ path: 'boxes[0].weight_g', message: 'too small' }] },
    });
  });

  it('hides everything else behind 500 internal_error', () => {
    expect(errorAnswer(new Error('db password is hunter2'))).toEqual({ status: 500, body: { error: 'internal_error' } });
    expect(errorAnswer('thrown string')).toEqual({ status: 500, body: { error: 'internal_error' } });
  });
});
