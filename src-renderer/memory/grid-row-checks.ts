// Which visible rows a change of the grid's inputs can restyle: for every input, either a check
// of one row's share of it (the same parts buildRow reads: grid-model.ts's row* helpers) or
// "every row". A step replaces the chunk, the change ages and the region index at once, yet
// usually restyles a handful of rows; the cache (grid-frame.ts) rebuilds only rows a check fails.

import type { Region } from '../../src-main/shared/dto.ts';
import { byteAt } from './memory-window.ts';
import { rowAges, rowBand, rowHeap, rowHits, rowRegions, selectionBits, type GridInput } from './grid-model.ts';

/** True when the `n`-byte row at `rowAddr` draws alike under `a` and `b` as far as one input goes. */
type RowCheck = (a: GridInput, b: GridInput, rowAddr: number, n: number) => boolean;

function sameArray(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

const sameBytes: RowCheck = (a, b, rowAddr, n) => {
  for (let k = 0; k < n; k++) if (byteAt(a.chunk, rowAddr + k) !== byteAt(b.chunk, rowAddr + k)) return false;
  return true;
};

/** Every field of a region can reach the row: colour (id), extent, chips and their titles, strike. */
function sameRegion(x: Region | undefined, y: Region | undefined): boolean {
  if (x === y) return true;
  if (!x || !y) return false;
  const keys = Object.keys(x) as (keyof Region)[];
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}

const sameRegions: RowCheck = (a, b, rowAddr) => {
  const [x, y] = [rowRegions(a, rowAddr), rowRegions(b, rowAddr)];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const [p, q] = [x[i], y[i]];
    if (p.start !== q.start || p.end !== q.end || p.value !== q.value) return false;
    if (!sameRegion(a.regionsById.get(p.value), b.regionsById.get(q.value))) return false;
  }
  return true;
};

const sameHeap: RowCheck = (a, b, rowAddr, n) => sameArray(rowHeap(a, rowAddr, n), rowHeap(b, rowAddr, n));

const sameSelection: RowCheck = (a, b, rowAddr, n) => {
  for (let k = 0; k < n; k++) if (selectionBits(a, rowAddr + k) !== selectionBits(b, rowAddr + k)) return false;
  return true;
};

/**
 * One entry per input, so a new input does not compile until it says which rows it restyles.
 * 'all': the change may restyle every row (address digits, the last row's length, chip room).
 * 'none': the input picks which rows are shown, not how one looks.
 */
const CHECKS: { [K in keyof GridInput]-?: RowCheck | 'all' | 'none' } = {
  chunk: sameBytes,
  memorySize: 'all',
  bytesPerRow: 'all',
  top: 'none',
  visibleRows: 'none',
  changes: (a, b, r, n) => sameArray(rowAges(a, r, n), rowAges(b, r, n)),
  regionIdx: sameRegions,
  regionsById: sameRegions,
  selection: sameSelection,
  selectionWidth: sameSelection,
  range: sameSelection,
  marks: (a, b, r, n) => sameArray(rowHits(a, r, n), rowHits(b, r, n)),
  chipRoom: 'all',
  chipFont: 'all',
  heapFree: sameHeap,
  heapHeaders: sameHeap,
  bands: (a, b, r) => rowBand(a, r) === rowBand(b, r),
};

/**
 * Whether input `key` is the same in `a` and `b`: by identity (the container's derived values
 * keep theirs until their sources change), with any two empty lists equal (a fresh `[]` for "no
 * heap tints" is not a change) and a range equal to one with the same ends.
 */
export function sameField(key: keyof GridInput, x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (Array.isArray(x) && Array.isArray(y) && x.length === 0 && y.length === 0) return true;
  return key === 'range' && Array.isArray(x) && Array.isArray(y) && x[0] === y[0] && x[1] === y[1];
}

/**
 * A test of whether a row drawn under `a` still looks right under `b`, or null when a change
 * may restyle every row. Only the inputs that changed are checked.
 */
export function rowStillSame(a: GridInput, b: GridInput): ((rowAddr: number, n: number) => boolean) | null {
  const checks = new Set<RowCheck>();
  for (const key of Object.keys(CHECKS) as (keyof GridInput)[]) {
    if (sameField(key, a[key], b[key])) continue;
    const check = CHECKS[key];
    if (check === 'all') return null;
    if (check !== 'none') checks.add(check);
  }
  const list = [...checks];
  return (rowAddr, n) => list.every((check) => check(a, b, rowAddr, n));
}
