/**
 * Claims due PENDING effects under a lease and counts the attempt. Same shape as
 * claim-due-timers.ts: PostgreSQL `for update skip locked` in a CTE, SQLite one
 * write-first `update ... returning`. An expired lease is claimable again (a crashed
 * worker's effect comes back with attempts + 1). `now` is bound from the caller's clock.
 */
import { dialectOf, type Dialect } from '../db.js';
import { toEffectRow } from '../map-rows.js';
import type { EffectRow, Queryable } from '../rows.js';
import { placeholders, rawRows } from './raw-rows.js';
import { loadedShipmentOf, shipmentColumnsOf, type LoadedShipment } from './with-shipment.js';

export interface ClaimDueEffectsArgs {
  worker_id: string;
  now: number;
  lease_ms: number;
  limit: number;
  /** Only these kinds; all kinds when absent (an empty list claims nothing). */
  kinds?: string[];
}

function dueFilter(kindCount: number): string {
  const kinds = kindCount > 0 ? `and kind in (${placeholders(kindCount)})\n` : '';
  return `where status = 'PENDING' and run_at <= ? and (locked_until is null or locked_until < ?)
${kinds}order by run_at, id
limit ?`;
}

/**
 * The claim statement. Bindings: PostgreSQL `now, now, ...kinds, limit, worker, until`;
 * SQLite `worker, until, now, now, ...kinds, limit`. Exported so a test can run the very
 * same statement from another process.
 */
export function claimEffectsSql(dialect: Dialect, kindCount: number, withShipment = false): string {
  if (dialect === 'postgres') {
    return `
with c as (
select id from effects
${dueFilter(kindCount)}
for update skip locked
)
update effects e
set locked_by = ?, locked_until = ?, attempts = e.attempts + 1
from c
where e.id = c.id
returning e.*${withShipment ? `,\n${shipmentColumnsOf('e')}` : ''}`;
  }
  return `
update effects
set locked_by = ?, locked_until = ?, attempts = attempts + 1
where id in (
select id from effects
${dueFilter(kindCount)}
)
returning *${withShipment ? `,\n${shipmentColumnsOf('effects')}` : ''}`;
}

export async function claimDueEffects(db: Queryable, args: ClaimDueEffectsArgs): Promise<EffectRow[]> {
  const { worker_id, now, lease_ms, limit } = args;
  const kinds = args.kinds ?? [];
  if (limit <= 0 || (args.kinds && kinds.length === 0)) return [];
  const until = now + lease_ms;
  const dialect = dialectOf(db);
  const sql = claimEffectsSql(dialect, kinds.length);
  const bindings =
    dialect === 'postgres'
      ? [now, now, ...kinds, limit, worker_id, until]
      : [worker_id, until, now, now, ...kinds, limit];
  const rows = await rawRows(db, sql, bindings);
  return rows.map(toEffectRow).sort((a, b) => a.run_at - b.run_at || a.id - b.id);
}

export interface ClaimedEffect {
  effect: EffectRow;
  /** Its shipment as of the claim; null for effects of no shipment or a shipment gone. */
  shipment: LoadedShipment | null;
}

/** claimDueEffects, each effect with its shipment, in the one statement. */
export async function claimDueEffectsWithShipment(db: Queryable, args: ClaimDueEffectsArgs): Promise<ClaimedEffect[]> {
  const { worker_id, now, lease_ms, limit } = args;
  if (limit <= 0) return [];
  const until = now + lease_ms;
  const dialect = dialectOf(db);
  const bindings = dialect === 'postgres' ? [now, now, limit, worker_id, until] : [worker_id, until, now, now, limit];
  const rows = await rawRows(db, claimEffectsSql(dialect, 0, true), bindings);
  return rows
    .map((r) => ({ effect: toEffectRow(r), shipment: loadedShipmentOf(r) }))
    .sort((a, b) => a.effect.run_at - b.effect.run_at || a.effect.id - b.effect.id);
}
