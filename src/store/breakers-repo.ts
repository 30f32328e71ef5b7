/** account_breakers rows: one per courier account (src/breaker/). */
import type { Breaker, BreakerState } from '../breaker/breaker-rules.js';
import type { Queryable } from './rows.js';
import { dialectOf, type Db } from './db.js';

export interface AccountRef {
  courier_partner_id: number;
  account_code: string;
}

/** What was last heard from ClickPost for an account. */
export interface LastAnswer {
  outcome: string;
  http_status: number | null;
  meta_status: number | null;
  message: string | null;
  at: number;
}

export interface BreakerRow extends AccountRef, Breaker {
  last: LastAnswer | null;
  updated_at: number;
}

export const accountKey = (a: AccountRef): string => `${a.courier_partner_id}:${a.account_code}`;

function toRow(r: Record<string, unknown>): BreakerRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    courier_partner_id: Number(r.courier_partner_id),
    account_code: String(r.account_code),
    state: r.state as BreakerState,
    consecutive_failures: Number(r.consecutive_failures),
    open_until: num(r.open_until),
    probe_until: num(r.probe_until),
    last: r.last_at === null || r.last_at === undefined ? null : {
      outcome: String(r.last_outcome),
      http_status: num(r.last_http_status),
      meta_status: num(r.last_meta_status),
      message: (r.last_message as string | null) ?? null,
      at: Number(r.last_at),
    },
    updated_at: Number(r.updated_at),
  };
}

export async function findBreaker(q: Queryable, account: AccountRef): Promise<BreakerRow | null> {
  const row = await q('account_breakers').where({ account_key: accountKey(account) }).first();
  return row ? toRow(row) : null;
}

/**
 * Locks the account's row for the rest of the transaction on PostgreSQL (SQLite: the write
 * lock is already held). The row is created first when missing: `for update` locks nothing
 * that does not exist, and two first failures would both count from zero.
 */
export async function findBreakerForUpdate(q: Queryable, account: AccountRef, now: number): Promise<BreakerRow | null> {
  await q('account_breakers')
    .insert({ account_key: accountKey(account), courier_partner_id: account.courier_partner_id, account_code: account.account_code, state: 'CLOSED', consecutive_failures: 0, updated_at: now })
    .onConflict('account_key')
    .ignore();
  const query = q('account_breakers').where({ account_key: accountKey(account) });
  const row = await (dialectOf(q as Db) === 'postgres' ? query.forUpdate() : query).first();
  return row ? toRow(row) : null;
}

export async function saveBreaker(q: Queryable, account: AccountRef, b: Breaker, last: LastAnswer | null, now: number): Promise<void> {
  const values = {
    account_key: accountKey(account),
    courier_partner_id: account.courier_partner_id,
    account_code: account.account_code,
    state: b.state,
    consecutive_failures: b.consecutive_failures,
    open_until: b.open_until,
    probe_until: b.probe_until,
    updated_at: now,
    ...(last ? { last_outcome: last.outcome, last_http_status: last.http_status, last_meta_status: last.meta_status, last_message: last.message, last_at: last.at } : {}),
  };
  const { account_key: _k, courier_partner_id: _c, account_code: _a, ...changes } = values;
  await q('account_breakers').insert(values).onConflict('account_key').merge(changes);
}

export async function listBreakers(q: Queryable): Promise<BreakerRow[]> {
  const rows = await q('account_breakers').orderBy(['courier_partner_id', 'account_code']);
  return rows.map(toRow);
}
