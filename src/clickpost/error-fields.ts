/**
 * Which payload fields a ClickPost payload error (302, 307-315, 328) names. The documents
 * do not fix a shape for it, so three places are read (ASSUMPTIONS.md, "payload error
 * fields"): a structured `errors` list or object in meta or result, a result shaped like
 * `{ field: [messages] }`, and field names written in the message text.
 */
import { asArray, asObject, type JsonObject } from './read.js';

/** Field names of the v3 India create-order payload (003), the ones a message may name. */
export const CREATE_ORDER_FIELDS: readonly string[] = Object.freeze([
  'pickup_name', 'pickup_address', 'pickup_city', 'pickup_state', 'pickup_pincode', 'pickup_country',
  'pickup_phone', 'pickup_time', 'tin', 'email',
  'drop_name', 'drop_address', 'drop_city', 'drop_state', 'drop_pincode', 'drop_country', 'drop_phone', 'drop_email',
  'account_code', 'courier_partner', 'cp_id', 'reference_number', 'invoice_value', 'invoice_date', 'invoice_number',
  'delivery_type', 'order_type', 'cod_value', 'shipment_type', 'rvp_reason', 'awb_number',
  'items', 'description', 'quantity', 'price', 'sku', 'height', 'breadth', 'length', 'weight',
  'seller_gstin', 'ewaybill_serial_number', 'hsn_code',
]);

// Longest names first, so "pickup_pincode" is found before a bare word inside it.
const BY_LENGTH = [...CREATE_ORDER_FIELDS].sort((a, b) => b.length - a.length);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Field names written in a message, as `order_type` or as words ("Invalid order type"), in message order. */
export function fieldsInMessage(message: string | null): string[] {
  if (!message) return [];
  let rest = message.toLowerCase();
  const found: { field: string; at: number }[] = [];
  for (const field of BY_LENGTH) {
    const spaced = field.replace(/_/g, ' ');
    const pattern = new RegExp(`(?<![a-z0-9_])(?:${escape(field)}|${escape(spaced)})(?![a-z0-9_])`, 'g');
    const at = rest.search(pattern);
    if (at < 0) continue;
    found.push({ field, at });
    // Blank the match (same length, positions kept) so "drop_pincode" does not also report "pincode"-like names inside it.
    rest = rest.replace(pattern, (m) => ' '.repeat(m.length));
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.field);
}

/** Keys of an explicit errors object: `{ drop_pincode: "invalid" }` or `{ drop_pincode: ["invalid"] }`. */
function keysOfErrorObject(value: JsonObject): string[] {
  return Object.entries(value)
    .filter(([, v]) => typeof v === 'string' || Array.isArray(v))
    .map(([k]) => k);
}

/**
 * Keys of a result shaped like a validation report, `{ field: ["message", ...] }`. Only
 * lists of strings count: a plain string value may be an echo (`reference_number`).
 */
function keysOfValidationResult(value: JsonObject): string[] {
  return Object.entries(value)
    .filter(([k, v]) => k !== 'errors' && k !== 'error' && Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string'))
    .map(([k]) => k);
}

function namesInErrorList(list: unknown[]): string[] {
  const out: string[] = [];
  for (const entry of list) {
    const obj = asObject(entry);
    const name = obj ? (obj.field ?? obj.key ?? obj.path ?? obj.name) : null;
    if (typeof name === 'string' && name.trim() !== '') out.push(name.trim());
    else if (typeof entry === 'string') out.push(...fieldsInMessage(entry));
  }
  return out;
}

function structuredFields(container: JsonObject | null): string[] {
  if (!container) return [];
  const errors = container.errors ?? container.error;
  const list = asArray(errors);
  if (list) return namesInErrorList(list);
  const obj = asObject(errors);
  return obj ? keysOfErrorObject(obj) : [];
}

/** Every field named anywhere in a payload error answer, each once, in the order found. */
export function payloadErrorFields(meta: JsonObject, body: JsonObject, message: string | null): string[] {
  const result = asObject(body.result);
  const fromResult = result ? [...structuredFields(result), ...keysOfValidationResult(result)] : [];
  const all = [...structuredFields(meta), ...fromResult, ...fieldsInMessage(message)];
  return [...new Set(all)];
}
