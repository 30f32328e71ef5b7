/**
 * The api_calls rows of a worker's ClickPost calls are written in the transaction that
 * completes the effect and steps the machine (issue 10, point 3), one insert per group
 * commit; a result that is not stepped still leaves its rows. Real database (SQLite, and
 * PostgreSQL when DATABASE_URL names one), real loopback sandbox, fake clock; statements
 * are counted with knex's 'query' event on the connector's own database.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { testDatabases } from '../helpers/db.js';
import { insertApiCalls, listApiCalls } from '../../src/store/api-calls-repo.js';
import type { ApiCallRecord } from '../../src/transport/types.js';
import { listEffects } from '../../src/store/effects-repo.js';
import type { Logger } from '../../src/logger.js';

const POLL_MS = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const giveUp = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

interface Statement {
  sql: string;
  bindings: unknown[];
  /** knex's id of the transaction the statement ran in (none: autocommit). */
  tx: string | undefined;
}

/** Every statement knex sends on `db` until `stop()`. */
function recordStatements(db: Knex): { statements: Statement[]; stop(): void } {
  const statements: Statement[] = [];
  const on = (q: { sql: string; bindings?: unknown[]; __knexTxId?: string }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [], tx: q.__knexTxId });
  db.on('query', on);
  return { statements, stop: () => db.off('query', on) };
}

const isCallsInsert = (s: Statement) => /^insert into .api_calls./i.test(s.sql);
const isEffectDone = (s: Statement) => /^update .?effects.? set .?status.? = /i.test(s.sql) && s.bindings.includes('DONE');

/** A logger that keeps its lines (the host's logger; the connector logs through it). */
function keptLines() {
  const lines: { level: string; message: string; fields: object }[] = [];
  const at = (level: string) => (message: string, fields: object = {}) => void lines.push({ level, message, fields });
  const logger: Logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
  return { lines, logger };
}

