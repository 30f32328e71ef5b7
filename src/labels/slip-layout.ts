/**
 * Where every word of a packing slip goes, computed without touching pdf-lib: the
 * header (shipment, "Box n of N", AWB, invoice, from/to), one block per item and a
 * footer with the box totals. A slip is always exactly ONE page, because the label
 * PDF's page count is one label (+ one slip) per box: when items do not fit, the
 * item font shrinks, and below the smallest size the list is cut with
 * "... and K more items".
 */
import type { Item } from '../domain/shipment-input.js';
import { formatRupees, lineValue, roundPaise } from './money.js';
import { cleanText, truncate, wrapText, type Measure } from './text-fit.js';

/** What every slip of one shipment says the same: its invoice, from and to. */
export interface PackslipInfo {
  invoiceNumber: string;
  invoiceValue: number;
  invoiceDate: string;
  pickupName: string;
  dropName: string;
  dropCity: string;
}

export interface PackingSlipData extends PackslipInfo {
  shipmentCode: string;
  /** 1-based position of the box in the shipment. */
  boxNumber: number;
  boxCount: number;
  boxCode: string;
  childAwb: string | null;
  parentAwb: string;
  items: Item[];
}

export interface SlipMeasures {
  regular: Measure;
  bold: Measure;
}

export interface TextOp {
  text: string;
  x: number;
  /** Baseline, from the bottom of the page (PDF coordinates). */
  y: number;
  size: number;
  bold: boolean;
}

export interface SlipLayout {
  width: number;
  height: number;
  texts: TextOp[];
  /** Horizontal rules across the content width. */
  rules: Array<{ x1: number; x2: number; y: number }>;
  itemFontSize: number;
  itemsShown: number;
  itemsHidden: number;
}

/** A6 portrait in points: the size of the 4x6-inch thermal rolls labels print on. */
export const A6_PORTRAIT = { width: 297.64, height: 419.53 } as const;

const MARGIN = 14;
const LEADING = 1.3;
// Largest first; below the last one the item list is cut instead.
const ITEM_SIZES = [8, 7, 6, 5] as const;
const MAX_DESCRIPTION_LINES = 3;
const FOOTER_SIZE = 8;

type Align = 'left' | 'right';

/** Builds text ops top-down with a moving baseline. */
class Cursor {
  readonly texts: TextOp[] = [];
  readonly rules: SlipLayout['rules'] = [];
  constructor(
    private readonly measures: SlipMeasures,
    readonly left: number,
    readonly right: number,
    public top: number,
  ) {}

  get width(): number {
    return this.right - this.left;
  }

  measure(text: string, size: number, bold: boolean): number {
    return (bold ? this.measures.bold : this.measures.regular)(text, size);
  }

  /** Places `text` on the line whose baseline is `y`. */
  put(text: string, y: number, size: number, bold: boolean, align: Align = 'left'): void {
    const x = align === 'left' ? this.left : this.right - this.measure(text, size, bold);
    this.texts.push({ text, x, y, size, bold });
  }

  /** One full-width line, cut with "…" if too long; moves the cursor down. */
  line(text: string, size: number, bold = false): void {
    const y = this.top - size;
    this.put(truncate(text, size, this.width, (t, s) => this.measure(t, s, bold)), y, size, bold);
    this.top -= size * LEADING;
  }

  hr(y: number): void {
    this.rules.push({ x1: this.left, x2: this.right, y });
  }

  rule(gap = 3): void {
    this.top -= gap;
    this.hr(this.top);
    this.top -= gap;
  }
}

function header(c: Cursor, d: PackingSlipData): void {
  const title = 11;
  const boxOf = `Box ${d.boxNumber} of ${d.boxCount}`;
  const y = c.top - title;
  c.put(boxOf, y, title, true, 'right');
  const room = c.width - c.measure(boxOf, title, true) - 8;
  c.put(truncate('PACKING SLIP', title, room, (t, s) => c.measure(t, s, true)), y, title, true);
  c.top -= title * LEADING + 2;
  c.line(`Shipment: ${d.shipmentCode}`, 9, true);
  c.line(`Box code: ${d.boxCode}`, 8);
  if (d.childAwb) {
    c.line(`Child AWB: ${d.childAwb}`, 9, true);
    c.line(`Parent AWB: ${d.parentAwb}`, 8);
  } else {
    c.line(`AWB: ${d.parentAwb} (parent, covers every box)`, 9, true);
  }
  c.line(`Invoice: ${d.invoiceNumber}, dated ${d.invoiceDate}`, 8);
  c.line(`Invoice value: ${formatRupees(d.invoiceValue)}`, 8, true);
  c.line(`From: ${d.pickupName}`, 8);
  c.line(`To: ${d.dropName}, ${d.dropCity}`, 8);
  c.rule();
  const colY = c.top - 7;
  c.put('Item', colY, 7, true);
  c.put('Qty × Unit price = Value', colY, 7, true, 'right');
  c.top -= 7 * LEADING;
  c.rule(2);
}

