/**
 * Wrong input over HTTP says what is wrong: a query value of the wrong kind is not
 * "required", a body that is null, an array or a string is named as such, a text over
 * its limit is named; nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHttp, type HttpHarness } from './helpers/http-harness.js';
import { exampleShipment } from '../helpers/shipments.js';

let t: HttpHarness;
beforeAll(async () => {
  t = await startHttp();
});
afterAll(async () => {
  await t.close();
});

describe('bad input over HTTP', () => {
  it('limit=abc says what a limit must be', async () => {
    const res = await t.call('GET', '/v1/shipments?limit=abc');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_query', fields: [{ path: 'limit', message: 'must be a whole number from 1 to 500' }] });
  });

  it.each([
    ['null', 'null'],
    ['[]', 'an array'],
    ['"SHP-1"', 'a string'],
  ])('a body %s is named as %s', async (body, what) => {
    const res = await t.call('POST', '/v1/shipments', { body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_shipment', fields: [{ path: '(body)', message: `must be a JSON object, not ${what}` }] });
  });

  it('a name over 100 characters answers 400 naming it, and nothing is stored', async () => {
    const s = exampleShipment('BAD-1');
    s.drop.name = 'n'.repeat(101);
    const res = await t.call('POST', '/v1/shipments', { json: s });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: [{ path: 'drop.name', message: 'must be at most 100 characters' }] });
    expect((await t.call('GET', '/v1/shipments/BAD-1')).status).toBe(404);
  });
});
