import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { parseShipmentInput, referenceFor, type ShipmentInput } from '../../src/domain/shipment-input.js';
import { toCreateOrderPayload, toCreateOrderRequest, toLabelPollRequest, toLookupOrderRequest, type CreateOrderInput } from '../../src/clickpost/create-order.js';
import { readMetaAnswer } from '../../src/clickpost/classify.js';
import { fixture } from './fixtures.js';

function input(overrides: Partial<CreateOrderInput> = {}): CreateOrderInput {
  const raw = fixture('create-order/input.json');
  const parsed = parseShipmentInput(raw.shipment);
  if (!parsed.ok) throw new Error(`fixture shipment is invalid: ${JSON.stringify(parsed.fields)}`);
  return { ...raw, shipment: parsed.shipment, ...overrides };
}

function withShipment(patch: (s: ShipmentInput) => ShipmentInput): CreateOrderInput {
  const base = input();
  return { ...base, shipment: patch(structuredClone(base.shipment)) };
}

// Mandatory fields of "Create Order: India" (003), written out from the document.
const MANDATORY = {
  pickup_info: ['pickup_name', 'pickup_address', 'pickup_city', 'pickup_state', 'pickup_pincode', 'pickup_country', 'email', 'pickup_phone', 'pickup_time', 'tin'],
  drop_info: ['drop_name', 'drop_address', 'drop_city', 'drop_state', 'drop_pincode', 'drop_country', 'drop_phone'],
  shipment_details: ['items', 'account_code', 'courier_partner', 'reference_number', 'invoice_value', 'invoice_date', 'delivery_type', 'order_type', 'cod_value', 'height', 'breadth', 'length', 'weight'],
  item: ['description', 'quantity', 'weight', 'price'],
  integers: ['height', 'breadth', 'length', 'weight'],
} as const;

function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

