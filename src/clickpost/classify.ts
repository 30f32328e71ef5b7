/**
 * THE only module that reads `meta.status`. It turns an HTTP status and a ClickPost body
 * into what the answer means (clickpost-wire-notes.md, "Success, and what a failure
 * means"); every other module reads the kind, never the code.
 */
import type { CancelOutcome, FailureKind, Outcome, TransientOutcome } from './outcome.js';
import type { ClickPostFailure } from '../transport/types.js';
import { redact } from '../transport/redact.js';
import { payloadErrorFields } from './error-fields.js';
import { asInt, asMessage, asObject, type JsonObject } from './read.js';

export type MetaKind = 'booked' | 'accepted_async' | 'pending' | 'transient' | FailureKind | 'lookup_miss';

/** meta.status -> kind, the table of the wire notes. */
export const META_STATUS_KINDS: Readonly<Record<number, MetaKind>> = Object.freeze({
  200: 'booked', // placed
  323: 'booked', // already placed (success:false, yet it carries waybill and label)
  202: 'accepted_async',
  102: 'pending', // "We are processing your order"
  322: 'transient', // courier server error, "try again"
  319: 'immediate_error', // courier refused
  354: 'immediate_error', // unhandled courier error
  301: 'configuration_error', // auth failed
  316: 'configuration_error',
  324: 'configuration_error',
  351: 'configuration_error',
  352: 'configuration_error',
  353: 'configuration_error',
  355: 'configuration_error',
  302: 'payload_error', // invalid cp_id
  307: 'payload_error',
  308: 'payload_error',
  309: 'payload_error',
  310: 'payload_error',
  311: 'payload_error',
  312: 'payload_error',
  313: 'payload_error',
  314: 'payload_error',
  315: 'payload_error',
  328: 'payload_error', // invalid POST data
  321: 'lookup_miss', // AWB does not exist
});

/**
 * A code the table does not list is an immediate error (fail over), not transient: ClickPost
 * answered, gave no waybill, and said something we cannot act on. Retrying the same account
 * would likely get the same answer; failing over is safe because nothing was booked under this
 * reference as far as we can tell, and attempts[] keeps the code for operations.
 */
export const UNKNOWN_META_STATUS_KIND: MetaKind = 'immediate_error';

/** Cancel-order codes: 200 cancelled, 600 already cancelled (done too), 322 try again, 350 courier refused. */
export const CANCEL_STATUS_KINDS: Readonly<Record<number, 'cancelled' | 'transient' | 'failed'>> = Object.freeze({
  200: 'cancelled',
  600: 'cancelled',
  322: 'transient',
  350: 'failed',
});

export interface Classification {
  kind: MetaKind;
  /** meta.status (or meta.status_code), null when the answer had none. */
  meta_status: number | null;
  http_status: number;
  message: string | null;
  /** Payload errors: fields ClickPost named. */
  fields: string[];
}

interface ReadMeta {
  meta: JsonObject;
  body: JsonObject;
  code: number;
  message: string | null;
}

/** meta.status, or meta.status_code as the integration guidelines name it. */
function readMeta(body: unknown): ReadMeta | null {
  const obj = asObject(body);
  const meta = obj ? asObject(obj.meta) : null;
  if (!obj || !meta) return null;
  const code = asInt(meta.status) ?? asInt(meta.status_code);
  if (code === null) return null;
  return { meta, body: obj, code, message: asMessage(meta.message) };
}

function isOverloaded(httpStatus: number): boolean {
  return httpStatus >= 500 || httpStatus === 429;
}

function transient(httpStatus: number, read: ReadMeta | null, message: string): Classification {
  return { kind: 'transient', meta_status: read?.code ?? null, http_status: httpStatus, message, fields: [] };
}

/**
 * What a ClickPost answer means. Success is HTTP 200 and meta.status 200/323, never judged
 * by meta.success. 5xx/429 and unreadable answers (not an object, no meta, no status) are
 * transient: they say nothing about whether the order was placed.
 */
export function classifyMeta(httpStatus: number, body: unknown): Classification {
  const read = readMeta(body);
  if (isOverloaded(httpStatus)) {
    return transient(httpStatus, read, `ClickPost answered HTTP ${httpStatus}${read?.message ? `: ${read.message}` : ''}`);
  }
  if (!read) return transient(httpStatus, null, `ClickPost answer could not be read (HTTP ${httpStatus}, no meta.status)`);
  const known = META_STATUS_KINDS[read.code];
  const kind = known ?? UNKNOWN_META_STATUS_KIND;
  const base = { meta_status: read.code, http_status: httpStatus, message: read.message, fields: [] as string[] };
  // A success code on a non-200 HTTP status contradicts itself: not a success (guidelines).
  if (kind === 'booked' && httpStatus !== 200) {
    return { ...base, kind: 'immediate_error', message: `HTTP ${httpStatus} with meta.status ${read.code}${read.message ? `: ${read.message}` : ''}` };
  }
  if ((kind === 'accepted_async' || kind === 'pending') && (httpStatus < 200 || httpStatus > 299)) {
    return { ...base, kind: 'immediate_error', message: `HTTP ${httpStatus} with meta.status ${read.code}${read.message ? `: ${read.message}` : ''}` };
  }
  if (known === undefined) {
    return { ...base, kind, message: `Unknown ClickPost meta.status ${read.code}${read.message ? `: ${read.message}` : ''}` };
  }
  if (kind === 'payload_error') return { ...base, kind, fields: payloadErrorFields(read.meta, read.body, read.message) };
  return { ...base, kind };
}

