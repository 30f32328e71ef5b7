/**
 * Pure text fitting for the packing slip: wrap on words, break words longer than a
 * line, and cut with an ellipsis. Width comes from an injected measure so the rules
 * are testable without a PDF.
 */

/** Width in points of `text` at `size`. */
export type Measure = (text: string, size: number) => number;

const ELLIPSIS = '…';

/** Collapses tabs, newlines and runs of spaces: a description is drawn as one paragraph. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** The longest prefix of `text` (by code point) that fits in `maxWidth`, at least one character. */
function fittingPrefix(text: string, size: number, maxWidth: number, measure: Measure): string {
  const chars = Array.from(text);
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join(''), size) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('');
}

/** `text` cut to one line of `maxWidth`, ending in "…" when it was cut. */
export function truncate(text: string, size: number, maxWidth: number, measure: Measure): string {
  const clean = cleanText(text);
  if (measure(clean, size) <= maxWidth) return clean;
  const room = maxWidth - measure(ELLIPSIS, size);
  const head = room > 0 && clean.length > 0 ? fittingPrefix(clean, size, room, measure) : '';
  // fittingPrefix keeps at least one character; drop it when even that is too wide.
  const kept = measure(head, size) <= room ? head : '';
  return kept.trimEnd() + ELLIPSIS;
}

/** Splits a word wider than a line into line-wide pieces. */
function breakWord(word: string, size: number, maxWidth: number, measure: Measure, limit: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > 0 && pieces.length < limit && measure(rest, size) > maxWidth) {
    const head = fittingPrefix(rest, size, maxWidth, measure);
    pieces.push(head);
    rest = rest.slice(head.length);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * Word-wraps `text` into lines no wider than `maxWidth`. With `maxLines`, the last
 * kept line ends in "…" when text was left out.
 */
export function wrapText(text: string, size: number, maxWidth: number, measure: Measure, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of cleanText(text).split(' ').filter(Boolean)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = '';
    // No need to lay out lines that will be cut anyway.
    if (lines.length > maxLines) break;
    const pieces = breakWord(word, size, maxWidth, measure, maxLines + 1);
    lines.push(...pieces.slice(0, -1));
    current = pieces[pieces.length - 1] ?? '';
    if (lines.length > maxLines) break;
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, size, maxWidth, measure);
  if (!kept[maxLines - 1].endsWith(ELLIPSIS)) kept[maxLines - 1] += ELLIPSIS;
  return kept;
}
