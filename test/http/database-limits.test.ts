/**
 * A value the validator accepts must fit the database, on SQLite and PostgreSQL alike
 * (issue 11, item 9): what does not fit is refused up front with a 400 naming the field
 * (nothing stored), and what is accepted books; a NUL byte in a path is a clean 404, never
 * a database error. (test/domain/input-limits.test.ts books a body at every text maximum.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';
import { answerChecker, type OpenApiDoc } from './helpers/openapi-check.js';
import type { ShipmentInput } from '../../src/domain/shipment-input.js';

describe.each(testDatabases())('values and the database on %s', (kind) => {
  let h: Harness;
  let app: FastifyInstance;
  beforeAll(async () => {
    h = await createHarness(kind);
    app = await buildApp({ connector: h.connector, logger: silentLogger(), apiToken: null });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const post = (body: unknown) => app.inject({ method: 'POST', url: '/v1/shipments', payload: body as object });

  it.each<[string, string, (s: ShipmentInput) => void, string]>([
    ['a 129-character box_code', 'boxes[0].box_code', (s) => (s.boxes[0]!.box_code = 'b'.repeat(129)), 'must be at most 100 characters'],
    ['a 129-character account_code', 'providers[0].account_code', (s) => (s.providers[0]!.account_code = 'a'.repeat(129)), 'must be at most 100 characters'],
    ['courier_partner_id 2147483648', 'providers[0].courier_partner_id', (s) => (s.providers[0]!.courier_partner_id = 2_147_483_648), 'must be at most 2147483647'],
  ])('%s answers 400 naming it, and nothing is stored', async (_what, field, spoil, message) => {
    const s = exampleShipment(`LIM-${field.length}`);
    spoil(s);
    const res = await post(s);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_shipment', fields: [{ path: field, message }] });
    expect(await h.connector.db('shipments').where({ shipment_code: s.shipment_code })).toEqual([]);
  });

  it('the largest courier_partner_id accepted books (it fits the integer columns)', async () => {
    const s = exampleShipment('LIM-MAXID');
    s.providers[0]!.courier_partner_id = 2_147_483_647;
    expect((await post(s)).statusCode).toBe(202);
    await h.drain();
    const view = await h.connector.get('LIM-MAXID');
    expect(view).toMatchObject({ status: 'BOOKED', provider: { courier_partner_id: 2_147_483_647 } });
    expect(view.stuck).toBeUndefined();
  });

  it.each(['/v1/shipments/A%00B', '/v1/shipments/A%00B/tracking', '/v1/shipments/A%00B/label'])('a NUL byte in the path of %s answers 404 in JSON', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });

  it('a NUL byte in a cancel or retry path answers 404 too', async () => {
    for (const url of ['/v1/shipments/A%00B/cancel', '/v1/shipments/A%00B/retry']) {
      const res = await app.inject({ method: 'POST', url });
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
  });

  it('a NUL byte in a board search or status filter answers as documented: 400 invalid_text where PostgreSQL cannot compare it, never a 500', async () => {
    const checker = answerChecker((await app.inject({ url: '/docs/json' })).json() as OpenApiDoc);
    for (const url of ['/v1/ops/board?q=A%00B', '/v1/ops/board?status=A%00B']) {
      const res = await app.inject({ method: 'GET', url });
      checker.check('GET', url, res.statusCode, res.headers['content-type'] as string, res.body);
      if (kind === 'postgres') {
        expect([url, res.statusCode, res.json()]).toEqual([url, 400, { error: 'invalid_text', message: expect.stringMatching(/NUL byte/) }]);
      } else {
        expect([url, res.statusCode]).toEqual([url, 200]);
      }
    }
  });
});
