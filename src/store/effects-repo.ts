/**
 * Effects outbox: the machine's I/O requests, written in the step's transaction and run
 * by workers under a lease. Idempotent by idempotency_key. Lease statements live in sql/.
 */
import { jsonText, toEffectRow } from './map-rows.js';
import { EFFECT_STATUS, type EffectRow, type EffectStatus, type Queryable } from './rows.js';
import { rawRows } from './sql/raw-rows.js';

export { claimDueEffectsWithShipment, claimEffectsSql, type ClaimDueEffectsArgs, type ClaimedEffect } from './sql/claim-due-effects.js';
export { completeEffect, type CompleteEffectArgs } from './sql/complete-effect.js';
export { failEffect, type FailEffectArgs } from './sql/fail-effect.js';
export { deferEffect, type DeferEffectArgs } from './sql/defer-effect.js';
export { extendEffectLease, extendEffectLeases, type ExtendEffectLeaseArgs, type ExtendEffectLeasesArgs } from './sql/extend-effect-lease.js';

export interface InsertEffectArgs {
  shipment_id: number | null;
  kind: string;
  payload: unknown;
  idempotency_key: string;
  run_at: number;
  now: number;
}

// Written once as SQL (every step that asks for I/O runs it), not built per call.
const INSERT_EFFECT_SQL = `insert into effects (shipment_id, kind, payload, idempotency_key, status, attempts, run_at, created_at)
values (?, ?, ?, ?, ?, 0, ?, ?)
on conflict (idempotency_key) do nothing
returning id`;

/** The new effect's id, or null when an effect with this idempotency_key exists already. */
export async function insertEffect(q: Queryable, args: InsertEffectArgs): Promise<number | null> {
  const { shipment_id, kind, payload, idempotency_key, run_at, now } = args;
  const rows = await rawRows(q, INSERT_EFFECT_SQL, [shipment_id, kind, jsonText(payload) ?? 'null', idempotency_key, EFFECT_STATUS.PENDING, run_at, now]);
  return rows.length > 0 ? Number(rows[0]!.id) : null;
}

/** The earliest moment a PENDING effect may be claimable (run_at, or its lease's end). */
export async function nextEffectRunAt(q: Queryable): Promise<number | null> {
  const rows = await rawRows(
    q,
    `select min(case when locked_until is not null and locked_until > run_at then locked_until else run_at end) as next_at
from effects
where status = ?`,
    [EFFECT_STATUS.PENDING],
  );
  const next = rows[0]?.next_at;
  return next === null || next === undefined ? null : Number(next);
}

export async function countEffects(q: Queryable, { status }: { status: EffectStatus | string }): Promise<number> {
  const row = await q('effects').where({ status }).count<{ n: unknown }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export interface ListEffectsFilter {
  shipment_id?: number;
  kind?: string;
  status?: EffectStatus | string;
}

/** Oldest first (id order). */
export async function listEffects(q: Queryable, filter: ListEffectsFilter = {}): Promise<EffectRow[]> {
  const query = q('effects');
  if (filter.shipment_id !== undefined) query.where('shipment_id', filter.shipment_id);
  if (filter.kind !== undefined) query.where('kind', filter.kind);
  if (filter.status !== undefined) query.where('status', filter.status);
  const rows = await query.orderBy('id');
  return rows.map(toEffectRow);
}