/** One item's lines at `size`, relative to the block's top (offset 0 = first baseline). */
interface ItemBlock {
  lines: Array<{ text: string; offset: number; bold: boolean; align: Align }>;
  height: number;
}

function amountText(item: Item): string {
  return `${item.quantity} × ${formatRupees(item.unit_price)} = ${formatRupees(lineValue(item.quantity, item.unit_price))}`;
}

function itemBlock(c: Cursor, item: Item, index: number, size: number): ItemBlock {
  const lh = size * LEADING;
  const sku = item.sku ? cleanText(item.sku) : '';
  const label = `${index + 1}. ${sku ? `${sku} · ` : ''}${item.description}`;
  const amount = amountText(item);
  const amountWidth = c.measure(amount, size, false);
  const regular = (t: string, s: number): number => c.measure(t, s, false);
  // The amount shares the first line when it leaves the description room to breathe;
  // with crore-sized values it gets a line of its own.
  const sideBySide = amountWidth <= c.width * 0.5;
  const descWidth = sideBySide ? c.width - amountWidth - 6 : c.width;
  const desc = wrapText(label, size, descWidth, regular, MAX_DESCRIPTION_LINES);
  const lines: ItemBlock['lines'] = desc.map((text, i) => ({ text, offset: i * lh, bold: false, align: 'left' as Align }));
  const amountOffset = sideBySide ? 0 : desc.length * lh;
  lines.push({ text: amount, offset: amountOffset, bold: false, align: 'right' });
  const rows = sideBySide ? Math.max(1, desc.length) : desc.length + 1;
  return { lines, height: rows * lh + size * 0.35 };
}

function moreText(hidden: number): string {
  return `... and ${hidden} more item${hidden === 1 ? '' : 's'}`;
}

/** Blocks of the items that fit in `room` at `size`, stopping at the first that does not. */
function fitting(c: Cursor, items: Item[], size: number, room: number): ItemBlock[] {
  const kept: ItemBlock[] = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const block = itemBlock(c, items[i], i, size);
    if (used + block.height > room) break;
    kept.push(block);
    used += block.height;
  }
  return kept;
}

/** The largest item size at which every item fits; else the smallest size, cut short. */
function plan(c: Cursor, items: Item[], room: number): { size: number; blocks: ItemBlock[] } {
  for (const size of ITEM_SIZES) {
    const blocks = fitting(c, items, size, room);
    if (blocks.length === items.length) return { size, blocks };
  }
  const size = ITEM_SIZES[ITEM_SIZES.length - 1];
  // Leave a line for "... and K more items".
  return { size, blocks: fitting(c, items, size, room - size * LEADING) };
}

function footer(c: Cursor, items: Item[], bottom: number): void {
  const units = items.reduce((sum, i) => sum + i.quantity, 0);
  const value = roundPaise(items.reduce((sum, i) => sum + lineValue(i.quantity, i.unit_price), 0));
  c.hr(bottom + FOOTER_SIZE * LEADING + 3);
  const y = bottom + FOOTER_SIZE * 0.3;
  c.put(`Box value: ${formatRupees(value)}`, y, FOOTER_SIZE, true, 'right');
  c.put(`${units} unit${units === 1 ? '' : 's'}, ${items.length} line${items.length === 1 ? '' : 's'}`, y, FOOTER_SIZE, false);
}

/** Lays out one slip page. Pure: the same data and measures give the same layout. */
export function layoutPackingSlip(
  data: PackingSlipData,
  measures: SlipMeasures,
  page: { width: number; height: number } = A6_PORTRAIT,
): SlipLayout {
  const c = new Cursor(measures, MARGIN, page.width - MARGIN, page.height - MARGIN);
  header(c, data);
  const bottom = MARGIN;
  const itemsFloor = bottom + FOOTER_SIZE * LEADING + 6;
  const { size, blocks } = plan(c, data.items, c.top - itemsFloor);
  for (const block of blocks) {
    for (const l of block.lines) c.put(l.text, c.top - size - l.offset, size, l.bold, l.align);
    c.top -= block.height;
  }
  const hidden = data.items.length - blocks.length;
  if (hidden > 0) c.line(moreText(hidden), size, true);
  footer(c, data.items, bottom);
  return {
    width: page.width,
    height: page.height,
    texts: c.texts,
    rules: c.rules,
    itemFontSize: size,
    itemsShown: blocks.length,
    itemsHidden: hidden,
  };
}
