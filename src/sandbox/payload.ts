/**
 * Reads a v3 India create-order payload the way the sandbox needs it, and checks the
 * mandatory fields of 003_ce9d51f4ffb5e86e.txt plus the MPS shape of the wire notes,
 * so a mapping bug surfaces as ClickPost's 328 "Invalid POST data" naming the fields.
 */

export interface Carton {
  /** The carton's own reference (its box code). */
  reference: string;
  description: string | null;
}

export interface CreatePayload {
  reference: string;
  accountCode: string;
  courierPartnerId: number;
  cartons: Carton[];
  pickupCity: string;
  dropPincode: string;
}

type Json = Record<string, unknown>;

const PICKUP_FIELDS = ['pickup_name', 'pickup_address', 'pickup_city', 'pickup_state', 'pickup_pincode', 'pickup_country', 'email', 'pickup_phone', 'pickup_time', 'tin'];
const DROP_FIELDS = ['drop_name', 'drop_address', 'drop_city', 'drop_state', 'drop_pincode', 'drop_country', 'drop_phone'];
const SHIPMENT_FIELDS = ['account_code', 'courier_partner', 'reference_number', 'invoice_value', 'invoice_date', 'delivery_type', 'order_type', 'cod_value', 'height', 'breadth', 'length', 'weight'];
const ITEM_FIELDS = ['description', 'quantity', 'weight', 'price'];

function obj(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The reference_number of a payload, before any validation (faults count per reference). */
export function referenceOf(body: unknown): string | null {
  return text(obj(obj(body)?.shipment_details)?.reference_number);
}

export function accountCodeOf(body: unknown): string | null {
  return text(obj(obj(body)?.shipment_details)?.account_code);
}

/** Every problem, as `path: what`. Empty when the payload is acceptable. */
export function payloadProblems(body: unknown): string[] {
  const problems: string[] = [];
  const root = obj(body);
  if (!root) return ['body: must be a JSON object'];
  const missing = (section: string, o: Json | null, fields: string[]): void => {
    for (const f of fields) if (!present(o?.[f])) problems.push(`${section}.${f}: is required`);
  };
  const pickup = obj(root.pickup_info);
  const drop = obj(root.drop_info);
  const shipment = obj(root.shipment_details);
  missing('pickup_info', pickup, PICKUP_FIELDS);
  missing('drop_info', drop, DROP_FIELDS);
  missing('shipment_details', shipment, SHIPMENT_FIELDS);
  if (pickup && present(pickup.pickup_time) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(String(pickup.pickup_time))) {
    problems.push('pickup_info.pickup_time: must be YYYY-MM-DDTHH:MM:SS');
  }
  for (const [section, o, field] of [['pickup_info', pickup, 'pickup_pincode'], ['drop_info', drop, 'drop_pincode']] as const) {
    if (o && present(o[field]) && !/^\d{6}$/.test(String(o[field]))) problems.push(`${section}.${field}: must be 6 digits`);
  }
  if (shipment && shipment.shipment_type !== 'MPS') problems.push('shipment_details.shipment_type: must be "MPS" for a B2B multi-box account');
  const items = shipment?.items;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push('shipment_details.items: at least one carton is required');
  } else {
    items.forEach((item, i) => {
      for (const f of ITEM_FIELDS) if (!present(obj(item)?.[f])) problems.push(`shipment_details.items[${i}].${f}: is required`);
    });
  }
  if (shipment && present(shipment.courier_partner) && !Number.isInteger(Number(shipment.courier_partner))) {
    problems.push('shipment_details.courier_partner: must be an integer');
  }
  return problems;
}

// Where a carton's own reference may sit; the mapping decides, the sandbox accepts each.
function cartonReference(item: Json, reference: string, index: number): string {
  const additional = obj(item.additional);
  for (const candidate of [item.reference_number, item.box_code, additional?.reference_number, additional?.box_code, item.sku]) {
    const value = text(candidate);
    if (value && value.trim() !== '') return value;
  }
  return `${reference}-${index + 1}`;
}

/** A payload that passed payloadProblems(). */
export function readPayload(body: unknown): CreatePayload {
  const root = obj(body)!;
  const shipment = obj(root.shipment_details)!;
  const reference = text(shipment.reference_number)!;
  const items = (shipment.items as unknown[]).map((i) => obj(i) ?? {});
  return {
    reference,
    accountCode: text(shipment.account_code)!,
    courierPartnerId: Number(shipment.courier_partner),
    cartons: items.map((item, i) => ({ reference: cartonReference(item, reference, i), description: text(item.description) })),
    pickupCity: text(obj(root.pickup_info)?.pickup_city) ?? '',
    dropPincode: text(obj(root.drop_info)?.drop_pincode) ?? '',
  };
}
