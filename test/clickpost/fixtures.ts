/** Reads the Karrio-style fixtures under test/fixtures/clickpost/ (not a test file). */
import { readFileSync } from 'node:fs';
import type { ClickPostAnswer } from '../../src/transport/types.js';

// `any` by default: fixtures are JSON of many shapes, and tests index into them freely.
export function fixture<T = any>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/clickpost/${path}`, import.meta.url), 'utf8')) as T;
}

/** A JSON answer as the transport hands it over. */
export function answer(httpStatus: number, body: unknown): ClickPostAnswer {
  return { ok: true, httpStatus, body, retries: 0 };
}

/** A stored raw response fixture `{ httpStatus, body }` as a transport answer. */
export function answerFixture(path: string): ClickPostAnswer {
  const raw = fixture<{ httpStatus: number; body: unknown }>(path);
  return answer(raw.httpStatus, raw.body);
}
