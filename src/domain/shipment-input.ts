/**
 * The shipment as the host sends it (../shared/contract/README.md, "A shipment, as
 * the host sends it"). One zod schema serves the library, the HTTP face and OpenAPI.
 * Field names are the contract's and are fixed.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fieldErrors, type FieldError } from './field-errors.js';

const nonEmpty = z.string().trim().min(1, 'is required');

/**
 * Maximum lengths of the host's text fields: ClickPost's where it states one (names 100,
 * addresses 500, city and state 200, invoice number 50, email 150, item 500), else a
 * bound that fits the database column the value lands in (box_code and account_code are
 * varchar(128); see migrations/001_initial.ts).
 */
export const MAX_LENGTH = Object.freeze({
  name: 100,
  address: 500,
  city: 200,
  state: 200,
  email: 150,
  gstin: 50,
  account_code: 100,
  box_code: 100,
  invoice_number: 50,
  description: 500,
  sku: 100,
  hsn_code: 20,
});

/** A required text of at most `max` characters (after trimming). */
const text = (max: number) => nonEmpty.max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).optional();
const email = z.email('must be an email address').max(MAX_LENGTH.email, `must be at most ${MAX_LENGTH.email} characters`);
const pincode = z.string().regex(/^[1-9][0-9]{5}$/, 'must be a 6-digit Indian pincode');
const phone = z.string().regex(/^[0-9]{10}$/, 'must be 10 digits');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real calendar date');
const positive = z.number().positive('must be greater than 0').finite();

export const ProviderSchema = z.object({
  // The attempts and breakers columns are 32-bit integers on PostgreSQL.
  courier_partner_id: z.number().int('must be a whole number').positive('must be greater than 0').max(2_147_483_647, 'must be at most 2147483647'),
  account_code: text(MAX_LENGTH.account_code),
});

const AddressBase = {
  name: text(MAX_LENGTH.name),
  address: text(MAX_LENGTH.address),
  city: text(MAX_LENGTH.city),
  state: text(MAX_LENGTH.state),
  pincode,
  country: z.literal('IN', { message: 'must be "IN"' }),
  phone,
};

export const PickupSchema = z.object({
  ...AddressBase,
  email,
  gstin: text(MAX_LENGTH.gstin),
});

/**
 * GSTIN: 2-digit state code, 10-character PAN, entity number, "Z", check character (15 in
 * all). The check character is not verified: a typo in it is the courier's to refuse.
 */
const gstin = z.string().regex(/^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, 'must be a 15-character GSTIN (e.g. 27AAACB1234C1Z5)');

export const DropSchema = z.object({
  ...AddressBase,
  email: email.optional(),
  /** The consignee's GSTIN: ClickPost's consignee_gstin ("compulsory for B2B shipments"). */
  gstin: gstin.optional(),
});

export const ItemSchema = z.object({
  sku: optionalText(MAX_LENGTH.sku),
  description: text(MAX_LENGTH.description),
  quantity: z.number().int('must be a whole number').positive('must be greater than 0'),
  unit_price: z.number().nonnegative('must not be negative').finite(),
  unit_weight_g: positive,
  hsn_code: optionalText(MAX_LENGTH.hsn_code),
});

export const BoxSchema = z.object({
  box_code: text(MAX_LENGTH.box_code),
  length_cm: positive,
  breadth_cm: positive,
  height_cm: positive,
  weight_g: positive,
  items: z.array(ItemSchema).min(1, 'every box needs at least one item'),
});

export const InvoiceSchema = z.object({
  number: text(MAX_LENGTH.invoice_number),
  value: positive,
  date: isoDate,
  /** E-way bill number (CGST rule 138): 12 digits. Required above the "E-way Bill Above" setting. */
  ewaybill_number: z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit e-way bill number').optional(),
});

