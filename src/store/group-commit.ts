/**
 * Group commit: items that arrive while a write transaction runs (or waits for its
 * connection) are written together in the next one, so a burst of small writes (webhooks,
 * the worker's effect results) costs one BEGIN/COMMIT and one hand-over of SQLite's single
 * connection per batch instead of per item. Each caller resolves only after its item
 * committed.
 *
 * A batch that fails is written again one item at a time (`alone`), so one bad item fails
 * alone and the others still commit. When the database is away the whole batch is rejected
 * at once: one by one would only wait longer, and the callers retry.
 */
import { writeTransaction, type Db, type Tx } from './db.js';
import { isDatabaseUnavailable } from './db-unavailable.js';

export interface GroupCommitOptions<I, O> {
  db: Db;
  /** Writes the items in the caller's transaction; one result per item, in order. */
  write: (trx: Tx, items: readonly I[]) => Promise<O[]>;
  /** One item of a failed batch, on its own; default: `write` of that item in its own transaction. */
  alone?: (item: I) => Promise<O>;
  /** Most items in one transaction. */
  maxBatch: number;
  /** The transaction's first statement writes (writeTransaction's option). */
  writeFirst?: boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/** A function that writes one item with whatever else is waiting, answering its result after commit. */
export function groupCommit<I, O>(options: GroupCommitOptions<I, O>): (item: I) => Promise<O> {
  const { db, write, maxBatch, writeFirst = false } = options;
  const alone = options.alone ?? (async (item: I) => (await writeTransaction(db, (trx) => write(trx, [item]), { writeFirst }))[0] as O);
  const queue: Array<Waiting<I, O>> = [];
  let flushing = false;

  // One batch per turn of the event loop. A transaction on SQLite runs in microtasks only
  // (better-sqlite3 is synchronous), so no socket is read while it runs: starting the next
  // batch after setImmediate lets the items that arrived meanwhile join it.
  function flushSoon(): void {
    flushing = true;
    setImmediate(() => void flushBatch());
  }

  async function flushBatch(): Promise<void> {
    let batch: Array<Waiting<I, O>> = [];
    try {
      const results = await writeTransaction(db, (trx) => {
        // Taken once the transaction holds its connection: items that came in while it
        // waited for it (on SQLite, behind claims and timers) join it.
        batch = queue.splice(0, maxBatch);
        return write(trx, batch.map((w) => w.item));
      }, { writeFirst });
      batch.forEach((w, i) => w.resolve(results[i] as O));
    } catch (err) {
      if (batch.length === 0) batch = queue.splice(0, maxBatch); // the transaction did not begin
      if (isDatabaseUnavailable(err)) for (const w of batch) w.reject(err);
      else for (const w of batch) await alone(w.item).then(w.resolve, w.reject); // each item meets its own fate
    } finally {
      if (queue.length > 0) flushSoon();
      else flushing = false;
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!flushing) flushSoon();
    });
}
