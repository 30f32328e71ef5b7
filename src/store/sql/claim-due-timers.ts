/**
 * Claims due timers under a lease. One statement on both databases, write-first:
 * PostgreSQL locks the chosen rows with `for update skip locked` so concurrent claimers
 * pass each other by; SQLite runs a single `update ... returning` that takes the write
 * lock before it reads (a read-then-write transaction would fail with
 * SQLITE_BUSY_SNAPSHOT across processes). An expired lease is claimable again: that is
 * how a crashed worker's timers come back. `now` is bound, never read from the database.
 */
import { dialectOf } from '../db.js';
import { toTimerRow } from '../map-rows.js';
import type { Queryable, TimerRow } from '../rows.js';
import { rawRows } from './raw-rows.js';

export interface ClaimDueTimersArgs {
  worker_id: string;
  now: number;
  lease_ms: number;
  limit: number;
}

const postgresSql = `
with c as (
select id from timers
where due_at <= ? and (locked_until is null or locked_until < ?)
order by due_at, id
limit ?
for update skip locked
)
update timers t
set locked_by = ?, locked_until = ?
from c
where t.id = c.id
returning t.*`;

const sqliteSql = `
update timers
set locked_by = ?, locked_until = ?
where id in (
select id from timers
where due_at <= ? and (locked_until is null or locked_until < ?)
order by due_at, id
limit ?
)
returning *`;

export async function claimDueTimers(db: Queryable, args: ClaimDueTimersArgs): Promise<TimerRow[]> {
  const { worker_id, now, lease_ms, limit } = args;
  if (limit <= 0) return [];
  const until = now + lease_ms;
  const rows =
    dialectOf(db) === 'postgres'
      ? await rawRows(db, postgresSql, [now, now, limit, worker_id, until])
      : await rawRows(db, sqliteSql, [worker_id, until, now, now, limit]);
  // `returning` gives no order; callers get the claim order.
  return rows.map(toTimerRow).sort((a, b) => a.due_at - b.due_at || a.id - b.id);
}
