/**
 * The transport's contract: one ClickPost HTTP call in, an answer or a typed error out.
 * Implemented by client.ts (got). Mapping code builds `ClickPostRequest`s and reads
 * `ClickPostResponse`s; it never touches got.
 */
import type { ClickPostError } from './errors.js';
import type { ApiCallRow } from '../store/rows.js';

export type Endpoint =
  | 'create-order'
  | 'poll-order'
  | 'lookup-order'
  | 'cancel-order'
  | 'fetch-label'
  | 'track-order'
  | 'shipment-count'
  | 'other';

export interface ClickPostRequest {
  endpoint: Endpoint;
  method: 'GET' | 'POST';
  /** Path from the base URL, e.g. `/api/v3/create-order/`. */
  path: string;
  /** Query parameters besides username and key (the client adds those). */
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body for POST. */
  body?: unknown;
  /** Sent as `X-Idempotency-Key`; ClickPost ignores it, the sandbox ledger counts by it. */
  idempotencyKey?: string;
  /** For the api_calls row. */
  shipmentId?: number | null;
  referenceNumber?: string | null;
  /** Override of the client's timeout for this call (tests inject short ones). */
  timeoutMs?: number;
  /**
   * What an answer means, read once by the mapping layer (src/clickpost/classify.ts) for each
   * try: the transport never reads meta.status itself. Without it, meta_status is not recorded
   * and an answer counts as a success when its HTTP status is 2xx.
   */
  read?: (httpStatus: number, body: unknown) => AnswerReading;
}

/** The mapping layer's reading of one answer, as the transport uses and records it. */
export interface AnswerReading {
  /** ClickPost's meta.status, for the api_calls row. */
  meta_status: number | null;
  /** Whether the call succeeded (api_calls.failed is its opposite). */
  succeeded: boolean;
  /**
   * The answer asks to be sent again (ClickPost's "try again" codes on HTTP 200): retried like
   * a 5xx, with backoff; after the last try the answer itself is returned.
   */
  again: boolean;
  /** What the mapping layer made of the answer, handed back with it so that it reads it once. */
  meaning?: unknown;
}

/** An answer that parsed as JSON, whatever its HTTP status (4xx answers carry meta too). */
export interface ClickPostAnswer {
  ok: true;
  httpStatus: number;
  body: unknown;
  /** How many retries it took (0 = first try answered). */
  retries: number;
  /** The request's `read` of this answer, when it had one. */
  reading?: AnswerReading;
}

/** No usable answer after every retry: the typed error says why. */
export interface ClickPostFailure {
  ok: false;
  error: ClickPostError;
  retries: number;
}

export type ClickPostResponse = ClickPostAnswer | ClickPostFailure;

/** One row of api_calls (its columns: src/store/rows.ts), secrets already removed. Written for every try, retries included. */
export type ApiCallRecord = Omit<ApiCallRow, 'id'>;

export type ApiCallRecorder = (call: ApiCallRecord) => Promise<void> | void;

export interface ClickPostClient {
  send(request: ClickPostRequest): Promise<ClickPostResponse>;
}
