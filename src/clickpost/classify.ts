/**
 * THE only module that reads `meta.status`. It turns an HTTP status and a ClickPost body
 * into what the answer means (clickpost-wire-notes.md, "Success, and what a failure
 * means"); every other module reads the kind, never the code.
 */
import type { CancelOutcome, FailureKind, Outcome, TransientOutcome } from './outcome.js';
import type { AnswerReading, ClickPostAnswer, ClickPostFailure } from '../transport/types.js';
import { redact } from '../transport/redact.js';
import { payloadErrorFields } from './error-fields.js';
import { asInt, asMessage, asObject, type JsonObject } from './read.js';

export type MetaKind = 'booked' | 'accepted_async' | 'pending' | 'transient' | FailureKind | 'lookup_miss' | 'unknown';

/** Where a code's meaning comes from (src/clickpost/ASSUMPTIONS.md lists the documents). */
type Source =
  | 'slate _error.md' // Clickpost/slate source/includes/_error.md, the meta.status table
  | 'slate _create.md async' // Clickpost/slate _create.md, "Processing Async API requests"
  | 'slate _cancellation.md' // Clickpost/slate _cancellation.md, the cancel sample
  | 'docs.clickpost.ai error-codes' // the current error-codes page (same table as slate's)
  | 'issue #8, unverified'; // named by issue #8 as docs.clickpost.ai's; not in slate's table

export interface MetaCode {
  kind: MetaKind;
  meaning: string;
  source: Source;
}

const code = (kind: MetaKind, meaning: string, source: Source = 'slate _error.md'): MetaCode => Object.freeze({ kind, meaning, source });

/**
 * Every meta.status of ClickPost's published tables, as create-order and its GET lookup
 * read it. "transient" answers say nothing about whether the order exists: the same account
 * is retried with the same reference, then the attempt is inconclusive (late watch) and
 * fails over. Codes that belong to other APIs (tracking registration, webhooks) are
 * "unknown" here: unexpected from create-order, so never read as a refusal that forgets
 * the order.
 */
export const META_STATUS_CODES: Readonly<Record<number, MetaCode>> = Object.freeze({
  200: code('booked', 'Success / order placed'),
  323: code('booked', 'You have already placed this order (success:false, yet it carries the waybill)'),
  202: code('accepted_async', 'Async order creation request accepted', 'slate _create.md async'),
  102: code('pending', 'We are processing your order', 'slate _create.md async'),
  322: code('transient', "Internal Server Error In Courier Partner's Server, Try Again"),
  329: code('transient', 'Courier partner API timed out', 'issue #8, unverified'),
  429: code('transient', 'Too Many Requests'),
  500: code('transient', 'Internal Server Error'),
  503: code('transient', 'Service Unavailable'),
  504: code('transient', 'Server unable to serve the request, please retry'),
  319: code('immediate_error', 'Error In Order Placing To Courier Partner'),
  354: code('immediate_error', 'Unhandled CP error'),
  301: code('configuration_error', 'Authentication Failed: Invalid Token or API Key'),
  306: code('configuration_error', 'You are not Registered To Use this service'),
  316: code('configuration_error', 'You Dont Have Credentials For The Courier Partner'),
  320: code('configuration_error', 'This service is not subscribed by you'),
  324: code('configuration_error', 'You Are Using Invalid Credential For Courier Partner'),
  351: code('configuration_error', 'No account exist'),
  352: code('configuration_error', 'Multiple Account exist'),
  353: code('configuration_error', 'Inactive account'),
  355: code('configuration_error', 'Vendor code not found'),
  401: code('configuration_error', 'Unauthorized'),
  403: code('configuration_error', 'Forbidden'),
  302: code('payload_error', 'Invalid Courier Partner Id with Field cp_id'),
  307: code('payload_error', 'Invalid Order Type'),
  308: code('payload_error', 'Invalid Order priority'),
  309: code('payload_error', 'Invalid Delivery Type'),
  310: code('payload_error', 'RVP reason is missing'),
  311: code('payload_error', 'Invalid Courier Partner For RVP'),
  312: code('payload_error', 'Items Data is missing from order details'),
  313: code('payload_error', 'Invalid Format of items for Order data'),
  314: code('payload_error', 'Invalid Format Of Order Data'),
  315: code('payload_error', 'Invalid Cod Value'),
  328: code('payload_error', 'Invalid POST data'),
  400: code('payload_error', 'Bad Request'),
  405: code('payload_error', 'Method Not Allowed'),
  406: code('payload_error', 'Not Acceptable'),
  422: code('payload_error', 'Invalid Entity'),
  321: code('lookup_miss', 'Awb Number Does not exist in system for courier partner'),
  326: code('lookup_miss', 'Invalid Tracking Id'),
  330: code('lookup_miss', 'waybill does not exist'),
  404: code('lookup_miss', 'Not Found'),
  303: code('unknown', 'waybill already registered (tracking registration)'),
  304: code('unknown', 'Already Registered For Service (tracking registration)'),
  305: code('unknown', 'Webhook already Registered for the user'),
  325: code('unknown', 'Status You Are Trying to update is invalid (status update API)'),
  327: code('unknown', 'Webhook not registered for the user'),
});

/** meta.status -> kind, derived from META_STATUS_CODES (tests and docs read this view). */
export const META_STATUS_KINDS: Readonly<Record<number, MetaKind>> = Object.freeze(
  Object.fromEntries(Object.entries(META_STATUS_CODES).map(([status, c]) => [status, c.kind])),
);

/**
 * A code no table lists is inconclusive, never a refusal: ClickPost answered something we
 * cannot read as "no order", so the attempt's reference stays watched for a late AWB while
 * the shipment fails over (on a poll: that poll is spent and polling goes on).
 */