describe.each(testDatabases())('api_calls rows with the step on %s', (kind) => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  const open = async (extra: Parameters<typeof createHarness>[1] = {}) => {
    h = await createHarness(kind, { labelPollIntervalMs: POLL_MS, ...extra });
    return h;
  };
  const schedule = (code: string, accounts: string[]) => h!.connector.schedule(exampleShipment(code, accounts, 2));

  it('every call of a booking has its row, with the shipment id and the attempt reference, written in the transaction of its step', async () => {
    const { connector, sandbox } = await open();
    const rec = recordStatements(connector.db);
    // P1 refuses (319: fail over); P2 answers 500 once, then asynchronously: one label poll says 102, the next books.
    await schedule('AC-1', ['SBX_ERR_319', 'SBX_HTTP500_1+SBX_ASYNC_2']);
    await h!.drain();
    await h!.advance(POLL_MS);
    await h!.advance(POLL_MS);
    rec.stop();
    const s = await connector.get('AC-1');
    expect(s.status).toBe('BOOKED');
    expect(s.provider?.priority).toBe(2);

    // Each request the sandbox saw is one row, of this shipment, under its attempt's reference.
    const shipmentId = (await connector.db('shipments').where({ shipment_code: 'AC-1' }).first()).id as number;
    const rows = await listApiCalls(connector.db, { shipment_id: shipmentId });
    const sent = sandbox.ledger.requests.filter((r) => r.path.startsWith('/api/'));
    expect(sent).toHaveLength(5); // P1 create, P2 create 500 + retry, 2 polls
    expect(rows).toHaveLength(5);
    expect(Number((await connector.db('api_calls').count({ n: '*' }).first())?.n)).toBe(5); // and no row without the shipment
    const references = s.attempts.map((a) => a.reference_number);
    expect(references).toEqual(['AC-1', 'AC-1-P2']);
    const byReference = (list: { reference: string | null }[]) => Object.fromEntries(references.map((ref) => [ref, list.filter((r) => r.reference === ref).length]));
    expect(byReference(rows.map((r) => ({ reference: r.reference_number })))).toEqual(byReference(sent));
    expect(rows.filter((r) => r.reference_number === 'AC-1-P2').map((r) => r.http_status)).toEqual([500, 200, 200, 200]);

    // Written inside the transactions that complete effects: none on its own.
    const inserts = rec.statements.filter(isCallsInsert);
    expect(inserts.length).toBeGreaterThan(0);
    for (const insert of inserts) {
      expect(insert.tx).toBeDefined();
      expect(rec.statements.some((other) => other.tx === insert.tx && isEffectDone(other))).toBe(true);
    }
  });

  it('the label polls of N bookings answered together go in one insert statement', async () => {
    const N = 5;
    const { connector, sandbox, clock } = await open();
    // Each answers 202 at once, then its first label poll books, held back 300 ms by the sandbox.
    for (let i = 1; i <= N; i++) await schedule(`GRP-${i}`, ['SBX_ASYNC_1+SBX_POLLSLOW_300']);
    await h!.drain();
    for (let i = 1; i <= N; i++) expect((await connector.get(`GRP-${i}`)).status).toBe('LABEL_REQUESTED');
    const before = (await listApiCalls(connector.db)).length;
    const sentBefore = sandbox.ledger.requests.length;

    const rec = recordStatements(connector.db);
    clock.advance(POLL_MS);
    const draining = connector.worker.drain();
    await until('the polls to reach the sandbox', () => sandbox.ledger.requests.length - sentBefore === N);
    // Every connection of the connector's pool taken: the answers that come in now wait for the database together.
    const pool = (connector.db.client as { pool: { max: number } }).pool;
    const held = await Promise.all(Array.from({ length: pool.max }, () => connector.db.transaction()));
    try {
      await until('every answer to be in', () => connector.worker.inFlight() === 0, 3_000);
      await sleep(20);
    } finally {
      for (const trx of held) await trx.rollback();
      await draining;
    }
    rec.stop();

    for (let i = 1; i <= N; i++) expect((await connector.get(`GRP-${i}`)).status).toBe('BOOKED');
    const rows = (await listApiCalls(connector.db)).slice(before);
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.shipment_id)).size).toBe(N);
    const inserts = rec.statements.filter(isCallsInsert);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]!.bindings.length).toBe(N * Object.keys(rows[0]!).filter((c) => c !== 'id').length);
    expect(rec.statements.filter((s) => s.tx === inserts[0]!.tx && isEffectDone(s))).toHaveLength(N);
  });

  it('a fenced result (another worker owns the row) is not stepped, and its call still leaves its row', async () => {
    const { connector, sandbox } = await open();
    await schedule('FEN-1', ['SBX_SLOW_300']);
    const draining = connector.worker.drain();
    await until('create-order to reach the sandbox', () => sandbox.ledger.requests.some((r) => r.reference === 'FEN-1'));
    // Its lease ran out meanwhile and another worker claimed the row.
    await connector.db('effects').where({ kind: 'create_order' }).update({ locked_by: 'another-node:1:beef' });
    await draining;

    const [effect] = await listEffects(connector.db, { kind: 'create_order' });
    expect(effect).toMatchObject({ status: 'PENDING', locked_by: 'another-node:1:beef' });
    expect((await connector.get('FEN-1')).status).toBe('CREATING');
    const rows = await listApiCalls(connector.db, { reference_number: 'FEN-1' });
    expect(rows).toEqual([expect.objectContaining({ endpoint: 'create-order', http_status: 200, shipment_id: effect!.shipment_id, failed: false })]);
  });

  it('a result whose step fails is dropped, and its call still leaves its row', async () => {
    const { connector, sandbox } = await open();
    await schedule('BAD-1', ['SBX_SLOW_300']);
    const draining = connector.worker.drain();
    await until('create-order to reach the sandbox', () => sandbox.ledger.requests.some((r) => r.reference === 'BAD-1'));
    // The shipment changed under the call (version) into something no step can read.
    await connector.db('shipments').where({ shipment_code: 'BAD-1' }).update({ snapshot: '{"not":"a snapshot"', version: connector.db.raw('version + 1') });
    await draining;

    const [effect] = await listEffects(connector.db, { kind: 'create_order' });
    expect(effect!.status).toBe('PENDING');
    expect(effect!.last_error).not.toBeNull();
    expect(await listApiCalls(connector.db, { reference_number: 'BAD-1' })).toEqual([expect.objectContaining({ endpoint: 'create-order', http_status: 200 })]);
  });

  it('rows the database refuses do not fail the booking: it is stepped without them, and the loss is logged', async () => {
    const { lines, logger } = keptLines();
    const { connector } = await open({ logger });
    await schedule('REF-1', ['Delhivery B2B']);
    await connector.db.schema.renameTable('api_calls', 'api_calls_away');
    try {
      await h!.drain();
    } finally {
      await connector.db.schema.renameTable('api_calls_away', 'api_calls');
    }
    expect((await connector.get('REF-1')).status).toBe('BOOKED');
    const [effect] = await listEffects(connector.db, { kind: 'create_order' });
    expect(effect).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'api_calls rows not written', fields: expect.objectContaining({ rows: 1 }) }));
  });

  it('a group of more rows than one insert may carry is split (SQLite: 500 compound terms), none lost', async () => {
    const { connector } = await open();
    const row = (i: number): ApiCallRecord => ({
      shipment_id: null, reference_number: `CH-${i}`, endpoint: 'poll-order', method: 'POST', url: 'http://sandbox/api/v3/create-order/?key=[REDACTED]',
      request_body: '{}', response_body: '{}', http_status: 200, meta_status: 102, duration_ms: 1, error_kind: null, error_message: null, retry_number: 0, failed: false, created_at: i,
    });
    const rec = recordStatements(connector.db);
    await connector.db.transaction((trx) => insertApiCalls(trx, Array.from({ length: 1_201 }, (_, i) => row(i))));
    rec.stop();
    expect(rec.statements.filter(isCallsInsert).map((s) => s.bindings.length / 15)).toEqual([500, 500, 201]);
    const rows = await listApiCalls(connector.db);
    expect(rows.map((r) => r.reference_number)).toEqual(Array.from({ length: 1_201 }, (_, i) => `CH-${i}`));
  });
});
