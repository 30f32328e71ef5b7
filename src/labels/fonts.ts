/**
 * Fonts of the packing slip. The base is DejaVu Sans: pdf-lib's standard 14 fonts use
 * WinAnsi and cannot draw "₹" (U+20B9). Text in an Indian script is drawn in the Noto
 * Sans face of that script (@expo-google-fonts/noto-sans-<script>, static TTFs that
 * fontkit reads), embedded only when a slip has such text, and read from disk on first
 * use only, so a service that never prints one never loads them. Every face is embedded
 * subset: only the glyphs drawn are stored.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { INDIC_SCRIPTS, scriptsIn, type IndicScript } from './script-runs.js';

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface FontPair {
  regular: PDFFont;
  bold: PDFFont;
}

export interface SlipFonts extends FontPair {
  /** The Indic faces embedded for this document (only the scripts its text uses). */
  scripts: Partial<Record<IndicScript, FontPair>>;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Promise<FontBytes>>();

/** Reads two files once per process; a failed read does not poison the cache. */
function cachedPair(key: string, files: () => [string, string]): Promise<FontBytes> {
  let pending = cache.get(key);
  if (!pending) {
    pending = Promise.all(files().map((f) => readFile(f))).then(([regular, bold]) => ({ regular: new Uint8Array(regular!), bold: new Uint8Array(bold!) }));
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

// Resolved through the packages, not relative paths, so it works from src/ under jest
// and from dist/ in an installed package alike.
function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The DejaVu Sans regular and bold bytes. */
export function loadFontBytes(): Promise<FontBytes> {
  return cachedPair('dejavu', () => {
    const dir = path.join(packageDir('dejavu-fonts-ttf'), 'ttf');
    return [path.join(dir, 'DejaVuSans.ttf'), path.join(dir, 'DejaVuSans-Bold.ttf')];
  });
}

/** Noto Sans <Script> regular and bold bytes. */
export function loadScriptFontBytes(script: IndicScript): Promise<FontBytes> {
  return cachedPair(script, () => {
    const dir = packageDir(`@expo-google-fonts/noto-sans-${script}`);
    const family = `NotoSans${script[0]!.toUpperCase()}${script.slice(1)}`;
    return [path.join(dir, '400Regular', `${family}_400Regular.ttf`), path.join(dir, '700Bold', `${family}_700Bold.ttf`)];
  });
}

// @pdf-lib/fontkit's Indic shaper is compiled with generator code that expects a global
// regeneratorRuntime (pdf-lib issues 785 and 1419); loaded only when an Indic face is.
// (The package has no types; its only effect is setting that global.)
const REGENERATOR = 'regenerator-runtime/runtime.js';
let regenerator: Promise<unknown> | null = null;
function indicShaperReady(): Promise<unknown> {
  regenerator ??= import(REGENERATOR);
  return regenerator;
}

// Mark positioning of @pdf-lib/fontkit throws on some anchors of the Noto Indic fonts
// (Malayalam and Gurmukhi most often): retry without the positioning features, so the
// glyphs still come out substituted and in order, marks at their default place.
const NO_POSITIONING = Object.freeze({ mark: false, mkmk: false, abvm: false, blwm: false, dist: false, curs: false, kern: false });

type FontkitFont = ReturnType<typeof fontkit.create>;

/** fontkit with that retry; exported so tests read the glyphs the slip draws. */
export const tolerantFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): FontkitFont {
    const font = fontkit.create(bytes as Buffer, postscriptName);
    const layout = font.layout.bind(font);
    font.layout = ((text: string, features?: Record<string, boolean>, ...rest: unknown[]) => {
      try {
        // fontkit writes into the features object it is given: pass a copy.
        return (layout as (...a: unknown[]) => ReturnType<typeof layout>)(text, features ? { ...features } : undefined, ...rest);
      } catch {
        return (layout as (...a: unknown[]) => ReturnType<typeof layout>)(text, { ...features, ...NO_POSITIONING }, ...rest);
      }
    }) as typeof font.layout;
    return font;
  },
};

async function embedPair(doc: PDFDocument, bytes: FontBytes): Promise<FontPair> {
  const [regular, bold] = await Promise.all([doc.embedFont(bytes.regular, { subset: true }), doc.embedFont(bytes.bold, { subset: true })]);
  return { regular, bold };
}

/**
 * Embeds the slip's faces into `doc`: DejaVu Sans always, and the Noto face of every
 * Indian script that occurs in `texts` (the slips' text), nothing more.
 */
export async function embedSlipFonts(doc: PDFDocument, texts: readonly string[] = []): Promise<SlipFonts> {
  doc.registerFontkit(tolerantFontkit as unknown as typeof fontkit);
  const base = await embedPair(doc, await loadFontBytes());
  const needed = scriptsIn(texts.join('\n'));
  const scripts: SlipFonts['scripts'] = {};
  if (needed.length > 0) await indicShaperReady();
  for (const script of needed) scripts[script] = await embedPair(doc, await loadScriptFontBytes(script));
  return { ...base, scripts };
}

/** The scripts this module has a face for (every Indic script it splits out). */
export const SLIP_SCRIPTS = Object.keys(INDIC_SCRIPTS) as IndicScript[];
