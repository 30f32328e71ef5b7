/**
 * Slicing a statement's list (an `in (...)` list, the rows of a multi-row insert) so that
 * each statement stays within what both databases accept.
 */

/**
 * Rows of `columns` values per multi-row insert: knex writes SQLite's as one SELECT per row
 * joined by UNION ALL, at most 500 of them (SQLITE_MAX_COMPOUND_SELECT), and at most 32,766
 * bound parameters (PostgreSQL: 65,535).
 */
export function rowsPerInsert(columns: number): number {
  return Math.min(500, Math.floor(32_766 / columns));
}

/** `items` in slices of at most `size`, in order. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
