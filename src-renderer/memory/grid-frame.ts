// What a frame has to draw: whether the grid's inputs changed at all (compared field by field,
// grid-row-checks.ts's sameField), and the row models of the frame before, kept for every row
// whose own share of the inputs did not change (a step restyles a few rows, a notch none).

import { buildRows, type GridInput, type RowModel } from './grid-model.ts';
import { rowStillSame, sameField } from './grid-row-checks.ts';

export function sameGridInput(a: GridInput, b: GridInput): boolean {
  return (Object.keys(a) as (keyof GridInput)[]).every((key) => sameField(key, a[key], b[key]));
}

/** Row models by address, each valid for the last input built. */
export class RowModelCache {
  private input: GridInput | null = null;
  private rows = new Map<number, RowModel>();

  build(input: GridInput): RowModel[] {
    const still = this.input === null ? null : rowStillSame(this.input, input);
    const before = this.rows;
    const rows = buildRows(input, (addr, n) => {
      const kept = before.get(addr);
      return kept && kept.n === n && still?.(addr, n) ? kept : undefined;
    });
    this.input = input;
    this.rows = new Map(rows.map((r) => [r.addr, r]));
    return rows;
  }
}
