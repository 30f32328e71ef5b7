/**
 * Fetch shipping label: GET /api/v1/fetch/shippinglabel/?waybill&cp_id&regenerate (003);
 * the answer carries the URL in result.shipping_label (wire notes).
 */
import type { ClickPostRequest, ClickPostResponse } from '../transport/types.js';
import { classificationOf, failureFromTransport, isSuccess, isTransient, readMetaAnswer } from './classify.js';
import { asObject, asText } from './read.js';

export const FETCH_LABEL_PATH = '/api/v1/fetch/shippinglabel/';

export interface FetchLabelInput {
  awb: string;
  courier_partner_id: number;
  regenerate: boolean;
  shipmentId?: number;
  referenceNumber?: string;
  idempotencyKey?: string;
}

export type FetchLabelResult =
  | { ok: true; label_url: string; meta_status: number }
  | { ok: false; error: string; meta_status: number | null; transient: boolean };

export function toFetchLabelRequest(input: FetchLabelInput): ClickPostRequest {
  const request: ClickPostRequest = {
    endpoint: 'fetch-label',
    method: 'GET',
    path: FETCH_LABEL_PATH,
    query: { waybill: input.awb, cp_id: input.courier_partner_id, regenerate: input.regenerate ? 'true' : 'false' },
    shipmentId: input.shipmentId ?? null,
    referenceNumber: input.referenceNumber ?? null,
    read: readMetaAnswer,
  };
  if (input.idempotencyKey) request.idempotencyKey = input.idempotencyKey;
  return request;
}

/** The label URL, or why there is none (returned, not thrown). */
export function parseFetchLabelResponse(response: ClickPostResponse): FetchLabelResult {
  if (!response.ok) {
    const t = failureFromTransport(response);
    return { ok: false, error: t.message, meta_status: null, transient: true };
  }
  const c = classificationOf(response);
  if (!isSuccess(c)) {
    const error = c.message ?? `ClickPost meta.status ${c.meta_status}`;
    return { ok: false, error, meta_status: c.meta_status, transient: isTransient(c) };
  }
  const result = asObject(asObject(response.body)?.result);
  // shipping_label per the wire notes; `label` as create-order names it, in case.
  const url = result ? (asText(result.shipping_label) ?? asText(result.label)) : null;
  if (!url) return { ok: false, error: 'ClickPost label answer has no result.shipping_label', meta_status: c.meta_status, transient: false };
  return { ok: true, label_url: url, meta_status: c.meta_status as number };
}
