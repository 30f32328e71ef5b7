/**
 * Column kinds: how one database value is read into its typed field (and written back when
 * it is not stored as it is). Both dialects come through here, so their differences (0/1 vs
 * true/false, JSON text vs JSON, bigint text) end in this file. A table is a list of named
 * columns (rows.ts); its row type and its reader are derived from that list, never restated.
 */
import { parseJson, toBool } from './db.js';

export interface Column<T> {
  read(raw: unknown): T;
  /** The database value of a field; absent when the field is stored as it is. */
  write?(value: T): unknown;
}

export type Columns = Record<string, Column<unknown>>;

/** The typed row a list of columns describes. */
export type RowOf<C extends Columns> = { [K in keyof C]: C[K] extends Column<infer T> ? T : never };

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

const absent = (value: unknown): boolean => value === null || value === undefined;

/** JSON text for a JSON column; null stays SQL NULL. */
export function jsonText(value: unknown): string | null {
  return absent(value) ? null : JSON.stringify(value);
}

export const int: Column<number> = { read: num };
export const intOrNull: Column<number | null> = { read: (v) => (absent(v) ? null : num(v)) };
export const text: Column<string> = { read: (v) => String(v) };
export const textOrNull: Column<string | null> = { read: (v) => (absent(v) ? null : String(v)) };
export const bool: Column<boolean> = { read: toBool };
/** A JSON column that always holds a value (a snapshot, an event). */
export const json: Column<unknown> = { read: (v) => parseJson(v), write: (v) => JSON.stringify(v) };
/** A JSON column that may be SQL NULL. */
export const jsonOrNull: Column<unknown> = { read: (v) => parseJson(v) ?? null, write: jsonText };

/** A text column holding one of a closed set of names (the type says which). */
export function textOf<T extends string>(): Column<T> {
  return text as Column<T>;
}

/** Likewise, or SQL NULL. */
export function textOrNullOf<T extends string>(): Column<T | null> {
  return textOrNull as Column<T | null>;
}

/** Database row -> typed row, every column of the list read by its kind. */
export function rowReader<C extends Columns>(columns: C): (raw: Record<string, unknown>) => RowOf<C> {
  const entries = Object.entries(columns);
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [name, column] of entries) row[name] = column.read(raw[name]);
    return row as RowOf<C>;
  };
}

/** Typed fields -> database values, for the fields given (an insert or an update). */
export function rowWriter<C extends Columns>(columns: C): (fields: Partial<RowOf<C>>) => Record<string, unknown> {
  return (fields) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      const write = columns[name]?.write;
      out[name] = write ? write(value) : value;
    }
    return out;
  };
}
