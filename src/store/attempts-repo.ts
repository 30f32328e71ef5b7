/**
 * One attempt per provider tried for a shipment, keyed by the reference_number sent to
 * ClickPost (unique), so recording an attempt twice updates it.
 */
import { toAttemptRow } from './map-rows.js';
import { ATTEMPT_COLUMNS, type AttemptRow, type Queryable } from './rows.js';
import { placeholders, type Binding } from './sql/raw-rows.js';

export type NewAttempt = Omit<AttemptRow, 'id'>;

/** Every column of an attempt row but its id, in the order of UPSERT_SQL's bindings. */
const UPSERT_COLUMNS = Object.keys(ATTEMPT_COLUMNS).filter((c) => c !== 'id') as Array<keyof NewAttempt>;

// Written once as SQL (every step that changes an attempt runs it), not built per call.
// started_at is kept from the insert, ended_at from the first time it was set.
const UPSERT_SQL = `insert into attempts (${UPSERT_COLUMNS.join(', ')}) values (${placeholders(UPSERT_COLUMNS.length)})
on conflict (reference_number) do update set ${UPSERT_COLUMNS.filter((c) => c !== 'reference_number' && c !== 'started_at')
  .map((c) => (c === 'ended_at' ? 'ended_at = coalesce(attempts.ended_at, excluded.ended_at)' : `${c} = excluded.${c}`))
  .join(', ')}`;

/**
 * Inserts, or updates the attempt with this reference_number. started_at is kept from the
 * insert, and ended_at from the first time it was set, so callers can pass `now` each time.
 */
export async function upsertAttempt(q: Queryable, attempt: NewAttempt): Promise<void> {
  await q.raw(UPSERT_SQL, UPSERT_COLUMNS.map((c) => (attempt[c] ?? null) as Binding));
}

/** A new round of providers: the previous round's rows go (the snapshot keeps them). */
export async function deleteAttemptsOf(q: Queryable, shipment_id: number): Promise<void> {
  await q('attempts').where({ shipment_id }).delete();
}

/** Priority order. */
export async function listAttempts(q: Queryable, shipment_id: number): Promise<AttemptRow[]> {
  const rows = await q('attempts').where({ shipment_id }).orderBy('priority');
  return rows.map(toAttemptRow);
}

/** The attempts of several shipments in one query (a page of the list), priority order within each. */
export async function listAttemptsOf(q: Queryable, shipment_ids: number[]): Promise<AttemptRow[]> {
  if (shipment_ids.length === 0) return [];
  const rows = await q('attempts').whereIn('shipment_id', shipment_ids).orderBy(['shipment_id', 'priority']);
  return rows.map(toAttemptRow);
}

export async function findAttemptByReference(q: Queryable, reference: string): Promise<AttemptRow | null> {
  const row = await q('attempts').where({ reference_number: reference }).first();
  return row ? toAttemptRow(row) : null;
}

export async function countAttemptsByOutcome(q: Queryable): Promise<Record<string, number>> {
  const rows: Array<{ outcome: string; n: unknown }> = await q('attempts')
    .select('outcome')
    .count({ n: '*' })
    .groupBy('outcome');
  return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
}
