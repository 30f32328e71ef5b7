/**
 * Takes due timers inside the caller's transaction: deletes them and hands them back
 * with their shipments (with-shipment.ts), so the step that feeds their events commits
 * with the deletion or not at all. No lease is needed: a crash rolls the deletion back
 * and the timers are due again at once. PostgreSQL skips rows another node is taking
 * (`for update skip locked`); SQLite's delete takes the write lock before it reads.
 * A timer held under a lease (claimDueTimers, failTimer) is taken once the lease ran out.
 */
import { dialectOf } from '../db.js';
import { toTimerRow } from '../map-rows.js';
import type { Queryable, TimerRow } from '../rows.js';
import { rawRows } from './raw-rows.js';
import { loadedShipmentOf, shipmentColumnsOf, type LoadedShipment } from './with-shipment.js';

export interface TakenTimer {
  timer: TimerRow;
  shipment: LoadedShipment | null;
}

// A parked timer (fail-timer.ts) is never due again.
const DUE = 'due_at <= ? and (locked_until is null or locked_until < ?) and parked_at is null';

function takeSql(postgres: boolean, one: boolean): string {
  const pick = one
    ? `select id from timers where id = ? and ${DUE}`
    : `select id from timers where ${DUE} order by due_at, id limit ?`;
  return `delete from timers where id in (${pick}${postgres ? ' for update skip locked' : ''})
returning *,
${shipmentColumnsOf('timers')}`;
}

function taken(rows: Record<string, unknown>[]): TakenTimer[] {
  return rows
    .map((r) => ({ timer: toTimerRow(r), shipment: loadedShipmentOf(r) }))
    .sort((a, b) => a.timer.due_at - b.timer.due_at || a.timer.id - b.timer.id);
}

/** Up to `limit` due timers, oldest due first. Call inside a write transaction. */
export async function takeDueTimers(trx: Queryable, { now, limit }: { now: number; limit: number }): Promise<TakenTimer[]> {
  if (limit <= 0) return [];
  return taken(await rawRows(trx, takeSql(dialectOf(trx) === 'postgres', false), [now, now, limit]));
}

/** The one timer `id`, when it is still due and free. Call inside a write transaction. */
export async function takeDueTimer(trx: Queryable, { id, now }: { id: number; now: number }): Promise<TakenTimer | null> {
  return taken(await rawRows(trx, takeSql(dialectOf(trx) === 'postgres', true), [id, now, now]))[0] ?? null;
}

/** The due timers a take would get, without taking them (to go through them one by one). */
export async function peekDueTimers(q: Queryable, { now, limit }: { now: number; limit: number }): Promise<TimerRow[]> {
  const rows = await rawRows(q, `select * from timers where ${DUE} order by due_at, id limit ?`, [now, now, limit]);
  return rows.map(toTimerRow);
}
