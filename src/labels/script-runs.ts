/**
 * Indian scripts on the packing slip: which script each character belongs to, and a
 * text cut into runs that one font can draw. DejaVu Sans (the slip's base font) has no
 * Indic glyphs, so each Indic run is drawn in the Noto Sans face of its script. Pure.
 */

/** The scripts the slip prints, with their Unicode blocks. */
export const INDIC_SCRIPTS = Object.freeze({
  devanagari: [0x0900, 0x097f],
  bengali: [0x0980, 0x09ff],
  gurmukhi: [0x0a00, 0x0a7f],
  gujarati: [0x0a80, 0x0aff],
  oriya: [0x0b00, 0x0b7f],
  tamil: [0x0b80, 0x0bff],
  telugu: [0x0c00, 0x0c7f],
  kannada: [0x0c80, 0x0cff],
  malayalam: [0x0d00, 0x0d7f],
} as const);

export type IndicScript = keyof typeof INDIC_SCRIPTS;

/** A stretch of text drawn in one font: `script` null is the base (Latin) font. */
export interface TextRun {
  script: IndicScript | null;
  text: string;
}

const ENTRIES = Object.entries(INDIC_SCRIPTS) as [IndicScript, readonly [number, number]][];
// Shared by several scripts, so they stay in the run they are in: space, ZWNJ, ZWJ,
// and the danda and double danda (U+0964/0965, used across north Indian scripts).
const NEUTRAL_IN_INDIC = new Set([0x20, 0x200c, 0x200d, 0x0964, 0x0965]);

export function scriptOf(codePoint: number): IndicScript | null {
  for (const [script, [from, to]] of ENTRIES) if (codePoint >= from && codePoint <= to) return script;
  return null;
}

/** `text` as consecutive runs, each in one script (null: not Indic). */
export function splitRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    const script = last?.script && NEUTRAL_IN_INDIC.has(cp) ? last.script : scriptOf(cp);
    if (last && last.script === script) last.text += ch;
    else runs.push({ script, text: ch });
  }
  return runs;
}

/** Every Indic script that occurs in `text`, in first-seen order. */
export function scriptsIn(text: string): IndicScript[] {
  const found = new Set<IndicScript>();
  for (const ch of text) {
    const script = scriptOf(ch.codePointAt(0)!);
    if (script) found.add(script);
  }
  return [...found];
}
