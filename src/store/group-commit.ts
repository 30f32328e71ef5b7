/**
 * Group commit: items that arrive while a write transaction runs are written together in
 * the next one, so a burst of small writes (webhooks) costs one BEGIN/COMMIT, one write
 * lock on SQLite's single connection, and one fsync per batch instead of per item. Each
 * caller still resolves only after its item committed.
 *
 * A batch that fails is written again one item per transaction, so one bad item fails
 * alone and the others still commit; an item that fails alone rejects its caller. When the
 * database is away, the whole batch is rejected at once (one by one would only wait longer).
 */
import { writeTransaction, type Db, type Tx } from './db.js';
import { isDatabaseUnavailable } from './db-unavailable.js';

export interface GroupCommitOptions<I, O> {
  db: Db;
  /** Writes the items in the caller's transaction; one result per item, in order. */
  write: (trx: Tx, items: readonly I[]) => Promise<O[]>;
  /** Most items in one transaction. */
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/** A function that writes one item with whatever else is waiting, answering its result after commit. */
export function groupCommit<I, O>({ db, write, maxBatch }: GroupCommitOptions<I, O>): (item: I) => Promise<O> {
  const queue: Array<Waiting<I, O>> = [];
  let flushing = false;

  const writeAlone = async (w: Waiting<I, O>): Promise<void> => {
    try {
      const [result] = await writeTransaction(db, (trx) => write(trx, [w.item]));
      w.resolve(result as O);
    } catch (err) {
      w.reject(err);
    }
  };

  // One batch per turn of the event loop. A transaction on SQLite runs in microtasks only
  // (better-sqlite3 is synchronous), so no request is read while it runs: starting the next
  // batch after setImmediate lets the requests that arrived meanwhile join it.
  function flushSoon(): void {
    flushing = true;
    setImmediate(() => void flushBatch());
  }

  async function flushBatch(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    try {
      if (batch.length === 1) await writeAlone(batch[0]!);
      else await writeBatch(batch);
    } finally {
      if (queue.length > 0) flushSoon();
      else flushing = false;
    }
  }

  async function writeBatch(batch: Array<Waiting<I, O>>): Promise<void> {
    try {
      const results = await writeTransaction(db, (trx) => write(trx, batch.map((w) => w.item)));
      batch.forEach((w, i) => w.resolve(results[i] as O));
    } catch (err) {
      if (isDatabaseUnavailable(err)) for (const w of batch) w.reject(err);
      else for (const w of batch) await writeAlone(w); // each item meets its own fate
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!flushing) flushSoon();
    });
}
