/**
 * What a ClickPost answer means to the connector, whatever the call. Produced only by
 * src/clickpost/classify.ts (from meta.status) and by the transport layer (for failures
 * that never got an answer). The machine and the engine read these, never meta.status.
 */

export interface ChildWaybill {
  /** The child's reference as ClickPost echoes it (may be absent). */
  reference_number: string | null;
  waybill: string;
  label_url: string | null;
}

export interface BookedOutcome {
  kind: 'booked';
  /** 200 placed, or 323 already placed (a success whatever meta.success says). */
  meta_status: number;
  parent_awb: string;
  label_url: string | null;
  /** One per box, already in box order (see the matching rule in create-order.ts). */
  children: ChildWaybill[];
  courier_partner_id: number | null;
  courier_name: string | null;
  message: string | null;
}

export interface AcceptedAsyncOutcome {
  kind: 'accepted_async'; // 202
  meta_status: number;
  order_id: string | null;
  message: string | null;
}

export interface PendingOutcome {
  kind: 'pending'; // 102, still processing
  meta_status: number;
  message: string | null;
}

/** Says nothing about whether the order was placed: retry at the same account. */
export interface TransientOutcome {
  kind: 'transient';
  meta_status: number | null; // 322 courier server error, or null (5xx, 429, reset, timeout, garbage)
  http_status: number | null;
  /** Stable code of the transport error, e.g. ERR_CLICKPOST_TIMEOUT, when there was no answer. */
  error_code: string | null;
  message: string;
}

export type FailureKind = 'immediate_error' | 'configuration_error' | 'payload_error';

export interface FailureOutcome {
  kind: FailureKind;
  meta_status: number | null;
  message: string;
  /** Payload errors: every field ClickPost named, when it named any. */
  fields: string[];
}

export interface LookupMissOutcome {
  kind: 'lookup_miss'; // 321 AWB does not exist
  meta_status: number;
  message: string | null;
}

/**
 * A code ClickPost's tables do not give for this call (or give for another API): it does not
 * say the order is refused, so the attempt is never forgotten (watched for a late AWB).
 */
export interface UnknownOutcome {
  kind: 'unknown';
  meta_status: number | null;
  message: string;
}

/** Not sent: the account's circuit breaker is open (src/breaker/). */
export interface SkippedOutcome {
  kind: 'skipped';
  message: string;
}

export type Outcome =
  | BookedOutcome
  | UnknownOutcome
  | SkippedOutcome
  | AcceptedAsyncOutcome
  | PendingOutcome
  | TransientOutcome
  | FailureOutcome
  | LookupMissOutcome;

export type OutcomeKind = Outcome['kind'];

/**
 * Cancel-order results: 200 cancelled, 600 already cancelled (done too); 202 accepted for
 * later processing (ClickPost mails the courier: confirmed later); else failed.
 */
export type CancelOutcome =
  | { kind: 'cancelled'; meta_status: number; message: string | null }
  | { kind: 'cancel_accepted'; meta_status: number; message: string | null }
  | { kind: 'cancel_failed'; meta_status: number | null; message: string; transient: boolean };
