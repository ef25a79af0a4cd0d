// The wrapped heights of the editor's lines, kept by line text. A line's height depends only on
// its text, the text's width and the font, so a keystroke lays out just the line it changed (and a
// pasted or inserted line), not all the lines that may wrap: a 4,000-line sequence laid out
// 1,600 rows per key, 100 ms and more.

import { mayWrap } from './line-window.ts';

/** Pixel heights by line text, measured at one width and font (`layout`). */
export interface MeasuredHeights {
  readonly layout: string;
  readonly byText: ReadonlyMap<string, number>;
}

/** The distinct texts of `lines` that may wrap at `columns` and have no height in `known`, to lay out. */
export function unmeasured(lines: readonly string[], columns: number, known: ReadonlyMap<string, number>): string[] {
  const todo = new Set<string>();
  for (const line of lines) if (!known.has(line) && !todo.has(line) && mayWrap(line, columns)) todo.add(line);
  return [...todo];
}

/**
 * The heights at `layout` once `texts` measured `heights` (same order; 0, not laid out, is left
 * out): added to those of `before` if it was measured at `layout` too, and only for texts still in
 * `lines`, so edited lines' old texts do not pile up.
 */
export function withMeasured(
  before: MeasuredHeights,
  layout: string,
  texts: readonly string[],
  heights: readonly number[],
  lines: readonly string[],
): MeasuredHeights {
  const all = new Map(before.layout === layout ? before.byText : []);
  texts.forEach((text, k) => { if (heights[k]! > 0) all.set(text, heights[k]!); });
  const byText = new Map<string, number>();
  for (const line of lines) {
    const h = all.get(line);
    if (h !== undefined) byText.set(line, h);
  }
  return { layout, byText };
}