describe('toCreateOrderRequest', () => {
  it('maps the fixture shipment to the expected v3 MPS request', () => {
    const { read, ...request } = toCreateOrderRequest(input());
    expect(request).toEqual(fixture('create-order/request.json'));
    expect(read!(200, { meta: { status: 322 } }).again).toBe(true); // "try again": re-sent at once
    expect(read!(200, { meta: { status: 319 } }).again).toBe(false);
  });

  it('fills every mandatory field of the v3 India document', () => {
    const body = toCreateOrderPayload(input()) as unknown as Record<string, Record<string, unknown>>;
    for (const section of ['pickup_info', 'drop_info', 'shipment_details'] as const) {
      for (const field of MANDATORY[section]) expect([section, field, isPresent(body[section]![field])]).toEqual([section, field, true]);
    }
    const details = body.shipment_details!;
    for (const field of MANDATORY.integers) {
      expect(Number.isInteger(details[field])).toBe(true);
      expect(details[field] as number).toBeGreaterThan(0);
    }
    for (const carton of details.items as Record<string, unknown>[]) {
      for (const field of MANDATORY.item) expect(isPresent(carton[field])).toBe(true);
      expect(Number.isInteger(carton.quantity)).toBe(true);
    }
    expect(details.shipment_type).toBe('MPS');
    expect(body.additional).toMatchObject({ async: true, label: true });
    expect(body.pickup_info!.tin).toBe('27AAACB1234C1Z5');
  });

  it('sends pickup_time in India local time without offset or fraction', () => {
    const body = toCreateOrderPayload(input({ requestedAt: Date.parse('2026-11-23T05:15:42.567Z'), settings: { pickup_after_minutes: 90, appointment_after_days: 0 } }));
    expect(body.pickup_info.pickup_time).toBe('2026-11-23T12:15:42');
    expect(body.pickup_info.pickup_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('dates the appointment from the India day, across India midnight', () => {
    // 2026-11-23T19:00Z is 00:30 IST on the 24th.
    const body = toCreateOrderPayload(input({ requestedAt: Date.parse('2026-11-23T19:00:00Z'), settings: { pickup_after_minutes: 0, appointment_after_days: 1 } }));
    expect(body.additional.appointment_date).toBe('2026-11-25');
    expect(body.pickup_info.pickup_time).toBe('2026-11-24T00:30:00');
  });

  it('is pure: the same input gives a byte-identical request', () => {
    expect(JSON.stringify(toCreateOrderRequest(input()))).toBe(JSON.stringify(toCreateOrderRequest(input())));
  });

  it('carries COD, RVP reason, and leaves out what the host did not give', () => {
    const cod = toCreateOrderPayload(withShipment((s) => ({ ...s, order_type: 'COD', cod_value: 5000, delivery_type: 'RVP' })));
    expect(cod.shipment_details).toMatchObject({ order_type: 'COD', cod_value: 5000, delivery_type: 'RVP' });
    expect(cod.additional.rvp_reason).toBe('B2B return');
    const bare = toCreateOrderPayload(withShipment((s) => ({ ...s, drop: { ...s.drop, email: undefined }, invoice: { ...s.invoice, ewaybill_number: undefined } })));
    expect('drop_email' in bare.drop_info).toBe(false);
    expect('ewaybill_serial_number' in bare.gst_info).toBe(false);
    expect('rvp_reason' in bare.additional).toBe(false);
  });

  it('derives the shipment size: largest length and breadth, stacked height, total weight', () => {
    const d = toCreateOrderPayload(input()).shipment_details;
    expect([d.length, d.breadth, d.height, d.weight]).toEqual([60, 30, 30 + 21 + 15, 12000 + 8001 + 5000]);
  });
});

describe('label poll and lookup requests', () => {
  it('a label poll is the create-order POST again, same body, without the in-call retry of "try again" answers', () => {
    const sent = { ...input(), shipmentId: 17, idempotencyKey: 'label_poll:SHP-1001-P2:3' };
    const create = toCreateOrderRequest(sent);
    const poll = toLabelPollRequest(sent);
    expect({ ...poll, read: undefined }).toEqual({ ...create, endpoint: 'poll-order', read: undefined });
    expect(poll.read!(200, { meta: { status: 322 } }).again).toBe(false);
    expect(create.read!(200, { meta: { status: 322 } }).again).toBe(true);
  });

  it('a lookup GETs the create-order endpoint by reference_number', () => {
    const { read, ...request } = toLookupOrderRequest({ reference: 'SHP-1001-P2', shipmentId: 17, idempotencyKey: 'late_check:SHP-1001-P2:3' });
    expect(read).toBe(readMetaAnswer); // sent once: a "try again" is not re-sent
    expect(request).toEqual({
      endpoint: 'lookup-order', method: 'GET', path: '/api/v3/create-order/', query: { reference_number: 'SHP-1001-P2' },
      referenceNumber: 'SHP-1001-P2', shipmentId: 17, idempotencyKey: 'late_check:SHP-1001-P2:3',
    });
  });
});

// Any valid host shipment: 1..8 boxes with positive sizes.
const positive = fc.double({ min: 0.01, max: 5000, noNaN: true, noDefaultInfinity: true });
const boxArb = fc.record({
  length_cm: positive, breadth_cm: positive, height_cm: positive, weight_g: positive,
  items: fc.array(fc.record({
    description: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
    quantity: fc.integer({ min: 1, max: 1000 }),
    unit_price: fc.double({ min: 0, max: 100000, noNaN: true, noDefaultInfinity: true }),
    unit_weight_g: positive,
  }), { minLength: 1, maxLength: 4 }),
});

describe('property: any valid shipment', () => {
  it('maps to one carton per box, in box order, with whole positive sizes', () => {
    fc.assert(fc.property(fc.array(boxArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 3 }), (boxes, priority) => {
      const base = input();
      const shipment = { ...base.shipment, boxes: boxes.map((b, i) => ({ ...b, box_code: `BOX-${i + 1}` })) };
      const parsed = parseShipmentInput(shipment);
      if (!parsed.ok) return; // the generator stays inside the schema; nothing to map otherwise
      const reference = referenceFor(parsed.shipment.shipment_code, priority);
      const details = toCreateOrderPayload({ ...base, shipment: parsed.shipment, reference }).shipment_details;
      expect(details.items.map((c) => c.reference_number)).toEqual(parsed.shipment.boxes.map((b) => b.box_code));
      expect(details.reference_number).toBe(reference);
      details.items.forEach((c, i) => {
        const box = parsed.shipment.boxes[i]!;
        for (const [sent, given] of [[c.length, box.length_cm], [c.breadth, box.breadth_cm], [c.height, box.height_cm], [c.weight, box.weight_g]] as const) {
          // Rounded up after dropping float noise below 1e-6 (ASSUMPTIONS.md A3): 1.0000000000000002 cm is sent as 1.
          expect(Number.isInteger(sent) && sent >= 1 && sent >= given - 1e-6 && sent < given + 1 + 1e-6).toBe(true);
        }
      });
      expect(details.weight).toBe(details.items.reduce((s, c) => s + c.weight, 0));
      expect(details.length * details.breadth * details.height).toBeGreaterThanOrEqual(details.items.reduce((s, c) => s + c.length * c.breadth * c.height, 0));
    }), { numRuns: 200 });
  });
});
