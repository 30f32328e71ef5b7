/**
 * zod issues -> the connector's field errors: one message per wrong field, named by the
 * host's own path (`boxes[1].items[0].quantity`), saying what is wrong. Parse with
 * `{ reportInput: true }` so a value of the wrong type is told apart from a missing one.
 */
import type { z } from 'zod';

/** One wrong field, named the way the host sent it: `boxes[1].items[0].quantity`. */
export interface FieldError {
  path: string;
  message: string;
}

/** zod issue path -> the host's own field path with indexes. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(body)' : out;
}

const EXPECTED: Readonly<Record<string, string>> = Object.freeze({
  object: 'a JSON object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
});

/** What a JSON value is, in words: `null`, `an array`, `a string`, ... */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && Number.isNaN(value)) return 'not a number';
  return `a ${typeof value}`;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type') return issue.message;
  if (issue.input === undefined) return 'is required';
  // zod's own wording ("Invalid input: expected ...") is replaced; a schema's own message is kept.
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
}

/** Every wrong field of a failed parse, once each with its first message (zod may report a field twice). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const path = formatPath(issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: messageOf(issue) });
  }
  return out;
}
