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

// Messages per meta.status, as ClickPost's own table words them (Clickpost/slate
// source/includes/_error.md; 329 per issue #8). A courier refusal (319) carries the courier's
// text after ClickPost's, as the async failure sample does.
const ERROR_MESSAGES: Readonly<Record<number, string>> = Object.freeze({
  301: 'Authentication Failed: Invalid Token or API Key',
  302: 'Invalid Courier Partner Id with Field cp_id',
  307: 'You have entered invalid Order Type',
  308: 'You have entered invalid Order priority',
  309: 'Invalid Delivery Type',
  310: 'RVP reason is missing',
  311: 'Invalid Courier Partner For RVP',
  312: 'Items Data is missing from order details',
  313: 'Invalid Format of items for Order data',
  314: 'Invalid Format Of Order Data',
  315: 'Invalid Cod Value',
  316: 'You Dont Have Credentials For The Courier Partner',
  319: 'Error In Order Placing To Courier Partner: Pincode not serviceable',
  321: 'Awb Number Does not exist in system for courier partner',
  322: 'Internal Server Error In Courier Partners Server, Try Again',
  324: 'You Are Using Invalid Credential For Courier Partner, Please Update',
  328: 'Invalid POST data',
  329: 'Courier partner API timed out, Try Again',
  350: 'Order Cancellation Error from Courier Partner Server',
  351: 'No account exist',
  352: 'Multiple Account exist',
  353: 'Inactive account',
  354: 'Unhandled CP error',
  355: 'Vendor code not found',
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
  return meta(200, 'Order Placed Successfully', true, bookedResult(order, partnerField));
}

export function alreadyPlaced(order: Order, partnerField: 'courier_partner_id' | 'courier_partner'): JsonAnswer {
  return meta(323, 'You have already placed this order', false, bookedResult(order, partnerField));
}

export function accepted(order: Order): JsonAnswer {
  return meta(202, 'Order Placed Successfully', true, {
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

/** slate _error.md, "Order Cancellation Error Code" 202. */
export function cancelAccepted(waybill: string): JsonAnswer {
  return meta(202, 'Cancellation request received, failed over API, will be mailed to the couriers', true, { waybill });
}
