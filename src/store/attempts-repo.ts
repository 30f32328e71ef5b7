/**
 * One attempt per provider tried for a shipment, keyed by the reference_number sent to
 * ClickPost (unique), so recording an attempt twice updates it.
 */
import { toAttemptRow } from './map-rows.js';
import type { AttemptRow, Queryable } from './rows.js';

export type NewAttempt = Omit<AttemptRow, 'id'>;

/** Inserts, or updates every other column of the attempt with this reference_number. */
export async function upsertAttempt(q: Queryable, attempt: NewAttempt): Promise<void> {
  const { reference_number, ...rest } = attempt;
  await q('attempts')
    .insert({ reference_number, ...rest })
    .onConflict('reference_number')
    .merge(Object.keys(rest));
}

/** Priority order. */
export async function listAttempts(q: Queryable, shipment_id: number): Promise<AttemptRow[]> {
  const rows = await q('attempts').where({ shipment_id }).orderBy('priority');
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
