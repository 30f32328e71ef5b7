/** The host shipment's rules added with ClickPost's published shape (issue #8). */
import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { MAX_REFERENCE_LENGTH, parseShipmentInput, referenceFor } from '../../src/domain/shipment-input.js';
import { exampleShipment } from '../helpers/shipments.js';

const RULES = { ewaybill_above: 50_000 };

function withInvoice(value: number, ewaybill_number?: string) {
  const body = exampleShipment('EWB-1');
  return { ...body, invoice: { ...body.invoice, value, ewaybill_number } };
}

describe('drop.gstin and the e-way bill number', () => {
  it('accepts a 15-character GSTIN as drop.gstin and refuses anything else, naming the field', () => {
    const body = exampleShipment('GST-1');
    expect(parseShipmentInput({ ...body, drop: { ...body.drop, gstin: '27AABCR5055K1Z9' } })).toMatchObject({ ok: true });
    for (const wrong of ['27AABCR5055K1Z', '27aabcr5055k1z9', 'XXAABCR5055K1Z9', '27AABCR5055K1Y9']) {
      const r = parseShipmentInput({ ...body, drop: { ...body.drop, gstin: wrong } });
      expect(r).toMatchObject({ ok: false, fields: [{ path: 'drop.gstin' }] });
    }
  });

  it('an e-way bill number is 12 digits', () => {
    expect(parseShipmentInput(withInvoice(1000, '331009876543'), RULES)).toMatchObject({ ok: true });
    expect(parseShipmentInput(withInvoice(1000, '33100987654'), RULES)).toMatchObject({ ok: false, fields: [{ path: 'invoice.ewaybill_number' }] });
    expect(parseShipmentInput(withInvoice(1000, 'EWB331009876'), RULES)).toMatchObject({ ok: false, fields: [{ path: 'invoice.ewaybill_number' }] });
  });

  it('above E-way Bill Above the number is required (CGST rule 138); at or below it, or with the check off, it is not', () => {
    const missing = parseShipmentInput(withInvoice(50_000.01), RULES);
    expect(missing).toMatchObject({ ok: false, fields: [{ path: 'invoice.ewaybill_number' }] });
    if (!missing.ok) expect(missing.fields[0]!.message).toMatch(/50000/);
    expect(parseShipmentInput(withInvoice(50_000), RULES)).toMatchObject({ ok: true });
    expect(parseShipmentInput(withInvoice(90_000, '331009876543'), RULES)).toMatchObject({ ok: true });
    expect(parseShipmentInput(withInvoice(90_000), { ewaybill_above: 0 })).toMatchObject({ ok: true });
  });
});

describe('referenceFor: never longer than 20 characters', () => {
  it('keeps the code and -P2/-P3 when they fit', () => {
    expect(referenceFor('SHP-1001', 1)).toBe('SHP-1001');
    expect(referenceFor('SHP-1001', 3)).toBe('SHP-1001-P3');
    expect(referenceFor('A'.repeat(20), 1)).toBe('A'.repeat(20));
  });

  it('shortens a longer one deterministically, keeping the head and the priority', () => {
    const code = 'WAVE-2026-11-29-MUMBAI-DOCK-7-0042';
    const p1 = referenceFor(code, 1);
    const p2 = referenceFor(code, 2);
    expect(p1).toHaveLength(20);
    expect(p2).toHaveLength(20);
    expect(p1.startsWith('WAVE-2026')).toBe(true);
    expect(p2.endsWith('-P2')).toBe(true);
    expect(referenceFor(code, 2)).toBe(p2);
    expect(referenceFor('A'.repeat(18), 2)).toHaveLength(20);
  });

  // Codes that themselves end in -P2/-P3 are left out: the contract's suffix makes "X-P2" at
  // P1 and "X" at P2 the same reference (ASSUMPTIONS.md A9 names that risk).
  it('property: at most 20 characters, and different shipments (or priorities) never share one', () => {
    const codeArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.\/-]{0,59}$/);
    fc.assert(
      fc.property(codeArb, codeArb, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (a, b, pa, pb) => {
        fc.pre(!/-P[23]$/.test(a) && !/-P[23]$/.test(b));
        expect(referenceFor(a, pa).length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
        if (a !== b || pa !== pb) expect(referenceFor(a, pa)).not.toBe(referenceFor(b, pb));
      }),
      { numRuns: 2000 },
    );
  });
});
