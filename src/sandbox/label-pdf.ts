/**
 * A real one-page PDF label per AWB (pdf-lib, A6 portrait), with the AWB printed large
 * so a merged label can be checked page by page.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface LabelContent {
  awb: string;
  reference: string;
  courierName: string;
  sortCode: string;
  /** "Box 2 of 3", or for a parent label the list of every box. */
  boxLine: string;
  /** Extra lines (e.g. child AWBs on a parent label that covers every box). */
  lines?: string[];
}

const A6: [number, number] = [298, 420];

// The standard fonts only encode WinAnsi; keep labels printable whatever the payload says.
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

export async function renderLabelPdf(content: LabelContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Label ${content.awb}`);
  doc.setCreator('clickpost-b2b-connector sandbox');
  // Fixed dates: the same AWB always renders the same bytes.
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const page = doc.addPage(A6);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0, 0, 0);
  let y = A6[1] - 36;
  const write = (text: string, size: number, font = regular): void => {
    page.drawText(printable(text), { x: 20, y, size, font, color: ink, maxWidth: A6[0] - 40 });
    y -= size + 8;
  };
  write('CLICKPOST SANDBOX - NOT A REAL LABEL', 9, bold);
  write(content.courierName, 14, bold);
  write(`AWB ${content.awb}`, 18, bold);
  write(`Ref ${content.reference}`, 11);
  write(`Sort code ${content.sortCode}`, 11);
  write(content.boxLine, 12, bold);
  for (const line of (content.lines ?? []).slice(0, 14)) write(line, 9);
  // A bar-code-like strip so the page looks like a label when viewed.
  for (let i = 0; i < content.awb.length; i += 1) {
    const width = (content.awb.charCodeAt(i) % 4) + 1;
    page.drawRectangle({ x: 20 + i * 10, y: 30, width, height: 40, color: ink });
  }
  return doc.save();
}
