/**
 * api_calls rows that travel with the call's result instead of being written one by one.
 *
 * The worker runs an effect's executor inside `collectCallRecords(rows, run)`: every try the
 * transport records while `run` runs is appended to `rows`, and the worker inserts them in the
 * transaction that completes the effect and steps the machine (with group commit, one
 * multi-row insert for the whole batch). Outside such a scope (a cancel from the HTTP face,
 * tracking polls, reconciliation, the CLI, host callbacks) the recorder `deferrable` wraps
 * writes at once, as before.
 *
 * Why a scope (AsyncLocalStorage) rather than a parameter: the rows are born three layers
 * below the worker (executor -> ClickPost API -> transport), in code that callers outside the
 * worker share; the scope follows the executor's own async calls, and no layer in between
 * has to carry a sink. A try recorded after its scope closed (nothing the worker waits for
 * does that today) is written at once, never dropped.
 *
 * The trade-off: a process killed between a call and the commit of its step loses that
 * call's rows, as it loses the call's answer; the effect comes back after its lease, the call
 * is sent again, and that try is recorded then (docs/design.md, "When api_calls rows are
 * written").
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApiCallRecord, ApiCallRecorder } from './types.js';

interface Scope {
  rows: ApiCallRecord[];
  open: boolean;
}

const current = new AsyncLocalStorage<Scope>();

/** Runs `run`; the tries recorded meanwhile are appended to `rows` (the caller writes them). */
export async function collectCallRecords<T>(rows: ApiCallRecord[], run: () => Promise<T>): Promise<T> {
  const scope: Scope = { rows, open: true };
  try {
    return await current.run(scope, run);
  } finally {
    scope.open = false;
  }
}

/** A recorder that hands a row to the open scope, if any, and otherwise writes it with `write`. */
export function deferrable(write: ApiCallRecorder): ApiCallRecorder {
  return (row) => {
    const scope = current.getStore();
    if (scope?.open) {
      scope.rows.push(row);
      return;
    }
    return write(row);
  };
}
