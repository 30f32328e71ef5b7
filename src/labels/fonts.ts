/**
 * DejaVu Sans for the packing slip. pdf-lib's standard 14 fonts use WinAnsi and
 * cannot draw "₹" (U+20B9), so a TrueType font is embedded through fontkit.
 * The font files are read once per process and kept in memory.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface SlipFonts {
  regular: PDFFont;
  bold: PDFFont;
}

let cached: Promise<FontBytes> | null = null;

// Resolved through the package, not a relative path, so it works from src/ under
// jest and from dist/ after the build alike.
function fontDir(): string {
  const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
  return path.join(path.dirname(pkg), 'ttf');
}

/** The DejaVu Sans regular and bold bytes, read from disk on first use only. */
export function loadFontBytes(): Promise<FontBytes> {
  if (!cached) {
    const dir = fontDir();
    cached = Promise.all([
      readFile(path.join(dir, 'DejaVuSans.ttf')),
      readFile(path.join(dir, 'DejaVuSans-Bold.ttf')),
    ]).then(([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }));
    // A failed read must not poison the cache for the life of the process.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** Embeds both faces into `doc`, subset so only the glyphs drawn are stored. */
export async function embedSlipFonts(doc: PDFDocument): Promise<SlipFonts> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}
