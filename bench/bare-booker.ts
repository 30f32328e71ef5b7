/**
 * The bare baseline of a booking: what any connector must do at the least, written
 * directly with got and better-sqlite3. Per shipment: insert the shipment and its boxes
 * (one transaction), POST create-order to the same sandbox with the same shape of body,
 * record the call (an api_calls row), then write the AWBs and BOOKED (one transaction).
 * Calls run `concurrency` at a time in a continuous pool, as the connector's do.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import got from 'got';
import type { ShipmentInput } from '../src/domain/shipment-input.js';

export interface BareRun {
  ms: number;
  booked: number;
  /** Epoch ms of the start, and of the moment fewer shipments waited than there are slots. */
  startedAt: number;
  backlogEndedAt: number;
}

/** A v3 MPS create-order body for a sample shipment (the sandbox checks its shape). */
function payload(s: ShipmentInput): unknown {
  const p = s.providers[0]!;
  return {
    pickup_info: {
      pickup_name: s.pickup.name, pickup_address: s.pickup.address, pickup_city: s.pickup.city, pickup_state: s.pickup.state,
      pickup_pincode: s.pickup.pincode, pickup_country: s.pickup.country, email: s.pickup.email, pickup_phone: s.pickup.phone,
      pickup_time: '2026-11-23T16:15:00', tin: s.pickup.gstin,
    },
    drop_info: {
      drop_name: s.drop.name, drop_address: s.drop.address, drop_city: s.drop.city, drop_state: s.drop.state,
      drop_pincode: s.drop.pincode, drop_country: s.drop.country, drop_phone: s.drop.phone,
    },
    shipment_details: {
      shipment_type: 'MPS', account_code: p.account_code, courier_partner: p.courier_partner_id, reference_number: s.shipment_code,
      invoice_value: s.invoice.value, invoice_number: s.invoice.number, invoice_date: s.invoice.date, delivery_type: 'FORWARD',
      order_type: 'PREPAID', cod_value: 0, length: 40, breadth: 30, height: 30 * s.boxes.length,
      weight: s.boxes.reduce((w, b) => w + b.weight_g, 0),
      items: s.boxes.map((b, i) => ({
        reference_number: b.box_code, description: `Carton ${i + 1}`, quantity: 1, weight: b.weight_g, price: 100,
        additional: { length: b.length_cm, breadth: b.breadth_cm, height: b.height_cm, weight: b.weight_g },
      })),
    },
    additional: { async: false, label: true },
  };
}

export async function bareBooking(dir: string, name: string, baseUrl: string, shipments: ShipmentInput[], concurrency: number): Promise<BareRun> {
  const db = new Database(path.join(dir, `${name}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table shipments (id integer primary key, shipment_code text unique not null, status text not null, body text not null,
      parent_awb text, created_at integer not null, updated_at integer not null);
    create table boxes (id integer primary key, shipment_id integer not null, position integer not null, box_code text not null, child_awb text);
    create table api_calls (id integer primary key, shipment_id integer, url text, request_body text, response_body text, http_status integer, created_at integer);`);
  const insertShipment = db.prepare('insert into shipments (shipment_code, status, body, created_at, updated_at) values (?, ?, ?, ?, ?)');
  const insertBox = db.prepare('insert into boxes (shipment_id, position, box_code) values (?, ?, ?)');
  const insertCall = db.prepare('insert into api_calls (shipment_id, url, request_body, response_body, http_status, created_at) values (?, ?, ?, ?, ?, ?)');
  const book = db.prepare('update shipments set status = ?, parent_awb = ?, updated_at = ? where id = ?');
  const setAwb = db.prepare('update boxes set child_awb = ? where shipment_id = ? and position = ?');
  const schedule = db.transaction((s: ShipmentInput) => {
    const now = Date.now();
    const id = Number(insertShipment.run(s.shipment_code, 'QUEUED', JSON.stringify(s), now, now).lastInsertRowid);
    s.boxes.forEach((b, i) => insertBox.run(id, i, b.box_code));
    return id;
  });
  const finish = db.transaction((id: number, awb: string, children: string[]) => {
    book.run('BOOKED', awb, Date.now(), id);
    children.forEach((c, i) => setAwb.run(c, id, i));
  });
  const http = got.extend({ retry: { limit: 0 }, throwHttpErrors: false, responseType: 'text' });
  const url = `${baseUrl}/api/v3/create-order/?username=bench&key=bench-key`;

  let booked = 0;
  const startedAt = Date.now();
  let backlogEndedAt = 0;
  const start = process.hrtime.bigint();
  const queue = shipments.map((s) => ({ s, id: schedule(s) }));
  async function lane(): Promise<void> {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (queue.length === 0 && backlogEndedAt === 0) backlogEndedAt = Date.now();
      const body = JSON.stringify(payload(job.s));
      const answer = await http.post(url, { body, headers: { 'content-type': 'application/json' } });
      insertCall.run(job.id, url.replace(/key=[^&]*/, 'key=***'), body, answer.body, answer.statusCode, Date.now());
      const result = (JSON.parse(answer.body) as { result?: { waybill?: string; child_waybills?: unknown } }).result ?? {};
      const awb = String(result.waybill ?? '');
      if (!awb) throw new Error(`bare booking: no waybill for ${job.s.shipment_code}: ${answer.body.slice(0, 200)}`);
      finish(job.id, awb, job.s.boxes.map((_, i) => `${awb}_${i + 1}`));
      booked++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => lane()));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  db.close();
  return { ms, booked, startedAt, backlogEndedAt: backlogEndedAt || Date.now() };
}
