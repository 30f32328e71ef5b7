/**
 * The host body's limits: every text field has a maximum length (a longer one is named
 * in the 400), the same courier account twice is refused, each wrong field gets one
 * message, wrong types and non-object bodies are named as such; and a body at every
 * maximum fits the database columns on SQLite and PostgreSQL alike.
 */
import { describe, expect, it } from '@jest/globals';
import { MAX_LENGTH, parseShipmentInput, type ShipmentInput } from '../../src/domain/shipment-input.js';
import { exampleShipment } from '../helpers/shipments.js';
import { createHarness } from '../helpers/harness.js';
import { testDatabases } from '../helpers/db.js';

type Setter = (s: ShipmentInput, value: string) => void;

// Each host text field, its limit, and how to set it.
const FIELDS: [string, number, Setter][] = [
  ['providers[0].account_code', MAX_LENGTH.account_code, (s, v) => (s.providers[0]!.account_code = v)],
  ['invoice.number', MAX_LENGTH.invoice_number, (s, v) => (s.invoice.number = v)],
  ...(['pickup', 'drop'] as const).flatMap((who): [string, number, Setter][] => [
    [`${who}.name`, MAX_LENGTH.name, (s, v) => (s[who].name = v)],
    [`${who}.address`, MAX_LENGTH.address, (s, v) => (s[who].address = v)],
    [`${who}.city`, MAX_LENGTH.city, (s, v) => (s[who].city = v)],
    [`${who}.state`, MAX_LENGTH.state, (s, v) => (s[who].state = v)],
    [`${who}.email`, MAX_LENGTH.email, (s, v) => (s[who].email = `${v.slice(0, v.length - '@example.com'.length)}@example.com`)],
  ]),
  ['pickup.gstin', MAX_LENGTH.gstin, (s, v) => (s.pickup.gstin = v)],
  ['boxes[0].box_code', MAX_LENGTH.box_code, (s, v) => (s.boxes[0]!.box_code = v)],
  ['boxes[0].items[0].description', MAX_LENGTH.description, (s, v) => (s.boxes[0]!.items[0]!.description = v)],
  ['boxes[0].items[0].sku', MAX_LENGTH.sku, (s, v) => (s.boxes[0]!.items[0]!.sku = v)],
  ['boxes[0].items[0].hsn_code', MAX_LENGTH.hsn_code, (s, v) => (s.boxes[0]!.items[0]!.hsn_code = v)],
];

function withAll(code: string, length: (max: number) => number, char = 'a'): ShipmentInput {
  const s = exampleShipment(code);
  for (const [, max, set] of FIELDS) set(s, char.repeat(length(max)));
  return s;
}

describe('host body limits', () => {
  it('uses ClickPost\'s lengths where it has them', () => {
    expect(MAX_LENGTH).toMatchObject({ name: 100, address: 500, city: 200, state: 200, invoice_number: 50 });
  });

  it('names every text field over its maximum, once each', () => {
    const result = parseShipmentInput(withAll('LIM-1', (max) => max + 1));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields.map((f) => f.path).sort()).toEqual(FIELDS.map(([p]) => p).sort());
    for (const f of result.fields) expect(f.message).toMatch(/^must be at most \d+ characters$/);
  });

  it('accepts every text field at its maximum', () => {
    expect(parseShipmentInput(withAll('LIM-2', (max) => max)).ok).toBe(true);
  });

  it('refuses the same provider (courier_partner_id + account_code) twice', () => {
    const s = exampleShipment('LIM-3', ['Delhivery B2B', 'Bluedart Surface']);
    s.providers.push({ ...s.providers[0]! });
    expect(parseShipmentInput(s)).toEqual({ ok: false, fields: [{ path: 'providers[2]', message: 'repeats providers[0] (same courier_partner_id and account_code)' }] });
    // Same account code at another courier is another provider.
    s.providers[2] = { courier_partner_id: 99, account_code: 'Delhivery B2B' };
    expect(parseShipmentInput(s).ok).toBe(true);
  });

  it('gives one message per wrong field', () => {
    for (const order_type of ['PREPAID', 'COD'] as const) {
      expect(parseShipmentInput({ ...exampleShipment('LIM-4'), order_type, cod_value: -5 })).toEqual({ ok: false, fields: [{ path: 'cod_value', message: 'must not be negative' }] });
    }
  });

  it('names a wrong type and a non-object body as what they are, not as missing', () => {
    expect(parseShipmentInput(null)).toEqual({ ok: false, fields: [{ path: '(body)', message: 'must be a JSON object, not null' }] });
    expect(parseShipmentInput([])).toEqual({ ok: false, fields: [{ path: '(body)', message: 'must be a JSON object, not an array' }] });
    expect(parseShipmentInput('SHP-1')).toEqual({ ok: false, fields: [{ path: '(body)', message: 'must be a JSON object, not a string' }] });
    const s = exampleShipment('LIM-5') as unknown as Record<string, unknown>;
    const { invoice, ...rest } = s;
    expect(parseShipmentInput({ ...rest, invoice: { ...(invoice as object), value: '100' }, pickup: 5 })).toEqual({
      ok: false,
      fields: [
        { path: 'invoice.value', message: 'must be a number, not a string' },
        { path: 'pickup', message: 'must be a JSON object, not a number' },
      ],
    });
    expect(parseShipmentInput(rest)).toEqual({ ok: false, fields: [{ path: 'invoice', message: 'is required' }] });
  });
});

describe.each(testDatabases())('a body at every maximum on %s', (kind) => {
  it('is stored and booked: the limits fit the columns (characters, not bytes)', async () => {
    const h = await createHarness(kind);
    try {
      // Devanagari letters take 3 bytes each in UTF-8: varchar(n) counts characters.
      const s = withAll('LIM-DB-1', (max) => max, 'क');
      for (const [path, max, set] of FIELDS) if (path.endsWith('.email') || path.endsWith('.sku') || path.endsWith('hsn_code')) set(s, 'a'.repeat(max));
      await h.connector.schedule(s);
      await h.drain();
      const view = await h.connector.get('LIM-DB-1');
      expect(view.boxes[0]!.box_code).toBe(s.boxes[0]!.box_code);
      expect(view.attempts[0]!.account_code).toBe(s.providers[0]!.account_code);
      expect(view.status).toBe('BOOKED');
    } finally {
      await h.close();
    }
  });
});
