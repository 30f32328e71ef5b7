import { describe, expect, it } from '@jest/globals';
import { createProgress } from '../../../src/cli/demo/progress.js';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (t: string) => writes.push(t) };
}

describe('demo progress', () => {
  it('off a terminal, prints one line per new 10% and nothing in between', () => {
    const out = sink(false);
    const p = createProgress(20, out);
    for (const done of [0, 1, 2, 2, 3, 4, 9, 20]) p.update(done, done, 0);
    p.end();
    expect(out.writes).toEqual([
      'progress 10%: 2/20 done (booked 2, failed 0)\n',
      'progress 20%: 4/20 done (booked 4, failed 0)\n',
      'progress 40%: 9/20 done (booked 9, failed 0)\n',
      'progress 100%: 20/20 done (booked 20, failed 0)\n',
    ]);
  });

  it('on a terminal, redraws one line with \\r, skips unchanged frames, and ends the line', () => {
    const out = sink(true);
    const p = createProgress(4, out);
    p.update(1, 1, 0);
    p.update(1, 1, 0);
    p.update(4, 3, 1);
    p.end();
    expect(out.writes).toHaveLength(3);
    expect(out.writes[0]).toMatch(/^\r\[#{8}-{22}\] 1\/4  booked 1  failed 0$/);
    expect(out.writes[1]).toMatch(/^\r\[#{30}\] 4\/4  booked 3  failed 1$/);
    expect(out.writes[2]).toBe('\n');
    expect(out.writes.join('')).not.toMatch(/\r[^\n]*\n[^\n]/);
  });
});
