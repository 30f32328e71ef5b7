/**
 * The ClickPost calls the engine makes: each is build request, client.send, parse. Nothing
 * here throws for a ClickPost-side problem; answers and failures come back as values.
 */
import type { ClickPostClient, ClickPostRequest, ClickPostResponse } from '../transport/types.js';
import type { CancelOutcome, Outcome } from './outcome.js';
import { ClickPostError } from '../transport/errors.js';
import { parseCancelOrderResponse, toCancelOrderRequest, type CancelOrderInput } from './cancel-order.js';
import type { BoxRef } from './children.js';
import { parseShipmentCountResponse, toShipmentCountRequest, type ShipmentCountResult } from './shipment-count.js';
import {
  parseCreateOrderResponse, toCreateOrderRequest, toLabelPollRequest, toLookupOrderRequest, type CreateOrderInput, type LookupOrderInput,
} from './create-order.js';
import { parseFetchLabelResponse, toFetchLabelRequest, type FetchLabelInput, type FetchLabelResult } from './fetch-label.js';
import { parseTrackOrderResponse, toTrackOrderRequest, type TrackOrderInput, type TrackOrderResult } from './track-order.js';

export interface LookupInput extends LookupOrderInput {
  /** The shipment's boxes in order, to match child waybills. */
  boxes: readonly BoxRef[];
}

export interface ClickPostApi {
  createOrder(input: CreateOrderInput): Promise<Outcome>;
  /** A label poll: the same create-order request again (ClickPost's async protocol). */
  pollLabel(input: CreateOrderInput): Promise<Outcome>;
  /** Where the order of a reference stands (GET by reference): late checks. */
  lookupOrder(input: LookupInput): Promise<Outcome>;
  cancelOrder(input: CancelOrderInput): Promise<CancelOutcome>;
  fetchLabel(input: FetchLabelInput): Promise<FetchLabelResult>;
  trackOrder(input: TrackOrderInput): Promise<TrackOrderResult>;
  /** How many shipments ClickPost registered on one India day (daily reconciliation). */
  fetchShipmentCount(date: string): Promise<ShipmentCountResult>;
}

/**
 * client.send should never reject (the transport returns failures as values); if it does,
 * the rejection becomes a failure value too, so callers see one shape.
 */
async function sendSafely(client: ClickPostClient, request: ClickPostRequest): Promise<ClickPostResponse> {
  try {
    return await client.send(request);
  } catch (err) {
    // ClickPostError redacts its message and keeps only a sanitized copy of the cause.
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: new ClickPostError(`ClickPost client failed: ${message}`, { cause: err, retryable: true }), retries: 0 };
  }
}

export function createClickPostApi(client: ClickPostClient): ClickPostApi {
  return {
    async createOrder(input) {
      const response = await sendSafely(client, toCreateOrderRequest(input));
      return parseCreateOrderResponse(response, input.shipment.boxes);
    },
    async pollLabel(input) {
      const response = await sendSafely(client, toLabelPollRequest(input));
      return parseCreateOrderResponse(response, input.shipment.boxes);
    },
    async lookupOrder(input) {
      const response = await sendSafely(client, toLookupOrderRequest(input));
      return parseCreateOrderResponse(response, input.boxes);
    },
    async cancelOrder(input) {
      return parseCancelOrderResponse(await sendSafely(client, toCancelOrderRequest(input)));
    },
    async fetchLabel(input) {
      return parseFetchLabelResponse(await sendSafely(client, toFetchLabelRequest(input)));
    },
    async fetchShipmentCount(date) {
      return parseShipmentCountResponse(await sendSafely(client, toShipmentCountRequest(date)), date);
    },
    async trackOrder(input) {
      return parseTrackOrderResponse(await sendSafely(client, toTrackOrderRequest(input)));
    },
  };
}
