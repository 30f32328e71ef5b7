/**
 * The transport's contract: one ClickPost HTTP call in, an answer or a typed error out.
 * Implemented by client.ts (got). Mapping code builds `ClickPostRequest`s and reads
 * `ClickPostResponse`s; it never touches got.
 */
import type { ClickPostError } from './errors.js';

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
   * An answer that asks to be sent again (ClickPost's "try again" codes on HTTP 200): retried
   * like a 5xx, with backoff; after the last try the answer itself is returned. The mapping
   * layer supplies it: the transport never reads meta.status.
   */
  retryAnswer?: (httpStatus: number, body: unknown) => boolean;
}

/** An answer that parsed as JSON, whatever its HTTP status (4xx answers carry meta too). */
export interface ClickPostAnswer {
  ok: true;
  httpStatus: number;
  body: unknown;
  /** How many retries it took (0 = first try answered). */
  retries: number;
}

/** No usable answer after every retry: the typed error says why. */
export interface ClickPostFailure {
  ok: false;
  error: ClickPostError;
  retries: number;
}

export type ClickPostResponse = ClickPostAnswer | ClickPostFailure;

/** One row of api_calls, secrets already removed. Written for every try, retries included. */
export interface ApiCallRecord {
  shipment_id: number | null;
  reference_number: string | null;
  endpoint: Endpoint;
  method: 'GET' | 'POST';
  url: string;
  request_body: string | null;
  response_body: string | null;
  http_status: number | null;
  meta_status: number | null;
  duration_ms: number;
  error_kind: string | null;
  error_message: string | null;
  retry_number: number;
  failed: boolean;
  created_at: number;
}

export type ApiCallRecorder = (call: ApiCallRecord) => Promise<void> | void;

export interface ClickPostClient {
  send(request: ClickPostRequest): Promise<ClickPostResponse>;
}
