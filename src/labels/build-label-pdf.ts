/**
 * The one PDF the host prints for a shipment: per box, in box order, its label page
 * and, when Packslip Required is on, its packing slip right after it (operations
 * print and stick box by box). Exactly one label page per box, plus one slip page
 * per box when slips are asked. Label pages are copied as they are, never redrawn.
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import type { Item } from '../domain/shipment-input.js';
import { LabelPdfError } from './errors.js';
import { embedSlipFonts, type SlipFonts } from './fonts.js';
import { needsParent, pickLabelPages, type LabelPageSource } from './label-pages.js';
import { addPackingSlipPage, slipTexts, type PackingSlipData } from './packing-slip.js';
import type { PackslipInfo } from './slip-layout.js';

export interface LabelBox {
  box_code: string;
  child_awb: string | null;
  items: Item[];
}

export type { PackslipInfo };

export interface BuildLabelInput {
  shipmentCode: string;
  boxes: LabelBox[];
  parentAwb: string;
  parentLabel: Uint8Array;
  /** By box position; null (or missing) where ClickPost gave no child label. */
  childLabels: Array<Uint8Array | null>;
  /** null when Packslip Required is off. */
  packslip: null | PackslipInfo;
}

async function loadPdf(bytes: Uint8Array, what: string): Promise<PDFDocument> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    // pdf-lib's lenient parser accepts a file without a catalog; reading the page
    // tree here turns that into a clear error instead of a TypeError later.
    doc.getPageCount();
    return doc;
  } catch (err) {
    const why = err instanceof Error ? err.name : 'unknown error';
    throw new LabelPdfError(`${what} is not a readable PDF (${why})`);
  }
}

async function loadChildren(input: BuildLabelInput): Promise<Array<PDFDocument | null>> {
  return Promise.all(
    input.boxes.map((_, i) => {
      const bytes = input.childLabels[i];
      return bytes ? loadPdf(bytes, `child label of box ${i + 1}`) : Promise.resolve(null);
    }),
  );
}

/** Copies every box's label page, loading the parent only when some box needs it. */
async function copyLabelPages(out: PDFDocument, input: BuildLabelInput): Promise<PDFPage[]> {
  const children = await loadChildren(input);
  const childPages = children.map((doc) => doc?.getPageCount() ?? 0);
  let parent: PDFDocument | null = null;
  if (needsParent(childPages)) {
    parent = await loadPdf(input.parentLabel, 'parent label');
    if (parent.getPageCount() === 0) throw new LabelPdfError('parent label has no pages');
  }
  const sources = pickLabelPages(childPages, parent?.getPageCount() ?? 0);
  const pages = new Array<PDFPage>(sources.length);
  for (const [i, source] of sources.entries()) {
    const child = source.from === 'child' ? children[source.box] : null;
    if (child) [pages[i]] = await out.copyPages(child, [source.page]);
  }
  if (parent) await copyFromParent(out, parent, sources, pages);
  return pages;
}

// One copyPages call for all parent pages: a single copier shares the parent's fonts
// and images between the copies instead of duplicating them per box.
async function copyFromParent(out: PDFDocument, parent: PDFDocument, sources: LabelPageSource[], pages: PDFPage[]): Promise<void> {
  const boxes = sources.flatMap((s, i) => (s.from === 'parent' ? [i] : []));
  const copies = await out.copyPages(parent, boxes.map((i) => sources[i].page));
  boxes.forEach((box, k) => {
    pages[box] = copies[k];
  });
}

function checkInput(input: BuildLabelInput): void {
  if (input.boxes.length === 0) throw new LabelPdfError('a shipment label needs at least one box');
  if (input.childLabels.length > input.boxes.length) {
    throw new LabelPdfError(`${input.childLabels.length} child labels for ${input.boxes.length} boxes`);
  }
}

/** Merges the labels (and slips) of every box into one PDF, in box order. */
export async function buildLabelPdf(input: BuildLabelInput): Promise<Uint8Array> {
  checkInput(input);
  const out = await PDFDocument.create();
  out.setTitle(`Labels ${input.shipmentCode}`);
  out.setProducer('clickpost-b2b-connector');
  const labels = await copyLabelPages(out, input);
  const packslip = input.packslip;
  const slips = packslip ? input.boxes.map((_, i) => slipData(input, i, packslip)) : [];
  // Embedded once for every slip, with the faces of the scripts their text uses.
  const fonts: SlipFonts | null = packslip ? await embedSlipFonts(out, slipTexts(slips)) : null;
  for (let i = 0; i < input.boxes.length; i++) {
    out.addPage(labels[i]);
    if (fonts) await addPackingSlipPage(out, slips[i]!, fonts);
  }
  return out.save();
}

function slipData(input: BuildLabelInput, i: number, p: PackslipInfo): PackingSlipData {
  const box = input.boxes[i];
  return {
    shipmentCode: input.shipmentCode,
    boxNumber: i + 1,
    boxCount: input.boxes.length,
    boxCode: box.box_code,
    childAwb: box.child_awb,
    parentAwb: input.parentAwb,
    items: box.items,
    ...p,
  };
}