export const UNKNOWN_META_STATUS_KIND: MetaKind = 'unknown';

export type CancelKind = 'cancelled' | 'accepted' | 'transient' | 'failed';

/**
 * Cancel-order codes (slate _error.md "Order Cancellation Error Code"): 200 cancelled, 600
 * already cancelled (done too), 202 accepted for later processing (mailed to the courier),
 * 350 the courier refused; 322/329/5xx/429 say nothing yet, try again.
 */
export const CANCEL_STATUS_KINDS: Readonly<Record<number, CancelKind>> = Object.freeze({
  200: 'cancelled',
  600: 'cancelled',
  202: 'accepted',
  322: 'transient',
  329: 'transient',
  429: 'transient',
  500: 'transient',
  503: 'transient',
  504: 'transient',
  350: 'failed',
});

/**
 * slate _cancellation.md's sample answer to a cancel of an AWB already cancelled at the
 * courier: meta.status 400 with this text. ClickPost gives no code for it, so the text is read.
 */
const ALREADY_DELETED = /already in a deleted state/i;

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
  // ClickPost's own text may quote the request (key included): redacted before anyone stores it.
  const message = asMessage(meta.message);
  return { meta, body: obj, code, message: message === null ? null : redact(message) };
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
  if (known === undefined || kind === 'unknown') {
    return { ...base, kind: 'unknown', message: `Unexpected ClickPost meta.status ${read.code}${read.message ? `: ${read.message}` : ''}` };
  }
  if (kind === 'payload_error') return { ...base, kind, fields: payloadErrorFields(read.meta, read.body, read.message) };
  return { ...base, kind };
}

/** Success of any call (create, poll, label, track): HTTP 200 and meta.status 200 or 323. */
export function isSuccess(c: Classification): boolean {
  return c.kind === 'booked';
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
    case 'unknown':
      return { kind: 'unknown', meta_status: c.meta_status, message: c.message ?? fallback };
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

/**
 * Cancel-order answer: 200 and 600 cancelled, and slate's "already in a deleted state";
 * 202 (HTTP or meta) accepted for later processing; 322, 5xx, 429, unreadable transient;
 * 350, 321 and other codes final.
 */
export function classifyCancel(httpStatus: number, body: unknown): CancelOutcome {
  const read = readMeta(body);
  const message = read?.message ?? null;
  if (httpStatus === 202 || (read?.code === 202 && httpStatus >= 200 && httpStatus < 300)) {
    return { kind: 'cancel_accepted', meta_status: read?.code ?? 202, message };
  }
  if (isOverloaded(httpStatus)) {
    return { kind: 'cancel_failed', meta_status: read?.code ?? null, message: `ClickPost answered HTTP ${httpStatus}${message ? `: ${message}` : ''}`, transient: true };
  }
  if (!read) {
    return { kind: 'cancel_failed', meta_status: null, message: `ClickPost answer could not be read (HTTP ${httpStatus}, no meta.status)`, transient: true };
  }
  if (message !== null && ALREADY_DELETED.test(message)) return { kind: 'cancelled', meta_status: read.code, message };
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

// ---- readings: what the transport is told about each answer (it reads no meta itself) ----

/** What a reading carries back to the parser, so an answer is classified once. */
type Meaning = { of: 'meta'; classification: Classification } | { of: 'cancel'; outcome: CancelOutcome };

// A call succeeded (api_calls.failed false, out of the daily failure report) on a booking, an
// async acknowledgement or "still processing"; a cancel when it is done or accepted.
const SUCCEEDED: ReadonlySet<MetaKind> = new Set(['booked', 'accepted_async', 'pending']);

function metaReading(httpStatus: number, body: unknown, retryTryAgain: boolean): AnswerReading {
  const classification = classifyMeta(httpStatus, body);
  const meaning: Meaning = { of: 'meta', classification };
  return {
    meta_status: classification.meta_status,
    succeeded: SUCCEEDED.has(classification.kind),
    // 5xx and 429 never reach a reading: the transport retries them as failures.
    again: retryTryAgain && classification.kind === 'transient',
    meaning,
  };
}

/** A create-order POST: a "try again" code (322 and kin) is sent again at once, same reference. */
export function readCreateAnswer(httpStatus: number, body: unknown): AnswerReading {
  return metaReading(httpStatus, body, true);
}

/** Any other call read by meta.status (poll, lookup, label, track, count): sent once. */
export function readMetaAnswer(httpStatus: number, body: unknown): AnswerReading {
  return metaReading(httpStatus, body, false);
}

/** A cancel-order answer. */
export function readCancelAnswer(httpStatus: number, body: unknown): AnswerReading {
  const outcome = classifyCancel(httpStatus, body);
  const meaning: Meaning = { of: 'cancel', outcome };
  return { meta_status: readMeta(body)?.code ?? null, succeeded: outcome.kind !== 'cancel_failed', again: false, meaning };
}

function meaningOf(answer: ClickPostAnswer): Meaning | null {
  return (answer.reading?.meaning ?? null) as Meaning | null;
}

/** The answer's classification: the transport's reading of it, or (an answer built by hand) made now. */
export function classificationOf(answer: ClickPostAnswer): Classification {
  const meaning = meaningOf(answer);
  return meaning?.of === 'meta' ? meaning.classification : classifyMeta(answer.httpStatus, answer.body);
}

/** The cancel answer's outcome, likewise. */
export function cancelOutcomeOf(answer: ClickPostAnswer): CancelOutcome {
  const meaning = meaningOf(answer);
  return meaning?.of === 'cancel' ? meaning.outcome : classifyCancel(answer.httpStatus, answer.body);
}
