/**
 * Test helpers for the sandbox: a v3 India MPS create-order payload (the shape the
 * mapping sends, built here by hand so these tests do not depend on src/clickpost) and
 * small fetch wrappers.
 */

export interface PayloadOptions {
  reference: string;
  accountCode: string;
  courierPartnerId?: number;
  /** Box codes, in box order. */
  boxes?: string[];
}

export function createPayload(options: PayloadOptions): Record<string, unknown> {
  const boxes = options.boxes ?? [`${options.reference}-1`, `${options.reference}-2`, `${options.reference}-3`];
  return {
    pickup_info: {
      pickup_name: 'WH Bhiwandi',
      pickup_address: 'Gala 4, Mumbai Nashik Hwy',
      pickup_city: 'Bhiwandi',
      pickup_state: 'Maharashtra',
      pickup_pincode: '421302',
      pickup_country: 'IN',
      email: 'wh@example.com',
      pickup_phone: '9800000001',
      pickup_time: '2026-11-23T16:15:00',
      tin: '27AAACB1234C1Z5',
    },
    drop_info: {
      drop_name: 'Retail DC Pune',
      drop_address: 'Plot 9, Chakan MIDC',
      drop_city: 'Pune',
      drop_state: 'Maharashtra',
      drop_pincode: '410501',
      drop_country: 'IN',
      drop_phone: '9800000002',
    },
    shipment_details: {
      shipment_type: 'MPS',
      account_code: options.accountCode,
      courier_partner: options.courierPartnerId ?? 4,
      reference_number: options.reference,
      invoice_value: 125000.5,
      invoice_number: 'INV-77',
      invoice_date: '2026-11-20',
      delivery_type: 'FORWARD',
      order_type: 'PREPAID',
      cod_value: 0,
      length: 40,
      breadth: 30,
      height: 90,
      weight: 36000,
      items: boxes.map((code, i) => ({
        reference_number: code,
        description: `Carton ${i + 1}`,
        quantity: 1,
        weight: 12000,
        price: 41666.83,
        additional: { length: 40, breadth: 30, height: 30, weight: 12000 },
      })),
    },
    additional: { async: true, label: true },
  };
}

export interface Answer {
  status: number;
  body: any;
}

const AUTH = 'username=sbx-user&key=sbx-key';

export async function post(base: string, body: unknown, query = AUTH): Promise<Answer> {
  const res = await fetch(`${base}/api/v3/create-order/?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export async function get(base: string, path: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const query = new URLSearchParams({ username: 'sbx-user', key: 'sbx-key', ...params });
  const res = await fetch(`${base}${path}?${query}`, { headers });
  return { status: res.status, body: await res.json() };
}

export function poll(base: string, reference: string, idempotencyKey?: string): Promise<Answer> {
  return get(base, '/api/v3/create-order/', { reference_number: reference }, idempotencyKey ? { 'x-idempotency-key': idempotencyKey } : {});
}
