/**
 * The bare baseline of webhook ingest, a process of its own: a fastify handler that checks
 * the key, reads the body and inserts the event in SQLite (better-sqlite3, WAL, a unique
 * dedupe key), answering after the insert, as the connector does. Env: BARE_DB,
 * WEBHOOK_KEY. Sends its URL to the parent over IPC; SIGTERM ends it.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const db = new Database(process.env.BARE_DB!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table if not exists events (id integer primary key, awb text not null, dedupe_key text unique not null,
  status_code integer, event_time text, received_at integer not null, raw text)`);
const insert = db.prepare('insert into events (awb, dedupe_key, status_code, event_time, received_at, raw) values (?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing');
const key = process.env.WEBHOOK_KEY;

const app = Fastify();
app.post('/v1/webhooks/clickpost', async (request, reply) => {
  if (request.headers.webhook_key !== key) return reply.code(401).send({ error: 'unauthorized' });
  const b = request.body as { waybill?: string; clickpost_status_code?: number; timestamp?: string };
  if (!b?.waybill || typeof b.clickpost_status_code !== 'number' || !b.timestamp) return reply.code(400).send({ error: 'invalid_webhook' });
  const r = insert.run(b.waybill, `${b.waybill}:${b.clickpost_status_code}:${b.timestamp}`, b.clickpost_status_code, b.timestamp, Date.now(), JSON.stringify(b));
  return { ok: true, duplicate: r.changes === 0, stale: false };
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.send!({ url });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
