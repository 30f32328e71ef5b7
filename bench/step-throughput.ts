/**
 * (1) Step throughput: N shipments scheduled (QUEUED) and driven to BOOKED through
 * connector.worker.drain() against the loopback sandbox, on a SQLite file. Baseline: the
 * same number of bare better-sqlite3 transactions, each inserting a row like the
 * shipment's and updating it to BOOKED. The ratio is the engine's rate as a share of
 * the bare SQL floor's (machine, outbox, timers, read model, one HTTP call against none).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { sampleShipment } from '../src/cli/sample-shipment.js';
import { countByStatus, openEngine } from './engine-fixture.js';
import { timeMs, type BenchRow } from './measure.js';

const WARM_UP = 10;

interface SampleRow {
  body: string;
  snapshot: string;
}

async function engineRun(dir: string, count: number): Promise<{ ms: number; row: SampleRow }> {
  const engine = await openEngine(dir, 'steps');
  try {
    const { connector } = engine;
    const drive = async (prefix: string, n: number) => {
      for (let i = 0; i < n; i++) await connector.schedule(sampleShipment(`${prefix}-${i}`, ['Delhivery B2B', 'Bluedart Surface'], 2));
      await connector.worker.drain();
    };
    await drive('WARM', WARM_UP);
    const ms = await timeMs(() => drive('BENCH', count));
    const booked = await countByStatus(connector, 'BOOKED');
    if (booked !== count + WARM_UP) throw new Error(`step bench: ${booked} of ${count + WARM_UP} shipments BOOKED`);
    const row = (await connector.db('shipments').select('body', 'snapshot').orderBy('id', 'desc').first()) as SampleRow;
    return { ms, row };
  } finally {
    await engine.close();
  }
}

function bareRun(dir: string, count: number, sample: SampleRow): number {
  const db = new Database(path.join(dir, 'bare.sqlite'));
  try {
    // The engine's own pragmas (src/store/db.ts), so the floor is comparable.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`create table shipments (
      id integer primary key autoincrement, shipment_code text not null unique, status text not null,
      body text not null, snapshot text not null, version integer not null, created_at integer not null, updated_at integer not null)`);
    const insert = db.prepare('insert into shipments (shipment_code, status, body, snapshot, version, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?)');
    const update = db.prepare('update shipments set status = ?, snapshot = ?, version = version + 1, updated_at = ? where id = ?');
    const one = db.transaction((code: string) => {
      const now = Date.now();
      const { lastInsertRowid } = insert.run(code, 'QUEUED', sample.body, sample.snapshot, now, now);
      update.run('BOOKED', sample.snapshot, now, lastInsertRowid);
    });
    for (let i = 0; i < WARM_UP; i++) one(`WARM-${i}`);
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) one(`BENCH-${i}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    db.close();
  }
}

export async function benchStepThroughput(dir: string, count: number): Promise<BenchRow> {
  const engine = await engineRun(dir, count);
  const bareMs = bareRun(dir, count, engine.row);
  const perSecond = (ms: number) => (count / ms) * 1000;
  return {
    name: `step throughput: ${count} shipments QUEUED -> BOOKED (drain, sandbox, SQLite)`,
    value: `${perSecond(engine.ms).toFixed(0)} shipments/s`,
    baseline: `${perSecond(bareMs).toFixed(0)} bare insert+update tx/s`,
    ratio: bareMs / engine.ms, // share of the bare rate (1.0 = as fast as the floor)
    goal: 'share of the bare rate, higher is better',
  };
}
