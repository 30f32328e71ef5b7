/**
 * The bare baseline of label polling, a process of its own: better-sqlite3 and got on a
 * copy of the connector's database. Up to `BARE_CONCURRENCY` polls in flight; due timer
 * rows are taken (`delete ... returning`, oldest first, as many as free slots) and each
 * re-POSTs the create-order body (the template's request with its reference swapped);
 * an answer is recorded in one transaction: its api_calls row, the attempt's poll count,
 * the next poll's timer 2 min out. Env: BARE_DB, BARE_URL (the sandbox), BARE_BODY (a
 * file with the template request body), BARE_TEMPLATE (the template's reference),
 * BARE_CONCURRENCY. Prints "ready" once the database is open; SIGTERM ends it.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import got from 'got';

const env = process.env;
const concurrency = Number(env.BARE_CONCURRENCY ?? 64);
const template = fs.readFileSync(env.BARE_BODY!, 'utf8');
const templateRef = env.BARE_TEMPLATE!;
const url = `${env.BARE_URL}/api/v3/create-order/?username=bench&key=bench-key-0000`;
const db = new Database(env.BARE_DB!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');

const take = db.prepare(
  'delete from timers where id in (select id from timers where due_at <= ? order by due_at limit ?) returning shipment_id, event',
);
const nextDue = db.prepare('select min(due_at) as next from timers');
const insertCall = db.prepare(
  `insert into api_calls (shipment_id, reference_number, endpoint, method, url, request_body, response_body, http_status, duration_ms, created_at)
   values (?, ?, 'poll-order', 'POST', ?, ?, ?, ?, ?, ?)`,
);
const countPoll = db.prepare('update attempts set polls = polls + 1 where shipment_id = ? and priority = 1');
const nextPoll = db.prepare(
  `insert into timers (shipment_id, timer_key, event, due_at) values (?, 'labelPoll', ?, ?)
   on conflict (shipment_id, timer_key) do update set event = excluded.event, due_at = excluded.due_at`,
);
const record = db.transaction((shipmentId: number, ref: string, event: string, body: string, answer: string, status: number, ms: number) => {
  const now = Date.now();
  insertCall.run(shipmentId, ref, url, body, answer, status, ms, now);
  countPoll.run(shipmentId);
  nextPoll.run(shipmentId, event, now + 120_000);
});

let inFlight = 0;
let stopping = false;

async function poll(shipmentId: number, event: string): Promise<void> {
  const ref = (JSON.parse(event) as { reference: string }).reference;
  const body = template.split(templateRef).join(ref);
  const started = Date.now();
  try {
    const res = await got.post(url, { body, headers: { 'content-type': 'application/json', 'x-idempotency-key': `label_poll:${ref}:1` }, throwHttpErrors: false });
    record(shipmentId, ref, event, body, res.body, res.statusCode, Date.now() - started);
  } finally {
    inFlight--;
    wake();
  }
}

let timer: NodeJS.Timeout | null = null;
function wake(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(loop, 0);
}

function loop(): void {
  timer = null;
  if (stopping) return;
  const want = concurrency - inFlight;
  if (want <= 0) return; // an answer wakes the loop
  const rows = take.all(Date.now(), Math.min(100, want)) as { shipment_id: number; event: string }[];
  for (const r of rows) {
    inFlight++;
    void poll(r.shipment_id, r.event);
  }
  if (rows.length > 0) return wake();
  const next = (nextDue.get() as { next: number | null }).next;
  timer = setTimeout(loop, next === null ? 50 : Math.min(50, Math.max(0, next - Date.now())));
}

process.stdout.write('ready\n');
loop();
process.on('SIGTERM', () => {
  stopping = true;
  if (timer) clearTimeout(timer);
  db.close();
  process.exit(0);
});
