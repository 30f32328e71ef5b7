import { describe, it, expect } from '@jest/globals';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { embedSlipFonts, loadFontBytes } from '../../src/labels/fonts.js';
import { addPackingSlipPage } from '../../src/labels/packing-slip.js';
import { A6_PORTRAIT } from '../../src/labels/slip-layout.js';
import { fontNames, item, PACKSLIP, toUnicodeMaps } from './pdf-fixtures.js';

const data = {
  shipmentCode: 'SHP-1001',
  boxNumber: 1,
  boxCount: 1,
  boxCode: 'SHP-1001-1',
  childAwb: '50012345678_1',
  parentAwb: '50012345678',
  items: [item()],
  ...PACKSLIP,
};

describe('packing slip page', () => {
  it('the standard fonts cannot draw the rupee sign (why DejaVu is embedded)', async () => {
    const doc = await PDFDocument.create();
    const helvetica = await doc.embedFont(StandardFonts.Helvetica);
    expect(() => doc.addPage().drawText('₹100', { font: helvetica })).toThrow();
  });

  it('adds exactly one A6 page drawn in DejaVu, with "₹" among its glyphs', async () => {
    const doc = await PDFDocument.create();
    const page = await addPackingSlipPage(doc, data);
    expect(doc.getPageCount()).toBe(1);
    expect(page.getSize()).toEqual({ width: A6_PORTRAIT.width, height: A6_PORTRAIT.height });
    const bytes = await doc.save();
    expect((await fontNames(bytes)).filter((n) => n.includes('DejaVu')).length).toBeGreaterThan(0);
    expect((await toUnicodeMaps(bytes)).some((m) => /<20b9>/i.test(m))).toBe(true);
    // subset: true keeps only the glyphs used; the full DejaVuSans.ttf alone is ~750 KB.
    expect(bytes.length).toBeLessThan(150_000);
  });

  it('a DejaVu subset without "₹" text has no U+20B9 (the check above is real)', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedSlipFonts(doc);
    doc.addPage().drawText('abc', { font: fonts.regular });
    const maps = await toUnicodeMaps(await doc.save());
    expect(maps.length).toBeGreaterThan(0);
    expect(maps.some((m) => /<20b9>/i.test(m))).toBe(false);
  });

  it('still one page for a box with hundreds of items', async () => {
    const doc = await PDFDocument.create();
    const items = Array.from({ length: 300 }, (_, i) => item({ sku: `SKU-${i}`, description: `Spare part ${i} with a longer name` }));
    await addPackingSlipPage(doc, { ...data, items });
    expect(doc.getPageCount()).toBe(1);
  });

  it('reads the font files once and reuses the bytes', async () => {
    const a = await loadFontBytes();
    const b = await loadFontBytes();
    expect(b.regular).toBe(a.regular);
    expect(a.regular.length).toBeGreaterThan(100_000);
    expect(a.bold).not.toBe(a.regular);
  });
});
