/**
 * Which source page is the label of each box. Pure, so the rule is tested on its own:
 * - the box's child label, first page, when ClickPost gave one;
 * - else page i of the parent label when the parent has a page per box;
 * - else the parent's first page, repeated: the parent then covers every box
 *   (clickpost-wire-notes.md, "a child's label may be null").
 */

export type LabelPageSource =
  | { from: 'child'; box: number; page: 0 }
  | { from: 'parent'; page: number };

/**
 * @param childPageCounts pages of each box's child label by box position; 0 when the
 *   box has none (null label, or a PDF without pages).
 * @param parentPageCount pages of the parent label.
 */
export function pickLabelPages(childPageCounts: readonly number[], parentPageCount: number): LabelPageSource[] {
  const boxCount = childPageCounts.length;
  const parentPerBox = parentPageCount >= boxCount;
  return childPageCounts.map((pages, box) => {
    if (pages > 0) return { from: 'child', box, page: 0 } as const;
    return { from: 'parent', page: parentPerBox ? box : 0 } as const;
  });
}

/** Whether any box needs the parent label (so it has to be parsed at all). */
export function needsParent(childPageCounts: readonly number[]): boolean {
  return childPageCounts.some((pages) => pages === 0);
}
