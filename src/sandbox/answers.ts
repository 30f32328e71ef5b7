/**
 * Answer bodies in ClickPost's shape (../../shared/reference/clickpost-wire-notes.md):
 * `{ meta: { status, message, success }, result }`, always HTTP 200 unless a fault says
 * otherwise. A 323 carries the waybill yet has success:false, as the notes warn.
 */
import type { Order } from './ledger.js';

export interface Meta {
  status: number;
  message: string;
  success: boolean;
}

export interface JsonAnswer {
  meta: Meta;
  result?: unknown;
}

export function meta(status: number, message: string, success = status === 200, result?: unknown): JsonAnswer {
  return result === undefined ? { meta: { status, message, success } } : { meta: { status, message, success }, result };
}

// Messages per meta.status for SBX_ERR_<code>; payload codes name a field, as ClickPost does.
const ERROR_MESSAGES: Readonly<Record<number, string>> = Object.freeze({
  301: 'Authentication failed: invalid username or key',
  302: 'Invalid cp_id: shipment_details.courier_partner',
  307: 'Invalid order_type: shipment_details.order_type',
  308: 'Invalid delivery_type: shipment_details.delivery_type',
  309: 'RVP reason is required: additional.rvp_reason',
  310: 'Invalid item format: shipment_details.items[0].description',
  311: 'Invalid COD value: shipment_details.cod_value',
  312: 'Invalid invoice value: shipment_details.invoice_value',
  313: 'Invalid pincode: drop_info.drop_pincode',
  314: 'Invalid phone number: drop_info.drop_phone',
  315: 'Invalid weight: shipment_details.weight',
  316: 'No courier credentials found for this account',
  319: 'Pincode not serviceable',
  321: 'AWB does not exist',
  322: 'Courier server error, please try again',
  324: 'No account found for the account code',
  328: 'Invalid POST data: shipment_details.invoice_date',
  351: 'Multiple accounts found for the account code',
  352: 'Account is inactive',
  353: 'Invalid courier credentials',
  354: 'Unhandled courier error',
  355: 'Vendor code missing: pickup_info.vendor_code',
  600: 'Order already cancelled',
});

export function errorMessageFor(status: number): string {
  return ERROR_MESSAGES[status] ?? `Sandbox error ${status}`;
}

export function authFailed(): JsonAnswer {
  return meta(301, ERROR_MESSAGES[301]!, false);
}

export function notFound(what: string): JsonAnswer {
  return meta(321, `${what} does not exist`, false);
}

/**
 * The booked result. `partnerField` is `courier_partner_id` on create answers and
 * `courier_partner` on GET polls, as the notes describe. `children[].item.waybill` is
 * deliberately wrong: the notes say it was seen to disagree and must not be trusted.
 */
export function bookedResult(order: Order, partnerField: 'courier_partner_id' | 'courier_partner'): Record<string, unknown> {
  return {
    waybill: order.waybill,
    label: order.label,
    reference_number: order.reference,
    sort_code: order.sortCode,
    security_key: order.securityKey,
    [partnerField]: order.courierPartnerId,
    courier_name: order.courierName,
    order_id: order.orderId,
    children: order.children.map((child, i) => ({
      reference_number: child.reference_number,
      waybill: child.waybill,
      label: child.label,
      item: { reference_number: child.reference_number, waybill: `${order.waybill}_${i + 2}` },
    })),
  };
}

export function placed(order: Order, partnerField: 'courier_partner_id' | 'courier_partner'): JsonAnswer {
  return meta(200, 'Order placed successfully', true, bookedResult(order, partnerField));
}

export function alreadyPlaced(order: Order, partnerField: 'courier_partner_id' | 'courier_partner'): JsonAnswer {
  return meta(323, 'Order already placed', false, bookedResult(order, partnerField));
}

export function accepted(order: Order): JsonAnswer {
  return meta(202, 'Order accepted for processing', true, {
    waybill: null,
    label: null,
    reference_number: order.reference,
    order_id: order.orderId,
    children: [],
  });
}

export function processing(order: Order): JsonAnswer {
  return meta(102, 'We are processing your order', false, { waybill: null, reference_number: order.reference, order_id: order.orderId });
}

export function courierFailure(order: Order): JsonAnswer {
  const failure = order.failure ?? { metaStatus: 319, message: errorMessageFor(319) };
  return meta(failure.metaStatus, failure.message, false, { waybill: null, reference_number: order.reference, order_id: order.orderId });
}

/**
 * Where an existing order stands: 102 while processing, the courier's error once failed,
 * else the booking (`placed` to a poll, `alreadyPlaced` 323 to a repeated create).
 */
export function orderStanding(order: Order, booked: (order: Order) => JsonAnswer): JsonAnswer {
  if (order.state === 'processing') return processing(order);
  if (order.state === 'failed') return courierFailure(order);
  return booked(order); // live or cancelled: ClickPost echoes the first order
}