export const ShipmentInputSchema = z
  .object({
    shipment_code: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.\/-]{0,59}$/, 'must be 1-60 letters, digits, "-", "_", "." or "/"'),
    providers: z.array(ProviderSchema).min(1, 'needs 1 to 3 providers').max(3, 'needs 1 to 3 providers'),
    order_type: z.enum(['PREPAID', 'COD'], { message: 'must be PREPAID or COD' }),
    cod_value: z.number().nonnegative('must not be negative').finite().optional(),
    delivery_type: z.enum(['FORWARD', 'RVP'], { message: 'must be FORWARD or RVP' }),
    invoice: InvoiceSchema,
    pickup: PickupSchema,
    drop: DropSchema,
    boxes: z.array(BoxSchema).min(1, 'needs at least one box'),
  })
  .superRefine((s, ctx) => {
    if (s.order_type === 'COD' && !(typeof s.cod_value === 'number' && s.cod_value > 0)) {
      ctx.addIssue({ code: 'custom', path: ['cod_value'], message: 'must be greater than 0 when order_type is COD' });
    }
    if (s.order_type === 'PREPAID' && typeof s.cod_value === 'number' && s.cod_value !== 0) {
      ctx.addIssue({ code: 'custom', path: ['cod_value'], message: 'must be 0 when order_type is PREPAID' });
    }
    // The same courier account twice would only repeat a failure: refused, naming the repeat.
    const accounts = new Map<string, number>();
    s.providers.forEach((p, i) => {
      const key = `${p.courier_partner_id}\u0000${p.account_code}`;
      const first = accounts.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['providers', i], message: `repeats providers[${first}] (same courier_partner_id and account_code)` });
      else accounts.set(key, i);
    });
    const seen = new Set<string>();
    s.boxes.forEach((b, i) => {
      if (seen.has(b.box_code)) ctx.addIssue({ code: 'custom', path: ['boxes', i, 'box_code'], message: 'must be unique within the shipment' });
      seen.add(b.box_code);
    });
  });

export type ShipmentInput = z.infer<typeof ShipmentInputSchema>;
export type Provider = z.infer<typeof ProviderSchema>;
export type Box = z.infer<typeof BoxSchema>;
export type Item = z.infer<typeof ItemSchema>;

export { fieldErrors, formatPath, type FieldError } from './field-errors.js';

export type ParseShipmentResult =
  | { ok: true; shipment: ShipmentInput }
  | { ok: false; fields: FieldError[] };

/** The rules that depend on the connector settings rather than on the body alone. */
export interface ShipmentRules {
  /** Invoice value (₹) above which `invoice.ewaybill_number` is required; 0 = no check. */
  ewaybill_above: number;
}

/**
 * CGST rule 138: goods above the threshold move with an e-way bill. Checked here, before
 * anything is written, so the courier never refuses the shipment for it later.
 */
export function ewaybillProblems(shipment: ShipmentInput, rules: ShipmentRules): FieldError[] {
  if (rules.ewaybill_above <= 0 || shipment.invoice.value <= rules.ewaybill_above) return [];
  if (shipment.invoice.ewaybill_number) return [];
  return [{ path: 'invoice.ewaybill_number', message: `is required when invoice.value is above ${rules.ewaybill_above} (CGST rule 138; setting "E-way Bill Above")` }];
}

/** Validates a host body; never throws. cod_value defaults to 0. */
export function parseShipmentInput(body: unknown, rules?: ShipmentRules): ParseShipmentResult {
  const parsed = ShipmentInputSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
  const shipment = { ...parsed.data, cod_value: parsed.data.cod_value ?? 0 };
  const problems = rules ? ewaybillProblems(shipment, rules) : [];
  if (problems.length > 0) return { ok: false, fields: problems };
  return { ok: true, shipment };
}

/** ClickPost's longest reference_number (003: Bluedart allows 20; the GET lookup likewise). */
export const MAX_REFERENCE_LENGTH = 20;

/**
 * The reference sent to ClickPost for the provider at `priority` (1-based): the shipment code
 * for P1, the code with `-P2`/`-P3` after it, as long as that fits in 20 characters. A longer
 * one keeps the code's start and ends with a hash of the whole code, so it stays the same
 * for every retry and round (ClickPost dedupes by it) and differs between shipments.
 */
export function referenceFor(shipmentCode: string, priority: number): string {
  const suffix = priority === 1 ? '' : `-P${priority}`;
  const plain = `${shipmentCode}${suffix}`;
  if (plain.length <= MAX_REFERENCE_LENGTH) return plain;
  const hash = createHash('sha256').update(shipmentCode).digest('hex').slice(0, 10).toUpperCase();
  const head = shipmentCode.slice(0, MAX_REFERENCE_LENGTH - hash.length - 1 - suffix.length);
  return `${head}-${hash}${suffix}`;
}
