/**
 * Durable timers: the machine's delayed events, one row per shipment and timer key.
 * Rescheduling replaces the row (and drops any lease, so a worker holding the old one
 * cannot complete it); cancelling deletes it. Takes and failures live in sql/.
 */
import { toTimerRow } from './map-rows.js';
import type { Queryable, TimerRow } from './rows.js';
import { rawRows } from './sql/raw-rows.js';

export { takeDueTimers, takeDueTimer, peekDueTimers, type TakenTimer } from './sql/take-due-timers.js';
export { failTimer, type FailTimerArgs, type FailedTimer } from './sql/fail-timer.js';

export interface UpsertTimerArgs {
  shipment_id: number;
  timer_key: string;
  /** The machine event fed back when due. */
  event: unknown;
  due_at: number;
}

// Written once as SQL (every poll and every retry round schedules one), not built per call.
const UPSERT_TIMER_SQL = `insert into timers (shipment_id, timer_key, event, due_at, locked_by, locked_until, failures, last_error, parked_at)
values (?, ?, ?, ?, null, null, 0, null, null)
on conflict (shipment_id, timer_key) do update set event = excluded.event, due_at = excluded.due_at,
locked_by = null, locked_until = null, failures = 0, last_error = null, parked_at = null`;

export async function upsertTimer(q: Queryable, args: UpsertTimerArgs): Promise<void> {
  const { shipment_id, timer_key, event, due_at } = args;
  // A rescheduled timer starts afresh: no lease, no failures counted, not parked.
  await q.raw(UPSERT_TIMER_SQL, [shipment_id, timer_key, JSON.stringify(event), due_at]);
}

export async function deleteTimer(q: Queryable, { shipment_id, timer_key }: { shipment_id: number; timer_key: string }): Promise<void> {
  await q('timers').where({ shipment_id, timer_key }).del();
}

/**
 * The earliest moment a timer may be claimable: its due_at, or the end of its lease when
 * one is held past due_at (so a waiting worker does not spin on a timer someone else holds).
 */
export async function nextTimerDueAt(q: Queryable): Promise<number | null> {
  // Two index walks (due_at; locked_until) rather than one expression over every timer: the
  // worker asks this whenever it goes idle, with up to 100,000 timers waiting.
  const free = await rawRows(
    q,
    `select due_at as at from timers
where parked_at is null and (locked_until is null or locked_until <= due_at)
order by due_at limit 1`,
    [],
  );
  const held = await rawRows(
    q,
    `select locked_until as at from timers
where locked_until is not null and locked_until > due_at and parked_at is null
order by locked_until limit 1`,
    [],
  );
  const times = [...free, ...held].map((r) => Number(r.at));
  return times.length > 0 ? Math.min(...times) : null;
}

export async function listTimers(q: Queryable, shipment_id: number): Promise<TimerRow[]> {
  const rows = await q('timers').where({ shipment_id }).orderBy([{ column: 'due_at' }, { column: 'id' }]);
  return rows.map(toTimerRow);
}