/** Success of any call (create, poll, label, track): HTTP 200 and meta.status 200 or 323. */
export function isSuccess(c: Classification): boolean {
  return c.kind === 'booked';
}

/**
 * Whether a ClickPost answer counts as a successful call in api_calls (and so stays out of
 * the daily failure report): a booking, an async acknowledgement or "still processing" for
 * create and poll; a cancel done (600 included); HTTP 200 with meta 200 for the others.
 */
export function answerSucceeded(httpStatus: number, body: unknown, endpoint: string): boolean {
  if (endpoint === 'cancel-order') return classifyCancel(httpStatus, body).kind === 'cancelled';
  const kind = classifyMeta(httpStatus, body).kind;
  return kind === 'booked' || kind === 'accepted_async' || kind === 'pending';
}

/** Transient kinds (322, 5xx, 429, unreadable) are worth retrying at the same account. */
export function isTransient(c: Classification): boolean {
  return c.kind === 'transient';
}

/** A transport failure (no usable answer after the client's retries) as an outcome. */
export function failureFromTransport(failure: ClickPostFailure): TransientOutcome {
  const error = failure.error;
  return {
    kind: 'transient',
    meta_status: null,
    http_status: typeof error.httpStatus === 'number' ? error.httpStatus : null,
    error_code: error.code || 'ERR_CLICKPOST',
    // The transport already redacts; redacting again costs nothing and guards the key.
    message: redact(error.message || 'ClickPost call failed'),
  };
}

/**
 * The outcome of a classification that needs nothing from `result` (every kind but booked
 * and accepted_async, which create-order.ts builds from the result).
 */
export function outcomeWithoutResult(c: Classification): Outcome {
  const fallback = c.meta_status === null ? 'ClickPost call failed' : `ClickPost meta.status ${c.meta_status}`;
  switch (c.kind) {
    case 'pending':
      return { kind: 'pending', meta_status: c.meta_status ?? 102, message: c.message };
    case 'lookup_miss':
      return { kind: 'lookup_miss', meta_status: c.meta_status ?? 321, message: c.message };
    case 'transient':
      return { kind: 'transient', meta_status: c.meta_status, http_status: c.http_status, error_code: null, message: c.message ?? fallback };
    case 'immediate_error':
    case 'configuration_error':
    case 'payload_error':
      return { kind: c.kind, meta_status: c.meta_status, message: c.message ?? fallback, fields: c.fields };
    default:
      // booked / accepted_async without their result: callers never pass these here.
      return { kind: 'immediate_error', meta_status: c.meta_status, message: c.message ?? fallback, fields: [] };
  }
}

/** Cancel-order answer: 200 and 600 cancelled; 322, 5xx, 429, unreadable transient; others final. */
export function classifyCancel(httpStatus: number, body: unknown): CancelOutcome {
  const read = readMeta(body);
  const message = read?.message ?? null;
  if (isOverloaded(httpStatus)) {
    return { kind: 'cancel_failed', meta_status: read?.code ?? null, message: `ClickPost answered HTTP ${httpStatus}${message ? `: ${message}` : ''}`, transient: true };
  }
  if (!read) {
    return { kind: 'cancel_failed', meta_status: null, message: `ClickPost answer could not be read (HTTP ${httpStatus}, no meta.status)`, transient: true };
  }
  const kind = CANCEL_STATUS_KINDS[read.code] ?? 'failed';
  // 600 "already cancelled" is done whatever the HTTP status; 200 needs HTTP 200 like any success.
  if (kind === 'cancelled' && (read.code === 600 || httpStatus === 200)) {
    return { kind: 'cancelled', meta_status: read.code, message };
  }
  const text = message ?? `ClickPost meta.status ${read.code}`;
  return { kind: 'cancel_failed', meta_status: read.code, message: text, transient: kind === 'transient' };
}

/** A cancel that never got an answer: always worth another try. */
export function cancelFailureFromTransport(failure: ClickPostFailure): CancelOutcome {
  const t = failureFromTransport(failure);
  return { kind: 'cancel_failed', meta_status: null, message: t.message, transient: true };
}
