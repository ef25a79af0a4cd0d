// The grid's own scaled viewport: a top-row number instead of a scrolled element, so 4 GiB
// (268,435,456 rows of 16 bytes, far past any browser's maximum element height) stays reachable.
// All maths uses plain numbers (exact to 2^53); never bitwise ops, which wrap at 2^31.

export interface ViewportShape {
  /** Rows in the whole memory: ceil(memorySize / bytesPerRow). */
  totalRows: number;
  /** Rows that fit on screen. */
  visibleRows: number;
}

export function totalRows(memorySize: number, bytesPerRow: number): number {
  return Math.ceil(memorySize / bytesPerRow);
}

export function maxTopRow(v: ViewportShape): number {
  return Math.max(0, v.totalRows - v.visibleRows);
}

/** The top row, kept inside [0, maxTopRow] and integral. */
export function clampTop(top: number, v: ViewportShape): number {
  if (Number.isNaN(top)) return 0;
  return Math.min(maxTopRow(v), Math.max(0, Math.floor(top)));
}

export function rowOf(address: number, bytesPerRow: number): number {
  return Math.floor(address / bytesPerRow);
}

/** A top row that shows `address`: unchanged if it is already visible, else a third down. */
export function revealTop(address: number, top: number, bytesPerRow: number, v: ViewportShape): number {
  const row = rowOf(address, bytesPerRow);
  if (row >= top && row < top + v.visibleRows) return clampTop(top, v);
  return clampTop(row - Math.floor(v.visibleRows / 3), v);
}

/** Page Down / Page Up move by a screen less one row, so one row of context stays. */
export function pageDown(top: number, v: ViewportShape): number {
  return clampTop(top + Math.max(1, v.visibleRows - 1), v);
}

export function pageUp(top: number, v: ViewportShape): number {
  return clampTop(top - Math.max(1, v.visibleRows - 1), v);
}

/** Rows a wheel event moves: line mode counts lines, pixel mode divides by the row height. */
export function wheelRows(deltaY: number, deltaMode: number, rowHeight: number, visibleRows: number): number {
  const rows = deltaMode === 1 ? deltaY : deltaMode === 2 ? deltaY * visibleRows : deltaY / rowHeight;
  return rows > 0 ? Math.max(1, Math.round(rows)) : rows < 0 ? Math.min(-1, Math.round(rows)) : 0;
}

export interface Scrollbar {
  /** Track length in pixels. */
  track: number;
  /** Thumb length in pixels, proportional but never below `minThumb`. */
  thumb: number;
}

export function scrollbar(track: number, v: ViewportShape, minThumb = 24): Scrollbar {
  if (v.totalRows <= 0 || v.visibleRows >= v.totalRows) return { track, thumb: track };
  const proportional = (track * v.visibleRows) / v.totalRows;
  return { track, thumb: Math.min(track, Math.max(minThumb, proportional)) };
}

/** Thumb offset for a top row: 0 at the first row, track - thumb at the last page. */
export function thumbOffset(top: number, v: ViewportShape, s: Scrollbar): number {
  const max = maxTopRow(v);
  if (max === 0) return 0;
  return (clampTop(top, v) / max) * (s.track - s.thumb);
}

/** The inverse: the top row for a thumb dragged to `offset` pixels. */
export function topFromThumb(offset: number, v: ViewportShape, s: Scrollbar): number {
  const room = s.track - s.thumb;
  if (room <= 0) return 0;
  const fraction = Math.min(1, Math.max(0, offset / room));
  return clampTop(Math.round(fraction * maxTopRow(v)), v);
}

/**
 * `px` rounded to the nearest device pixel. Markers of a position (the scrollbar thumb, the
 * minimap's window) move by less than a pixel per wheel notch over a large memory; drawn at
 * whole pixels they stay put until they really move, and a moved marker costs the page a
 * re-layerization (it is a transformed box over other content), so a notch that does not move it
 * must not touch it.
 */
export function snapToPixel(px: number, ratio: number): number {
  const r = ratio > 0 ? ratio : 1;
  return Math.round(px * r) / r;
}

/** Where the scrollbar draws its thumb for `top` beside a grid `height` pixels tall. */
export function thumbPixel(top: number, v: ViewportShape, height: number, ratio: number): number {
  return snapToPixel(thumbOffset(top, v, scrollbar(Math.max(0, height - 2), v)), ratio);
}
