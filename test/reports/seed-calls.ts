/** api_calls, shipments and attempts across two India days, for the failure report tests. */
import type { Queryable } from '../../src/store/rows.js';
import { insertApiCall } from '../../src/store/api-calls-repo.js';
import { upsertAttempt } from '../../src/store/attempts-repo.js';
import type { ApiCallRecord } from '../../src/transport/types.js';
import { seedShipment } from '../store/seed.js';

/** 2026-11-22 India = [2026-11-21T18:30Z, 2026-11-22T18:30Z). */
export const DAY1 = '2026-11-22';
export const DAY2 = '2026-11-23';
export const at = (iso: string) => Date.parse(iso);
export const URL_WITH_KEY = 'https://www.clickpost.in/api/v3/create-order/?username=acme&key=0f9e8d7c-LEAKED';

function call(overrides: Partial<ApiCallRecord>): ApiCallRecord {
  return {
    shipment_id: null,
    reference_number: null,
    endpoint: 'create-order',
    method: 'POST',
    url: 'https://www.clickpost.in/api/v3/create-order/?username=acme&key=[REDACTED]',
    request_body: '{"pickup_info":{"pickup_name":"WH"}}',
    response_body: null,
    http_status: null,
    meta_status: null,
    duration_ms: 120,
    error_kind: null,
    error_message: null,
    retry_number: 0,
    failed: false,
    created_at: at('2026-11-22T04:30:00Z'),
    ...overrides,
  };
}

export async function seedTwoDays(q: Queryable): Promise<{ a: number; b: number }> {
  const a = await seedShipment(q, 'SHP-A', { status: 'BOOKED', now: at('2026-11-22T04:00:00Z') });
  // 00:01 IST on the 23rd: the second day.
  const b = await seedShipment(q, 'SHP-B', { status: 'BOOKED', now: at('2026-11-22T18:31:00Z') });

  // SHP-A at P1: three failed tries (503, timeout, 503), the fourth answers 319.
  const p1 = { shipment_id: a, reference_number: 'SHP-A' };
  await insertApiCall(q, call({ ...p1, retry_number: 0, failed: true, http_status: 503, error_kind: 'ERR_CLICKPOST_HTTP', error_message: 'ClickPost answered HTTP 503', response_body: 'Service Unavailable', created_at: at('2026-11-22T04:30:00Z') }));
  await insertApiCall(q, call({ ...p1, retry_number: 1, failed: true, error_kind: 'ERR_CLICKPOST_TIMEOUT', error_message: 'timed out after 8000 ms', created_at: at('2026-11-22T04:30:01Z') }));
  await insertApiCall(q, call({ ...p1, retry_number: 2, failed: true, http_status: 503, error_kind: 'ERR_CLICKPOST_HTTP', error_message: 'ClickPost answered HTTP 503', created_at: at('2026-11-22T04:30:03Z') }));
  await insertApiCall(q, call({ ...p1, retry_number: 3, failed: true, http_status: 200, meta_status: 319, response_body: '{"meta":{"status":319,"message":"Pincode not serviceable","success":false}}', created_at: at('2026-11-22T04:30:07Z') }));
  // SHP-A at P2: a key left in the URL and body of a row (it must not reach the report), then success.
  const p2 = { shipment_id: a, reference_number: 'SHP-A-P2' };
  await insertApiCall(q, call({
    ...p2, url: URL_WITH_KEY, failed: true, http_status: 502, error_kind: 'ERR_CLICKPOST_HTTP',
    error_message: `ClickPost answered HTTP 502 to POST ${URL_WITH_KEY}`,
    request_body: '{"key":"0f9e8d7c-LEAKED","note":"a, \\"quoted\\" value"}',
    response_body: '<html>\n<b>Bad "gateway"</b>, try later\n</html>',
    created_at: at('2026-11-22T05:00:00Z'),
  }));
  await insertApiCall(q, call({ ...p2, retry_number: 1, http_status: 200, meta_status: 200, response_body: '{"meta":{"status":200}}', created_at: at('2026-11-22T05:00:02Z') }));
  // 23:59 IST on the 22nd, no shipment (a label fetch).
  await insertApiCall(q, call({ endpoint: 'fetch-label', method: 'GET', url: 'https://labels.example/x.pdf', request_body: null, failed: true, http_status: 404, created_at: at('2026-11-22T18:29:00Z') }));
  // 00:01 IST on the 23rd: the other day.
  await insertApiCall(q, call({ shipment_id: b, reference_number: 'SHP-B', failed: true, http_status: 500, created_at: at('2026-11-22T18:31:00Z') }));
  await insertApiCall(q, call({ shipment_id: b, reference_number: 'SHP-B', retry_number: 1, http_status: 200, meta_status: 200, created_at: at('2026-11-22T18:31:01Z') }));

  const attempt = { courier_partner_id: 4, account_code: 'Acct', meta_status: null, message: null, error_kind: null, polls: 0, parent_awb: null, label_url: null, late_awb: null, late_awb_state: null };
  await upsertAttempt(q, { ...attempt, shipment_id: a, priority: 1, reference_number: 'SHP-A', outcome: 'ERROR', started_at: at('2026-11-22T04:30:00Z'), ended_at: at('2026-11-22T04:30:07Z') });
  await upsertAttempt(q, { ...attempt, shipment_id: a, priority: 2, reference_number: 'SHP-A-P2', outcome: 'BOOKED', started_at: at('2026-11-22T05:00:00Z'), ended_at: at('2026-11-22T05:00:02Z') });
  await upsertAttempt(q, { ...attempt, shipment_id: b, priority: 1, reference_number: 'SHP-B', outcome: 'BOOKED', started_at: at('2026-11-22T18:31:00Z'), ended_at: at('2026-11-22T18:31:01Z') });
  return { a, b };
}
