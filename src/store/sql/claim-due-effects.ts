/**
 * Claims due PENDING effects under a lease and counts the attempt: PostgreSQL
 * `for update skip locked` in a CTE, SQLite one write-first `update ... returning`. An expired lease is claimable again (a crashed
 * worker's effect comes back with attempts + 1). `now` is bound from the caller's clock.
 */
import { dialectOf, type Dialect } from '../db.js';
import { toEffectRow } from '../map-rows.js';
import type { EffectRow, Queryable } from '../rows.js';
import { rawRows } from './raw-rows.js';
import { loadedShipmentOf, shipmentColumnsOf, type LoadedShipment } from './with-shipment.js';

export interface ClaimDueEffectsArgs {
  worker_id: string;
  now: number;
  lease_ms: number;
  limit: number;
}

const DUE_FILTER = `where status = 'PENDING' and run_at <= ? and (locked_until is null or locked_until < ?)
order by run_at, id
limit ?`;

/**
 * The claim statement, each effect with its shipment's columns. Bindings: PostgreSQL
 * `now, now, limit, worker, until`; SQLite `worker, until, now, now, limit`. Exported so a
 * test can run the very same statement from another process.
 */
export function claimEffectsSql(dialect: Dialect): string {
  if (dialect === 'postgres') {
    return `
with c as (
select id from effects
${DUE_FILTER}
for update skip locked
)
update effects e
set locked_by = ?, locked_until = ?, attempts = e.attempts + 1
from c
where e.id = c.id
returning e.*,
${shipmentColumnsOf('e')}`;
  }
  return `
update effects
set locked_by = ?, locked_until = ?, attempts = attempts + 1
where id in (
select id from effects
${DUE_FILTER}
)
returning *,
${shipmentColumnsOf('effects')}`;
}

export interface ClaimedEffect {
  effect: EffectRow;
  /** Its shipment as of the claim; null for effects of no shipment or a shipment gone. */
  shipment: LoadedShipment | null;
}

/** Up to `limit` due effects, oldest first, each with its shipment, in one statement. */
export async function claimDueEffectsWithShipment(db: Queryable, args: ClaimDueEffectsArgs): Promise<ClaimedEffect[]> {
  const { worker_id, now, lease_ms, limit } = args;
  if (limit <= 0) return [];
  const until = now + lease_ms;
  const dialect = dialectOf(db);
  const bindings = dialect === 'postgres' ? [now, now, limit, worker_id, until] : [worker_id, until, now, now, limit];
  const rows = await rawRows(db, claimEffectsSql(dialect), bindings);
  return rows
    .map((r) => ({ effect: toEffectRow(r), shipment: loadedShipmentOf(r) }))
    .sort((a, b) => a.effect.run_at - b.effect.run_at || a.effect.id - b.effect.id);
}
