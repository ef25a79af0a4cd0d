// Where the grid looks and what is selected: the top row, the rows that fit, bytes per row, the
// selection with its anchor and inspected width, and the address history. Jumps, clicks, resizes
// and the row-width setting move them together, so a selection stays in view.

import { AddressHistory } from './address-history.ts';
import { clampTop, revealTop, totalRows } from './viewport.ts';

export class GridCursor {
  topRow = $state(0);
  visibleRows = $state(32);
  bytesPerRow = $state(Number(localStorage.getItem('memscope.bpr')) || 16);
  selection = $state<number | null>(null);
  /** Bytes from the selection the inspector decodes (outlined in the grid). */
  selectionWidth = $state(1);
  /** The other end of a selected range (Shift+click/arrows, a drag, a jump to a region). */
  anchor = $state<number | null>(null);
  /** Jumps (goto, follow, region, call log) enter the history; clicks and arrow keys do not. */
  readonly history = new AddressHistory();
  /** Bumped when the history changes, so what reads canBack/canForward updates. */
  historyTick = $state(0);

  /** Set by the constructor; a field first so the derived values below can name it. */
  private readonly memorySizeOf: () => number = () => 0;

  readonly shape = $derived({ totalRows: totalRows(this.memorySizeOf(), this.bytesPerRow), visibleRows: this.visibleRows });
  readonly top = $derived(clampTop(this.topRow, this.shape));
  readonly range = $derived<[number, number] | null>(
    this.selection === null ? null
      : this.anchor === null ? [this.selection, this.selection + 1]
        : [Math.min(this.anchor, this.selection), Math.max(this.anchor, this.selection) + 1],
  );

  /**
   * The bytes Watch and Break on write act on, [address, size]: a selected range (Shift+click,
   * Shift+arrows, a drag), else the inspector's width at the selected byte. The width alone
   * watched one byte of a 4-byte range selected by hand.
   */
  readonly watched = $derived<[number, number] | null>(
    this.selection === null ? null
      : this.anchor !== null && this.range ? [this.range[0], this.range[1] - this.range[0]]
        : [this.selection, Math.max(1, this.selectionWidth)],
  );

  constructor(memorySizeOf: () => number) {
    this.memorySizeOf = memorySizeOf;
  }

  /**
   * Selects `length` bytes at `address` and brings them into view. False, with nothing moved, for
   * an address past the end of memory (a bookmark or a call's pointer, with memory shown before
   * it grew): the caller says so. Clamped to the last byte, a bookmark at 0x1fff0 picked in a
   * one-page memory selected 0xffff as if that were it.
   */
  go(address: number, length = 1, remember = true): boolean {
    const size = this.memorySizeOf();
    if (size === 0 || address >= size) return false;
    const a = Math.max(0, Math.floor(address));
    if (remember) {
      this.history.visit(a);
      this.historyTick++;
    }
    this.selection = a;
    this.selectionWidth = Math.max(1, Math.min(length, 64));
    this.anchor = length > 1 ? Math.min(size - 1, a + length - 1) : null;
    this.topRow = revealTop(a, this.top, this.bytesPerRow, this.shape);
    return true;
  }

  /** A click or arrow key: moves the selection, or with Shift (or a drag) extends the range. */
  select(address: number, extend: boolean): void {
    if (extend && this.anchor === null) this.anchor = this.selection ?? address;
    if (!extend) this.anchor = null;
    this.selection = address;
    this.selectionWidth = 1;
    this.topRow = revealTop(address, this.top, this.bytesPerRow, this.shape);
  }

  /** Back or forward in the history (null: nothing there). */
  travel(to: number | null): void {
    this.historyTick++;
    if (to === null) return;
    this.selection = to;
    this.topRow = revealTop(to, this.top, this.bytesPerRow, this.shape);
  }

  /**
   * The grid got shorter or taller (a toolbar row appeared, the window changed): a selected row
   * that was in view stays in view, instead of falling off the bottom.
   */
  resized(rows: number): void {
    const [was, top] = [this.visibleRows, this.top];
    this.visibleRows = rows;
    if (this.selection === null) return;
    const row = Math.floor(this.selection / this.bytesPerRow);
    const shape = { totalRows: totalRows(this.memorySizeOf(), this.bytesPerRow), visibleRows: rows };
    if (row >= top && row < top + was) this.topRow = revealTop(this.selection, top, this.bytesPerRow, shape);
  }

  /** 8, 16 or 32 bytes a row, remembered; the selection (or the top) stays where it was. */
  setBytesPerRow(n: number): void {
    const keep = this.selection ?? this.top * this.bytesPerRow;
    this.bytesPerRow = n;
    localStorage.setItem('memscope.bpr', String(n));
    this.topRow = Math.floor(keep / n) - (this.selection !== null ? Math.floor(this.visibleRows / 3) : 0);
  }
}
