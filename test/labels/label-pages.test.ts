import { describe, it, expect } from '@jest/globals';
import { needsParent, pickLabelPages } from '../../src/labels/label-pages.js';

describe('pickLabelPages', () => {
  it('uses each child label first page when every box has one', () => {
    expect(pickLabelPages([1, 2, 1], 1)).toEqual([
      { from: 'child', box: 0, page: 0 },
      { from: 'child', box: 1, page: 0 },
      { from: 'child', box: 2, page: 0 },
    ]);
    expect(needsParent([1, 2, 1])).toBe(false);
  });

  it('splits a parent with a page per box', () => {
    expect(pickLabelPages([0, 0, 0], 3)).toEqual([
      { from: 'parent', page: 0 },
      { from: 'parent', page: 1 },
      { from: 'parent', page: 2 },
    ]);
  });

  it('repeats the first page of a parent with fewer pages than boxes', () => {
    expect(pickLabelPages([0, 0, 0], 2)).toEqual([
      { from: 'parent', page: 0 },
      { from: 'parent', page: 0 },
      { from: 'parent', page: 0 },
    ]);
  });

  it('mixes child labels and parent pages by box position', () => {
    expect(pickLabelPages([0, 1, 0], 3)).toEqual([
      { from: 'parent', page: 0 },
      { from: 'child', box: 1, page: 0 },
      { from: 'parent', page: 2 },
    ]);
    expect(needsParent([0, 1, 0])).toBe(true);
  });
});
