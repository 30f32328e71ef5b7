/**
 * Cancel-order: GET /api/v1/cancel-order/?waybill&cp_id&account_code (003, wire notes).
 * 200 cancelled, 600 already cancelled (done too); what the codes mean lives in classify.ts.
 */
import type { ClickPostRequest, ClickPostResponse } from '../transport/types.js';
import type { CancelOutcome } from './outcome.js';
import { cancelFailureFromTransport, cancelOutcomeOf, readCancelAnswer } from './classify.js';

export const CANCEL_ORDER_PATH = '/api/v1/cancel-order/';

export interface CancelOrderInput {
  awb: string;
  courier_partner_id: number;
  account_code: string;
  shipmentId?: number;
  referenceNumber?: string;
  idempotencyKey?: string;
}

export function toCancelOrderRequest(input: CancelOrderInput): ClickPostRequest {
  const request: ClickPostRequest = {
    endpoint: 'cancel-order',
    method: 'GET',
    path: CANCEL_ORDER_PATH,
    query: { waybill: input.awb, cp_id: input.courier_partner_id, account_code: input.account_code },
    shipmentId: input.shipmentId ?? null,
    referenceNumber: input.referenceNumber ?? null,
    read: readCancelAnswer,
  };
  if (input.idempotencyKey) request.idempotencyKey = input.idempotencyKey;
  return request;
}

/** Never throws: a transport failure is a transient cancel_failed. */
export function parseCancelOrderResponse(response: ClickPostResponse): CancelOutcome {
  if (!response.ok) return cancelFailureFromTransport(response);
  return cancelOutcomeOf(response);
}
