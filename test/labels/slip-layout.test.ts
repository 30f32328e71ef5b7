import { describe, it, expect, beforeAll } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { embedSlipFonts } from '../../src/labels/fonts.js';
import { measuresOf } from '../../src/labels/packing-slip.js';
import { A6_PORTRAIT, layoutPackingSlip, type PackingSlipData, type SlipMeasures } from '../../src/labels/slip-layout.js';
import { item, PACKSLIP } from './pdf-fixtures.js';

let measures: SlipMeasures;
beforeAll(async () => {
  measures = measuresOf(await embedSlipFonts(await PDFDocument.create()));
});

function slip(overrides: Partial<PackingSlipData> = {}): PackingSlipData {
  return {
    shipmentCode: 'SHP-1001',
    boxNumber: 2,
    boxCount: 3,
    boxCode: 'SHP-1001-2',
    childAwb: '50012345678_2',
    parentAwb: '50012345678',
    items: [item()],
    ...PACKSLIP,
    ...overrides,
  };
}

const texts = (d: PackingSlipData): string[] => layoutPackingSlip(d, measures).texts.map((t) => t.text);

describe('layoutPackingSlip', () => {
  it('prints the shipment, box n of N, child AWB, invoice and item money in rupees', () => {
    const t = texts(slip());
    expect(t).toEqual(
      expect.arrayContaining([
        'PACKING SLIP',
        'Box 2 of 3',
        'Shipment: SHP-1001',
        'Box code: SHP-1001-2',
        'Child AWB: 50012345678_2',
        'Invoice: INV-77, dated 2026-11-20',
        'Invoice value: ₹1,25,000.50',
        '1. BOLT-M8 · M8 steel bolts',
        '200 × ₹12.50 = ₹2,500.00',
        'Box value: ₹2,500.00',
        '200 units, 1 line',
      ]),
    );
  });

  it('names the parent AWB when the box has no child AWB', () => {
    const t = texts(slip({ childAwb: null }));
    expect(t).toContain('AWB: 50012345678 (parent, covers every box)');
    expect(t.some((s) => s.startsWith('Child AWB'))).toBe(false);
  });

  it('wraps a long description onto further lines within the page', () => {
    const long = 'Galvanised hex head bolts with nyloc nuts and washers, grade 8.8, for rack assembly in the Pune DC';
    const layout = layoutPackingSlip(slip({ items: [item({ description: long })] }), measures);
    const descLines = layout.texts.filter((t) => t.size === layout.itemFontSize && !t.text.includes('×'));
    expect(descLines.length).toBeGreaterThan(1);
    expect(descLines.map((l) => l.text).join(' ')).toContain('Galvanised hex head');
  });

  it('keeps every word inside the page, whatever the input', () => {
    const huge = slip({
      shipmentCode: 'X'.repeat(60),
      boxCode: 'B'.repeat(120),
      dropName: 'A very long consignee name '.repeat(6),
      items: [item({ sku: 'S'.repeat(80), description: 'W'.repeat(400), quantity: 99999, unit_price: 12345678.9 })],
    });
    const layout = layoutPackingSlip(huge, measures);
    for (const t of layout.texts) {
      const width = (t.bold ? measures.bold : measures.regular)(t.text, t.size);
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.x + width).toBeLessThanOrEqual(A6_PORTRAIT.width + 0.01);
      expect(t.y).toBeGreaterThan(0);
      expect(t.y + t.size).toBeLessThanOrEqual(A6_PORTRAIT.height);
    }
  });

  it('shrinks the item font before leaving any item out', () => {
    const items = Array.from({ length: 20 }, (_, i) => item({ sku: `SKU-${i}`, description: `Part number ${i}` }));
    const layout = layoutPackingSlip(slip({ items }), measures);
    expect(layout.itemsHidden).toBe(0);
    expect(layout.itemsShown).toBe(20);
    expect(layout.itemFontSize).toBeLessThan(8);
  });

  it('cuts an overlong list with "... and K more items" and still totals every item', () => {
    const items = Array.from({ length: 200 }, (_, i) => item({ sku: `SKU-${i}`, quantity: 1, unit_price: 10 }));
    const layout = layoutPackingSlip(slip({ items }), measures);
    expect(layout.itemsHidden).toBeGreaterThan(0);
    expect(layout.itemsShown + layout.itemsHidden).toBe(200);
    const t = layout.texts.map((x) => x.text);
    expect(t).toContain(`... and ${layout.itemsHidden} more items`);
    expect(t).toContain('Box value: ₹2,000.00');
    expect(t).toContain('200 units, 200 lines');
    // Items stay above the footer rule.
    const footerRule = Math.min(...layout.rules.map((r) => r.y));
    const itemTexts = layout.texts.filter((x) => x.size === layout.itemFontSize);
    for (const x of itemTexts) expect(x.y).toBeGreaterThan(footerRule);
  });
});
