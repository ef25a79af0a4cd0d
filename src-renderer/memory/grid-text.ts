// Where each byte sits in a grid row's text. A row's hex column is one monospace string,
// "xx xx xx xx xx xx xx xx  xx …" (a space after each byte, one more after every eighth), and its
// ASCII column one character per byte, so a pointer's x maps to a byte by arithmetic, not by
// one element per byte.
//
//   byte:    0  1  2  3  4  5  6  7   8  9 …
//   column:  0  3  6  9  12 15 18 21  25 28 …    (hexColumn(i) = 3i + ⌊i/8⌋)
//
// The hex column's spaces are drawn narrower than a digit (CSS word-spacing, HEX_SPACE_SHRINK
// of a character less), so a byte takes 2.6 characters, not 3; pixel maths therefore uses two
// advances, a digit's and a space's, both measured from the page.

/** How much narrower than a character a space in the hex column is drawn, in `ch`. */
export const HEX_SPACE_SHRINK = 0.4;

/** The first of byte `i`'s two hex digits. */
export function hexColumn(i: number): number {
  return i * 3 + Math.floor(i / 8);
}

/** Characters in the hex text of a row of `n` bytes (no trailing space). */
export function hexLength(n: number): number {
  return n <= 0 ? 0 : hexColumn(n - 1) + 2;
}

/** What follows byte `i` in the row's hex text: nothing after the last, two spaces after every eighth. */
export function hexSeparator(i: number, n: number): string {
  return i >= n - 1 ? '' : i % 8 === 7 ? '  ' : ' ';
}

/** The byte of a row of `n` bytes under ASCII column `col`, or null. */
export function byteAtAsciiColumn(col: number, n: number): number | null {
  if (!Number.isFinite(col) || col < 0) return null;
  const i = Math.floor(col);
  return i < n ? i : null;
}

/** Spaces in the hex text of a row of `n` bytes. */
export function hexSpaces(n: number): number {
  return Math.max(0, hexLength(n) - 2 * n);
}

/** Pixels from the hex text's left edge to byte `i`, for a digit `digit` and a space `space` px wide. */
export function hexLeft(i: number, digit: number, space: number): number {
  return 2 * i * digit + (i + Math.floor(i / 8)) * space;
}

/**
 * The byte of a row of `n` bytes under `x` pixels from the hex text's left edge (a separator
 * belongs to the byte on its left); null outside the text.
 */
export function byteAtHexX(x: number, n: number, digit: number, space: number): number | null {
  if (!(x >= 0) || x >= 2 * n * digit + hexSpaces(n) * space) return null;
  let i = 0;
  while (i + 1 < n && hexLeft(i + 1, digit, space) <= x) i++;
  return i;
}

/**
 * The column under `x` pixels from the left of a text of `chars` monospace characters laid out
 * `width` pixels wide (the width is measured, so font rounding cannot drift the mapping).
 */
export function columnAt(x: number, width: number, chars: number): number {
  return chars > 0 && width > 0 ? (x / width) * chars : -1;
}
