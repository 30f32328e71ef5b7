/**
 * Runs one raw statement and returns its rows on either dialect: knex hands back the
 * pg result object for PostgreSQL and a plain array (or run info) for better-sqlite3.
 */
import type { Queryable } from '../rows.js';

export type Binding = string | number | boolean | null;

export async function rawRows(q: Queryable, sql: string, bindings: readonly Binding[]): Promise<Record<string, unknown>[]> {
  const result: unknown = await q.raw(sql, bindings as Binding[]);
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

/** `?, ?, ?` for an `in (...)` list. */
export function placeholders(count: number): string {
  return new Array(count).fill('?').join(', ');
}
