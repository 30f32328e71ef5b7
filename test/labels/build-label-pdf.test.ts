import { describe, it, expect } from '@jest/globals';
import { buildLabelPdf, type BuildLabelInput } from '../../src/labels/build-label-pdf.js';
import { LabelPdfError } from '../../src/labels/errors.js';
import { A6_PORTRAIT } from '../../src/labels/slip-layout.js';
import { fontNames, item, makePdf, pageSizes, PACKSLIP, toUnicodeMaps } from './pdf-fixtures.js';

const A6: [number, number] = [Math.round(A6_PORTRAIT.width), Math.round(A6_PORTRAIT.height)];
// Each source page has its own size, so the output's page sizes say where each page came from.
const parentPage = (i: number) => ({ size: [400, 600 + i] as [number, number], text: `PARENT page ${i + 1}` });
const childPage = (i: number) => ({ size: [288 + i, 432] as [number, number], text: `CHILD box ${i + 1}` });

function boxes(n: number): BuildLabelInput['boxes'] {
  return Array.from({ length: n }, (_, i) => ({
    box_code: `SHP-1001-${i + 1}`,
    child_awb: `50012345678_${i + 1}`,
    items: [item({ sku: `SKU-${i + 1}` })],
  }));
}

async function input(n: number, overrides: Partial<BuildLabelInput> = {}): Promise<BuildLabelInput> {
  return {
    shipmentCode: 'SHP-1001',
    boxes: boxes(n),
    parentAwb: '50012345678',
    parentLabel: await makePdf([parentPage(0)]),
    childLabels: [],
    packslip: null,
    ...overrides,
  };
}

describe('buildLabelPdf', () => {
  it('uses each child label in box order, one page per box', async () => {
    const childLabels = await Promise.all([0, 1, 2].map((i) => makePdf([childPage(i), { size: [100, 100], text: 'extra' }])));
    const out = await buildLabelPdf(await input(3, { childLabels }));
    expect(await pageSizes(out)).toEqual([[288, 432], [289, 432], [290, 432]]);
  });

  it('interleaves a slip after each label: 2 pages per box', async () => {
    const childLabels = await Promise.all([0, 1, 2].map((i) => makePdf([childPage(i)])));
    const out = await buildLabelPdf(await input(3, { childLabels, packslip: PACKSLIP }));
    expect(await pageSizes(out)).toEqual([[288, 432], A6, [289, 432], A6, [290, 432], A6]);
  });

  it('keeps 2 pages per box when a box has too many items for one slip', async () => {
    const many = boxes(3).map((b) => ({ ...b, items: Array.from({ length: 250 }, (_, i) => item({ sku: `P-${i}` })) }));
    const out = await buildLabelPdf(await input(3, { boxes: many, packslip: PACKSLIP }));
    expect(await pageSizes(out)).toEqual([[400, 600], A6, [400, 600], A6, [400, 600], A6]);
  });

  it('splits a parent with a page per box', async () => {
    const parentLabel = await makePdf([parentPage(0), parentPage(1), parentPage(2)]);
    const out = await buildLabelPdf(await input(3, { parentLabel }));
    expect(await pageSizes(out)).toEqual([[400, 600], [400, 601], [400, 602]]);
  });

  it('repeats a one-page parent for every box', async () => {
    const out = await buildLabelPdf(await input(4));
    expect(await pageSizes(out)).toEqual([[400, 600], [400, 600], [400, 600], [400, 600]]);
  });

  it('repeats the parent first page when it has fewer pages than boxes', async () => {
    const parentLabel = await makePdf([parentPage(0), parentPage(1)]);
    const out = await buildLabelPdf(await input(3, { parentLabel, packslip: PACKSLIP }));
    expect(await pageSizes(out)).toEqual([[400, 600], A6, [400, 600], A6, [400, 600], A6]);
  });

  it('falls back to the parent page of a box without a child label', async () => {
    const parentLabel = await makePdf([parentPage(0), parentPage(1), parentPage(2)]);
    const childLabels = [null, await makePdf([childPage(1)])];
    const out = await buildLabelPdf(await input(3, { parentLabel, childLabels }));
    expect(await pageSizes(out)).toEqual([[400, 600], [289, 432], [400, 602]]);
  });

  it('does not need a readable parent when every box has a child label', async () => {
    const childLabels = await Promise.all([0, 1].map((i) => makePdf([childPage(i)])));
    const out = await buildLabelPdf(await input(2, { childLabels, parentLabel: new Uint8Array(0) }));
    expect(await pageSizes(out)).toHaveLength(2);
  });

  it('embeds DejaVu for the slips and draws the rupee sign with it', async () => {
    const out = await buildLabelPdf(await input(2, { packslip: PACKSLIP }));
    const names = await fontNames(out);
    expect(names.some((n) => n.includes('DejaVu'))).toBe(true);
    // The subset's ToUnicode CMap lists U+20B9 only if a "₹" glyph was drawn.
    expect((await toUnicodeMaps(out)).some((m) => /<20b9>/i.test(m))).toBe(true);
  });

  it('draws no fonts of its own without slips', async () => {
    const out = await buildLabelPdf(await input(2));
    expect((await fontNames(out)).some((n) => n.includes('DejaVu'))).toBe(false);
  });

  it('rejects a damaged label with ERR_LABEL_PDF', async () => {
    const bad = new TextEncoder().encode('%PDF-1.7 this is not really a pdf');
    await expect(buildLabelPdf(await input(1, { parentLabel: bad }))).rejects.toMatchObject({ code: 'ERR_LABEL_PDF' });
    await expect(buildLabelPdf(await input(1, { childLabels: [bad] }))).rejects.toBeInstanceOf(LabelPdfError);
  });

  it('rejects more child labels than boxes', async () => {
    const one = await makePdf([childPage(0)]);
    await expect(buildLabelPdf(await input(1, { childLabels: [one, one] }))).rejects.toMatchObject({ code: 'ERR_LABEL_PDF' });
  });
});
