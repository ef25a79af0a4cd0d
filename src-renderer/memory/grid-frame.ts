// What a frame has to draw: the grid's inputs compared field by field, by identity (the
// container's derived values keep theirs until their sources change), with any two empty lists
// equal (a fresh `[]` for "no heap tints" is not a change); and the row models of the frame
// before, kept while only the scroll position moved.

import { buildRows, type GridInput, type RowModel } from './grid-model.ts';

/** Inputs that only say which rows are on screen, not how a row looks. */
const WINDOW: readonly (keyof GridInput)[] = ['top', 'visibleRows'];

export function sameGridInput(a: GridInput, b: GridInput, ignore: readonly (keyof GridInput)[] = []): boolean {
  for (const key of Object.keys(a) as (keyof GridInput)[]) {
    if (ignore.includes(key)) continue;
    const [x, y]: unknown[] = [a[key], b[key]];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === 0 && y.length === 0) continue;
    if (key === 'range' && Array.isArray(x) && Array.isArray(y) && x[0] === y[0] && x[1] === y[1]) continue;
    return false;
  }
  return true;
}

/** Row models by address, valid while every input but the window stays the same. */
export class RowModelCache {
  private input: GridInput | null = null;
  private rows = new Map<number, RowModel>();

  build(input: GridInput): RowModel[] {
    const keep = this.input !== null && sameGridInput(this.input, input, WINDOW);
    const before = keep ? this.rows : new Map<number, RowModel>();
    const rows = buildRows(input, (addr) => before.get(addr));
    this.input = input;
    this.rows = new Map(rows.map((r) => [r.addr, r]));
    return rows;
  }
}
