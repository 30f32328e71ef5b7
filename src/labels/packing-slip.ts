/**
 * Draws one packing slip page (A6 portrait) with pdf-lib, in DejaVu Sans so the
 * rupee sign prints, and text in an Indian script in that script's Noto face (each
 * line drawn run by run, one font per run). Layout is decided in slip-layout.ts; this
 * file only measures and paints.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedSlipFonts, type SlipFonts } from './fonts.js';
import { splitRuns } from './script-runs.js';
import { A6_PORTRAIT, layoutPackingSlip, type PackingSlipData, type SlipLayout, type SlipMeasures } from './slip-layout.js';

export type { PackingSlipData } from './slip-layout.js';

/**
 * Width functions backed by the embedded fonts, for layoutPackingSlip. fontkit lays
 * out the whole string on every call, which is slow for a slip with hundreds of
 * items, so widths are measured once at size 1 and scaled (glyph widths are linear).
 */
export function measuresOf(fonts: SlipFonts): SlipMeasures {
  return { regular: memoWidth(fonts, false), bold: memoWidth(fonts, true) };
}

/** The face a run is drawn in: its script's Noto face, else DejaVu Sans. */
function fontFor(fonts: SlipFonts, script: keyof SlipFonts['scripts'] | null, bold: boolean): PDFFont {
  const pair = (script && fonts.scripts[script]) || fonts;
  return bold ? pair.bold : pair.regular;
}

function memoWidth(fonts: SlipFonts, bold: boolean): (text: string, size: number) => number {
  const unit = new Map<string, number>();
  return (text, size) => {
    let w = unit.get(text);
    if (w === undefined) {
      w = splitRuns(text).reduce((sum, run) => sum + fontFor(fonts, run.script, bold).widthOfTextAtSize(run.text, 1), 0);
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
    let x = t.x;
    for (const run of splitRuns(t.text)) {
      const font = fontFor(fonts, run.script, t.bold);
      page.drawText(run.text, { x, y: t.y, size: t.size, font, color: rgb(0, 0, 0) });
      x += font.widthOfTextAtSize(run.text, t.size);
    }
  }
}

/**
 * Appends one slip page for one box to `doc` and returns it. Pass `fonts` when
 * drawing several slips into one document, so the fonts are embedded once.
 */
export async function addPackingSlipPage(doc: PDFDocument, data: PackingSlipData, fonts?: SlipFonts): Promise<PDFPage> {
  const f = fonts ?? (await embedSlipFonts(doc, slipTexts([data])));
  const layout = layoutPackingSlip(data, measuresOf(f), A6_PORTRAIT);
  const page = doc.addPage([layout.width, layout.height]);
  paint(page, layout, f);
  return page;
}

/** Every text a slip may print, for embedSlipFonts to pick the scripts' faces. */
export function slipTexts(slips: readonly PackingSlipData[]): string[] {
  return slips.map((d) => JSON.stringify(d));
}
