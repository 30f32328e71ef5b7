/** Small PDFs made with pdf-lib for the label tests: each page has a size that names it. */
import { PDFDocument, PDFDict, PDFName, PDFRawStream, decodePDFRawStream, StandardFonts } from 'pdf-lib';
import type { Item } from '../../src/domain/shipment-input.js';

/** A PDF with one page per size, each page stamped with its text. */
export async function makePdf(pages: Array<{ size: [number, number]; text: string }>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const p of pages) {
    const page = doc.addPage(p.size);
    page.drawText(p.text, { x: 10, y: p.size[1] - 30, size: 12, font });
  }
  return doc.save();
}

/** [width, height] of every page, rounded to the point. */
export async function pageSizes(bytes: Uint8Array): Promise<Array<[number, number]>> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((p) => {
    const { width, height } = p.getSize();
    return [Math.round(width), Math.round(height)];
  });
}

/** Every font dictionary's /BaseFont in the document. */
export async function fontNames(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const base = obj.get(PDFName.of('BaseFont'));
    if (base instanceof PDFName) names.push(base.decodeText());
  }
  return names;
}

/** The decoded text of every /ToUnicode CMap: which code points the embedded fonts draw. */
export async function toUnicodeMaps(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const maps: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const ref = obj.get(PDFName.of('ToUnicode'));
    const stream = ref ? doc.context.lookup(ref) : undefined;
    if (stream instanceof PDFRawStream) maps.push(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'));
  }
  return maps;
}

export function item(overrides: Partial<Item> = {}): Item {
  return { sku: 'BOLT-M8', description: 'M8 steel bolts', quantity: 200, unit_price: 12.5, unit_weight_g: 50, ...overrides };
}

export const PACKSLIP = {
  invoiceNumber: 'INV-77',
  invoiceValue: 125000.5,
  invoiceDate: '2026-11-20',
  pickupName: 'WH Bhiwandi',
  dropName: 'Retail DC Pune',
  dropCity: 'Pune',
};
