/**
 * Draws one packing slip page (A6 portrait) with pdf-lib, in DejaVu Sans so the
 * rupee sign prints. Layout is decided in slip-layout.ts; this file only paints it.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedSlipFonts, type SlipFonts } from './fonts.js';
import { A6_PORTRAIT, layoutPackingSlip, type PackingSlipData, type SlipLayout, type SlipMeasures } from './slip-layout.js';

export type { PackingSlipData } from './slip-layout.js';

/**
 * Width functions backed by the embedded fonts, for layoutPackingSlip. fontkit lays
 * out the whole string on every call, which is slow for a slip with hundreds of
 * items, so widths are measured once at size 1 and scaled (glyph widths are linear).
 */
export function measuresOf(fonts: SlipFonts): SlipMeasures {
  return { regular: memoWidth(fonts.regular), bold: memoWidth(fonts.bold) };
}

function memoWidth(font: PDFFont): (text: string, size: number) => number {
  const unit = new Map<string, number>();
  return (text, size) => {
    let w = unit.get(text);
    if (w === undefined) {
      w = font.widthOfTextAtSize(text, 1);
      unit.set(text, w);
    }
    return w * size;
  };
}

function paint(page: PDFPage, layout: SlipLayout, fonts: SlipFonts): void {
  for (const r of layout.rules) {
    page.drawLine({
      start: { x: r.x1, y: r.y },
      end: { x: r.x2, y: r.y },
      thickness: 0.5,
      color: rgb(0, 0, 0),
    });
  }
  for (const t of layout.texts) {
    page.drawText(t.text, { x: t.x, y: t.y, size: t.size, font: t.bold ? fonts.bold : fonts.regular, color: rgb(0, 0, 0) });
  }
}

/**
 * Appends one slip page for one box to `doc` and returns it. Pass `fonts` when
 * drawing several slips into one document, so the fonts are embedded once.
 */
export async function addPackingSlipPage(doc: PDFDocument, data: PackingSlipData, fonts?: SlipFonts): Promise<PDFPage> {
  const f = fonts ?? (await embedSlipFonts(doc));
  const layout = layoutPackingSlip(data, measuresOf(f), A6_PORTRAIT);
  const page = doc.addPage([layout.width, layout.height]);
  paint(page, layout, f);
  return page;
}
