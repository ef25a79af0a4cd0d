// Which of the editor's lines to draw. The gutter and the backdrop draw only the lines near the
// textarea's view: drawing all of a 10,000-line sequence made every style recalculation and
// layout of the page walk 50,000 elements, so a long run spent most of its time there.
// The rows' heights still come from how the textarea wraps: a line of printable ASCII that fits
// the width is one row (the font is monospaced); only the others are measured (mayWrap).

/**
 * Whether `line` may take more than one row at `columns` characters a row: longer than that,
 * or holding a tab or anything but printable ASCII (wide characters, emoji), whose width is not
 * one column.
 */
export function mayWrap(line: string, columns: number): boolean {
  if (line.length > columns) return true;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return true;
  }
  return false;
}

/** The top of each line (and, last, the bottom of the last), from each line's height. */
export function lineTops(count: number, heightOf: (line: number) => number): number[] {
  const tops = new Array<number>(count + 1);
  tops[0] = 0;
  for (let i = 0; i < count; i++) tops[i + 1] = tops[i]! + heightOf(i);
  return tops;
}

/** The index of the line at `y` (0-based; the last line for y below it). */
export function lineAt(tops: readonly number[], y: number): number {
  let lo = 0;
  let hi = tops.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tops[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The lines [first, end) to draw for a view `height` pixels tall at `top`, with `overscan` lines either side. */
export function linesInView(tops: readonly number[], top: number, height: number, overscan: number): [number, number] {
  const count = tops.length - 1;
  const first = Math.max(0, lineAt(tops, top) - overscan);
  const end = Math.min(count, lineAt(tops, top + Math.max(0, height - 1)) + overscan + 1);
  return [first, Math.max(first, end)];
}
