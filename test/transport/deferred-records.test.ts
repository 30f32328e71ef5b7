/**
 * The recorder side of "api_calls rows travel with the result": inside collectCallRecords
 * every try of the real client (over a real socket to the sandbox) is handed to the scope's
 * list, redacted as ever, and nothing is written; outside any scope, or after the scope
 * closed, each try is written at once.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../src/sandbox/server.js';
import type { Db } from '../../src/store/db.js';
import { insertApiCall, listApiCalls } from '../../src/store/api-calls-repo.js';
import { readCreateAnswer } from '../../src/clickpost/classify.js';
import { createClickPostClient } from '../../src/transport/client.js';
import { collectCallRecords, deferrable } from '../../src/transport/deferred-records.js';
import type { ApiCallRecord, ClickPostRequest } from '../../src/transport/types.js';
import { createPayload } from '../sandbox/fixtures.js';
import { sandboxAndApiCalls } from '../helpers/sandbox-and-api-calls.js';

const KEY = 'sk_live_SECRET_d3f3r';
let sandbox: Sandbox;
let db: Db;

const rig = sandboxAndApiCalls();
beforeAll(() => {
  ({ sandbox, db } = rig);
});

const client = () =>
  createClickPostClient({
    baseUrl: sandbox.url,
    username: 'acme',
    key: KEY,
    retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 5 },
    recorder: deferrable((row) => insertApiCall(db, row)),
  });

function createRequest(reference: string, accountCode: string): ClickPostRequest {
  return {
    endpoint: 'create-order',
    method: 'POST',
    path: '/api/v3/create-order/',
    read: readCreateAnswer,
    body: createPayload({ reference, accountCode }),
    referenceNumber: reference,
    shipmentId: 9,
    idempotencyKey: `create_order:${reference}`,
  };
}

describe('api_calls rows deferred to the step', () => {
  it('inside a scope every try goes to its list, redacted, and nothing is written', async () => {
    const rows: ApiCallRecord[] = [];
    const response = await collectCallRecords(rows, () => client().send(createRequest('DF-1', 'SBX_HTTP500_2')));
    expect(response).toMatchObject({ ok: true, retries: 2 });
    expect(rows.map((r) => [r.reference_number, r.shipment_id, r.retry_number, r.http_status])).toEqual([
      ['DF-1', 9, 0, 500],
      ['DF-1', 9, 1, 500],
      ['DF-1', 9, 2, 200],
    ]);
    expect(JSON.stringify(rows)).not.toContain(KEY);
    expect(rows[0]!.url).toContain('key=[REDACTED]');
    expect(await listApiCalls(db)).toEqual([]);
  });

  it('outside a scope each try is written at once', async () => {
    await client().send(createRequest('DF-2', 'SBX_HTTP500_1'));
    const written = await listApiCalls(db, { reference_number: 'DF-2' });
    expect(written.map((r) => r.retry_number)).toEqual([0, 1]);
    expect(JSON.stringify(written)).not.toContain(KEY);
  });

  it('two scopes at once keep their own tries', async () => {
    const a: ApiCallRecord[] = [];
    const b: ApiCallRecord[] = [];
    const c = client();
    await Promise.all([
      collectCallRecords(a, () => c.send(createRequest('DF-A', 'SBX_SLOW_40+SBX_HTTP500_1'))),
      collectCallRecords(b, () => c.send(createRequest('DF-B', 'SBX_HTTP500_2'))),
    ]);
    expect(a.map((r) => r.reference_number)).toEqual(['DF-A', 'DF-A']);
    expect(b.map((r) => r.reference_number)).toEqual(['DF-B', 'DF-B', 'DF-B']);
    expect(await listApiCalls(db)).toEqual([]);
  });

  it('a try recorded after its scope closed is written at once, not lost', async () => {
    const rows: ApiCallRecord[] = [];
    let late: Promise<unknown> = Promise.resolve();
    await collectCallRecords(rows, async () => {
      late = client().send(createRequest('DF-3', 'SBX_SLOW_30'));
    });
    await late;
    expect(rows).toEqual([]);
    expect((await listApiCalls(db, { reference_number: 'DF-3' })).map((r) => r.http_status)).toEqual([200]);
  });
});
