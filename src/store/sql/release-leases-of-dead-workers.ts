/**
 * At start: leases held by earlier processes of this node that are no longer alive
 * (kill -9, OOM) are released at once instead of waiting for them to expire. Worker ids
 * are `<node>:<pid>:<random>`; only this node's ids are looked at, and a pid still alive
 * is left alone. Leases of other nodes expire on their own.
 */
import type { Knex } from 'knex';

type Queryable = Knex | Knex.Transaction;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function releaseLeasesOfDeadWorkers(db: Queryable, { node_id, self_pid }: { node_id: string; self_pid: number }): Promise<number> {
  let released = 0;
  for (const table of ['timers', 'effects'] as const) {
    const rows = (await db(table).select('locked_by').whereLike('locked_by', `${node_id}:%`).groupBy('locked_by')) as { locked_by: string }[];
    for (const { locked_by } of rows) {
      const pid = Number.parseInt(locked_by.slice(node_id.length + 1).split(':')[0] ?? '', 10);
      if (!Number.isFinite(pid) || pid === self_pid || pidAlive(pid)) continue;
      released += await db(table).where({ locked_by }).update({ locked_by: null, locked_until: null });
    }
  }
  return released;
}
