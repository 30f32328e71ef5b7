/** The number a `count({ n: '*' })` query answers (a string on PostgreSQL, a number on SQLite). */
export async function countRows(query: Promise<Array<{ n: unknown }>>): Promise<number> {
  const rows = await query;
  return Number(rows[0]?.n ?? 0);
}
