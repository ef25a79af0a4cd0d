// How the memory view shares its width: the grid's text (address, hex with its gaps, ASCII, in
// measured monospace characters) plus fixed paddings, the inspector column beside it (or under
// it when both do not fit), and what is left beside the ASCII column for region chips.

import { HEX_SPACE_SHRINK, hexSpaces } from './grid-text.ts';

/** The inspector column's narrowest width; wide windows give it up to 300 px. */
export const SIDE_WIDTH = 214;

/**
 * Pixels around the text of a row: grid padding 8, after the address 10, after the hex 12,
 * the ASCII column's border and padding 9 and margin 10, the scrollbar 13.
 */
const ROW_CHROME = 62;

export interface GridWidths {
  /** The inspector goes under the grid. */
  stacked: boolean;
  sideWidth: number;
  /** Room for region chips beside the ASCII column. */
  chipRoom: number;
}

/** Pixels a row's text and chrome take at `bytesPerRow` with `charWidth`-px characters. */
export function rowTextWidth(charWidth: number, bytesPerRow: number, addressDigits = 8): number {
  const hex = 2 * bytesPerRow + hexSpaces(bytesPerRow) * (1 - HEX_SPACE_SHRINK);
  return charWidth * (addressDigits + hex + bytesPerRow) + ROW_CHROME;
}

export function gridWidths(bodyWidth: number, charWidth: number, bytesPerRow: number, addressDigits = 8): GridWidths {
  const uses = rowTextWidth(charWidth, bytesPerRow, addressDigits);
  // A little room for chips before the inspector is moved under the grid.
  const needs = uses + 2 * charWidth;
  const stacked = bodyWidth < needs + SIDE_WIDTH;
  // Room to spare goes to the inspector, up to where f64 values fit, after leaving chips their share.
  const sideWidth = Math.round(Math.max(SIDE_WIDTH, Math.min(300, bodyWidth - needs - 140)));
  return { stacked, sideWidth, chipRoom: Math.max(0, bodyWidth - uses - (stacked ? 0 : sideWidth)) };
}
