import { describe, it, expect } from '@jest/globals';
import { cleanText, truncate, wrapText, type Measure } from '../../src/labels/text-fit.js';

// Every character is `size` points wide: widths are easy to reason about.
const mono: Measure = (text, size) => Array.from(text).length * size;

describe('text fitting', () => {
  it('collapses newlines, tabs and runs of spaces', () => {
    expect(cleanText('  a\n\tb   c ')).toBe('a b c');
  });

  it('wraps on words within the width', () => {
    expect(wrapText('the quick brown fox jumps', 1, 10, mono)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('breaks a word longer than a line', () => {
    expect(wrapText('abcdefghijklmnopqrstuvwxy z', 1, 10, mono)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxy z']);
  });

  it('cuts to maxLines with an ellipsis that still fits', () => {
    const lines = wrapText('one two three four five six seven eight', 1, 9, mono, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    for (const l of lines) expect(mono(l, 1)).toBeLessThanOrEqual(9);
  });

  it('truncates one line only when needed', () => {
    expect(truncate('short', 1, 10, mono)).toBe('short');
    expect(truncate('much too long for it', 1, 10, mono)).toBe('much too…');
  });
});
