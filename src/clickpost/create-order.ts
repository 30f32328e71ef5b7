/**
 * Create-order v3 (India), multi-box (MPS): the request, the label poll (GET of the same
 * endpoint) and the one parser both answers share. Pure: the same input gives the same
 * request, so a re-send under the same reference is byte-identical and ClickPost dedupes it.
 */
import type { MappingSettings } from '../domain/settings.js';
import type { Provider, ShipmentInput } from '../domain/shipment-input.js';
import type { ClickPostRequest, ClickPostResponse } from '../transport/types.js';
import type { AdditionalInfo, CreateOrderPayload, DropInfo, GstInfo, PickupInfo, ShipmentDetails } from './wire/create-order.js';
import type { Outcome } from './outcome.js';
import { classificationOf, failureFromTransport, outcomeWithoutResult, readCreateAnswer, readMetaAnswer, type Classification } from './classify.js';
import { matchChildren, type BoxRef } from './children.js';
import { shipmentSize, toCarton } from './cartons.js';
import { asInt, asObject, asText, type JsonObject } from './read.js';
import { appointmentDateFor, pickupTimeFor } from './units.js';

export const CREATE_ORDER_PATH = '/api/v3/create-order/';

/** additional.rvp_reason is mandatory for RVP; the host sends none (ASSUMPTIONS.md). */
export const DEFAULT_RVP_REASON = 'B2B return';

export interface CreateOrderInput {
  shipment: ShipmentInput;
  provider: Provider;
  /** 1-based: P1, P2, P3. */
  priority: number;
  /** reference_number: referenceFor(shipment_code, priority). */
  reference: string;
  /** Epoch ms of the booking, stored with the attempt so a re-send maps identically. */
  requestedAt: number;
  settings: MappingSettings;
  shipmentId?: number;
  idempotencyKey?: string;
  /**
   * An earlier run of this request may have reached ClickPost (its worker died, or failed,
   * before the answer was written): only sending it again tells whether it placed an order.
   */
  mayHaveBeenSent?: boolean;
}

function pickupInfo(s: ShipmentInput, requestedAt: number, settings: MappingSettings): PickupInfo {
  const p = s.pickup;
  return {
    pickup_name: p.name,
    pickup_address: p.address,
    pickup_city: p.city,
    pickup_state: p.state,
    pickup_pincode: p.pincode,
    pickup_country: 'IN',
    email: p.email,
    pickup_phone: p.phone,
    pickup_time: pickupTimeFor(requestedAt, settings.pickup_after_minutes),
    tin: p.gstin,
  };
}

function dropInfo(s: ShipmentInput): DropInfo {
  const d = s.drop;
  const out: DropInfo = {
    drop_name: d.name,
    drop_address: d.address,
    drop_city: d.city,
    drop_state: d.state,
    drop_pincode: d.pincode,
    drop_country: 'IN',
    drop_phone: d.phone,
  };
  if (d.email) out.drop_email = d.email;
  return out;
}

function shipmentDetails(input: CreateOrderInput): ShipmentDetails {
  const s = input.shipment;
  const items = s.boxes.map((box, i) => toCarton(s, box, i));
  return {
    shipment_type: 'MPS',
    items,
    account_code: input.provider.account_code,
    courier_partner: input.provider.courier_partner_id,
    reference_number: input.reference,
    invoice_value: s.invoice.value,
    invoice_date: s.invoice.date,
    invoice_number: s.invoice.number,
    delivery_type: s.delivery_type,
    order_type: s.order_type,
    cod_value: s.order_type === 'COD' ? (s.cod_value ?? 0) : 0,
    ...shipmentSize(items),
  };
}

function gstInfo(s: ShipmentInput): GstInfo {
  const out: GstInfo = { seller_gstin: s.pickup.gstin, is_seller_registered_under_gst: true, place_of_supply: s.drop.state };
  if (s.drop.gstin) out.consignee_gstin = s.drop.gstin;
  if (s.invoice.ewaybill_number && s.invoice.ewaybill_number.trim() !== '') out.ewaybill_serial_number = s.invoice.ewaybill_number.trim();
  return out;
}

function additional(input: CreateOrderInput): AdditionalInfo {
  const out: AdditionalInfo = {
    async: true,
    label: true,
    total_boxes: input.shipment.boxes.length,
    appointment_date: appointmentDateFor(input.requestedAt, input.settings.appointment_after_days),
  };
  if (input.shipment.delivery_type === 'RVP') out.rvp_reason = DEFAULT_RVP_REASON;
  return out;
}

/** The v3 India MPS payload: one carton per box, in box order. */
export function toCreateOrderPayload(input: CreateOrderInput): CreateOrderPayload {
  return {
    pickup_info: pickupInfo(input.shipment, input.requestedAt, input.settings),
    drop_info: dropInfo(input.shipment),
    shipment_details: shipmentDetails(input),
    gst_info: gstInfo(input.shipment),
    additional: additional(input),
  };
}

/**
 * The create-order POST. ClickPost's "try again" answers (322 and kin) are re-sent at once
 * by the transport under the same reference (guidelines: at least 3 retries).
 */
export function toCreateOrderRequest(input: CreateOrderInput): ClickPostRequest {
  const request: ClickPostRequest = {
    endpoint: 'create-order',
    method: 'POST',
    path: CREATE_ORDER_PATH,
    body: toCreateOrderPayload(input),
    referenceNumber: input.reference,
    shipmentId: input.shipmentId ?? null,
    read: readCreateAnswer,
  };
  if (input.idempotencyKey) request.idempotencyKey = input.idempotencyKey;
  return request;
}

/**
 * A label poll of an asynchronous order: the same create-order POST again, same payload and
 * reference (slate _create.md, "Processing Async API requests": 102 while processing, then
 * 200/323 with waybill, label and children, or the courier's refusal). A "try again" answer
 * spends the poll instead of being re-sent: the next poll comes anyway.
 */
export function toLabelPollRequest(input: CreateOrderInput): ClickPostRequest {
  return { ...toCreateOrderRequest(input), endpoint: 'poll-order', read: readMetaAnswer };
}

export interface LookupOrderInput {
  reference: string;
  shipmentId?: number;
  idempotencyKey?: string;
}

/**
 * Where a placed order stands, by reference: GET /api/v3/create-order/?reference_number=REF
 * (slate _create.md, "Fetch AWB Number / Reference number for already manifested order").
 * Used by late checks of abandoned attempts, never to book (its answer has no children).
 */
export function toLookupOrderRequest(input: LookupOrderInput): ClickPostRequest {
  const request: ClickPostRequest = {
    endpoint: 'lookup-order',
    method: 'GET',
    path: CREATE_ORDER_PATH,
    query: { reference_number: input.reference },
    referenceNumber: input.reference,
    shipmentId: input.shipmentId ?? null,
    read: readMetaAnswer,
  };
  if (input.idempotencyKey) request.idempotencyKey = input.idempotencyKey;
  return request;
}

function booked(c: Classification, result: JsonObject | null, boxes: readonly BoxRef[]): Outcome {
  const waybill = result ? asText(result.waybill) : null;
  if (!result || !waybill) {
    // A success without a waybill books nothing we can label: say nothing, retry / poll again.
    return { kind: 'transient', meta_status: c.meta_status, http_status: c.http_status, error_code: null, message: `ClickPost meta.status ${c.meta_status} without a waybill` };
  }
  const label = asText(result.label);
  const match = matchChildren(result.children, boxes, waybill, label);
  const message = [c.message, match.note].filter((m): m is string => !!m).join('; ');
  return {
    kind: 'booked',
    meta_status: c.meta_status as number,
    parent_awb: waybill,
    label_url: label,
    children: match.children,
    // POST answers name it courier_partner_id, GET poll answers courier_partner.
    courier_partner_id: asInt(result.courier_partner_id) ?? asInt(result.courier_partner),
    courier_name: asText(result.courier_name),
    message: message === '' ? null : message,
  };
}

/**
 * Any create-order answer (POST or GET poll) -> Outcome. `boxes` are the shipment's boxes in
 * order: children come back matched to them. Never throws.
 */
export function parseCreateOrderResponse(response: ClickPostResponse, boxes: readonly BoxRef[]): Outcome {
  if (!response.ok) return failureFromTransport(response);
  const c = classificationOf(response);
  const result = asObject(asObject(response.body)?.result);
  if (c.kind === 'booked') return booked(c, result, boxes);
  if (c.kind === 'accepted_async') {
    const orderId = (result ? asText(result.order_id) : null) ?? asText(asObject(response.body)?.order_id);
    return { kind: 'accepted_async', meta_status: c.meta_status as number, order_id: orderId, message: c.message };
  }
  return outcomeWithoutResult(c);
}
