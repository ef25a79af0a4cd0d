// What the grid draws for its visible rows, as plain data: address label, hex and ASCII
// segments, region chips and the memory-map band, with keys the painter compares to skip rows
// that look the same as last frame. Input is the bytes held for a window plus highlights.

import type { MemoryBand, Region } from '../../src-main/shared/dto.ts';
import { addressDigits, formatAddress } from './address.ts';
import { bandAt, paintHeap } from './heap-paint.ts';
import { paintAges, paintInnermost, type IntervalIndex } from './highlights.ts';
import { byteAt, type HeldChunk } from './memory-window.ts';
import { chipsThatFit, regionColour } from './regions.ts';
import { rowSegments, segmentsKey, STYLE, styleCode, type Segment } from './grid-segments.ts';

export interface GridInput {
  /** The bytes held for a window of memory (may not cover every visible row yet). */
  chunk: HeldChunk | null;
  memorySize: number;
  bytesPerRow: number;
  /** First visible row and how many fit: derived by the grid from its own viewport. */
  top: number;
  visibleRows: number;
  changes: IntervalIndex<number>;
  regionIdx: IntervalIndex<number>;
  regionsById: ReadonlyMap<number, Region>;
  selection: number | null;
  /** Bytes from the selection the inspector decodes, outlined. */
  selectionWidth: number;
  /** The selected range [start, end) (a single byte when nothing was extended). */
  range: [number, number] | null;
  /** Search hits: value 1 for the current one, 0 for the others. */
  marks: IntervalIndex<number>;
  /** Pixels beside the ASCII column for region chips, and the chips' font size. */
  chipRoom: number;
  chipFont: number;
  /** Heap free chunks and allocator headers [start, end), sorted: tinted in the grid. */
  heapFree: readonly [number, number][];
  heapHeaders: readonly [number, number][];
  /** Memory-map bands: each row gets the faint tint of the band it starts in. */
  bands: readonly MemoryBand[];
}

export interface Chip {
  id: number;
  name: string;
  freed: boolean;
  rc: string;
  title: string;
}

export interface RowModel {
  addr: number;
  /** Bytes in this row (fewer than bytesPerRow only at the end of memory). */
  n: number;
  label: string;
  band: string | undefined;
  hex: Segment[];
  ascii: Segment[];
  chips: Chip[];
  /** Region starts that do not fit beside the chips: the first one's id and all their names. */
  more: { id: number; count: number; title: string } | null;
  hexKey: string;
  asciiKey: string;
  notesKey: string;
}

function regionTitle(r: Region): string {
  return `${r.name}: ${r.kind}${r.type ? ' ' + r.type : ''}, ${r.size} bytes at ${formatAddress(r.start)}`;
}

/** Regions starting in [rowAddr, rowAddr + n): innermost-at-their-start first, then the others. */
function rowStarts(input: GridInput, rowAddr: number, n: number, owners: Int32Array): Region[] {
  const starts: Region[] = [];
  for (let k = 0; k < n; k++) {
    const owner = owners[k];
    const region = owner >= 0 ? input.regionsById.get(owner) : undefined;
    if (region && region.start === rowAddr + k && !starts.includes(region)) starts.push(region);
  }
  for (const it of rowRegions(input, rowAddr)) {
    const region = input.regionsById.get(it.value);
    if (region && it.start >= rowAddr && !starts.includes(region)) starts.push(region);
  }
  return starts;
}

// A row's look, part by part: what buildRow reads from each input for one row. The cache's
// per-row checks (grid-row-checks.ts) compare these same parts, so a row is rebuilt exactly when
// one of them differs.

/** Youngest change age per byte of the row (-1 unchanged). */
export const rowAges = (input: GridInput, rowAddr: number, n: number): Int8Array => paintAges(input.changes, rowAddr, rowAddr + n);
/** Search hit per byte of the row (-1 none, 1 the current one). */
export const rowHits = (input: GridInput, rowAddr: number, n: number): Int32Array => paintInnermost(input.marks, rowAddr, rowAddr + n);
/** Heap tint per byte of the row (heap-paint.ts codes). */
export const rowHeap = (input: GridInput, rowAddr: number, n: number): Uint8Array => paintHeap(input.heapFree, input.heapHeaders, rowAddr, rowAddr + n);
/** The memory-map band the row starts in, which tints the whole row. */
export const rowBand = (input: GridInput, rowAddr: number): string | undefined => bandAt(input.bands, rowAddr)?.kind;
/** Regions that may draw in the row (its bytes' owners and the chips of those starting in it). */
export const rowRegions = (input: GridInput, rowAddr: number) => input.regionIdx.overlapping(rowAddr, rowAddr + input.bytesPerRow);

/** The selection's marks on the byte at `addr`, as style bits (SEL, INSP, RNG of grid-segments.ts). */
export function selectionBits(input: GridInput, addr: number): number {
  const { selection, selectionWidth, range } = input;
  let bits = 0;
  if (addr === selection) bits |= STYLE.SEL;
  if (selection !== null && addr > selection && addr < selection + selectionWidth) bits |= STYLE.INSP;
  if (range !== null && range[1] - range[0] > 1 && addr >= range[0] && addr < range[1]) bits |= STYLE.RNG;
  return bits;
}

/** One row of `n` bytes at `rowAddr`: its highlights are looked up for its own bytes only. */
export function buildRow(input: GridInput, rowAddr: number, n: number, digits: number): RowModel {
  const { chunk } = input;
  const ages = rowAges(input, rowAddr, n);
  const owners = paintInnermost(input.regionIdx, rowAddr, rowAddr + n);
  const heap = rowHeap(input, rowAddr, n);
  const hits = rowHits(input, rowAddr, n);
  const codes = new Uint16Array(n);
  for (let k = 0; k < n; k++) {
    const addr = rowAddr + k;
    const b = byteAt(chunk, addr);
    codes[k] = styleCode({ age: ages[k], selection: selectionBits(input, addr), hit: hits[k], heap: heap[k] ?? 0, zero: b === undefined || b === 0 });
  }
  const value = (k: number) => byteAt(chunk, rowAddr + k);
  const hex = rowSegments('hex', rowAddr, n, codes, owners, input.regionsById, value);
  const ascii = rowSegments('ascii', rowAddr, n, codes, owners, input.regionsById, value);
  const starts = rowStarts(input, rowAddr, n, owners);
  const fit = chipsThatFit(starts.map((r) => r.name), input.chipRoom, input.chipFont);
  const chips = starts.slice(0, fit).map((r) => ({ id: r.id, name: r.name, freed: r.freed, rc: regionColour(r), title: regionTitle(r) }));
  const hidden = starts.slice(fit);
  const more = hidden.length > 0 ? { id: hidden[0].id, count: hidden.length, title: hidden.map(regionTitle).join('\n') } : null;
  return {
    addr: rowAddr, n, label: formatAddress(rowAddr, digits), band: rowBand(input, rowAddr),
    hex, ascii, chips, more,
    hexKey: segmentsKey(hex),
    asciiKey: segmentsKey(ascii),
    notesKey: chips.map((c) => `${c.id}:${c.name}:${c.freed}:${c.title}`).join('|') + (more ? `+${more.id}:${more.title}` : ''),
  };
}

/**
 * The visible rows. `reuse` gives the model of the `n`-byte row at `addr` when one built on an
 * earlier frame still looks right (RowModelCache), so a frame builds only rows that changed.
 */
export function buildRows(input: GridInput, reuse: (addr: number, n: number) => RowModel | undefined = () => undefined): RowModel[] {
  const { memorySize, bytesPerRow: bpr, top, visibleRows } = input;
  const first = top * bpr;
  const last = Math.min(memorySize, (top + visibleRows) * bpr);
  const digits = addressDigits(memorySize);
  const rows: RowModel[] = [];
  for (let rowAddr = first; rowAddr < last; rowAddr += bpr) {
    const n = Math.min(bpr, last - rowAddr);
    rows.push(reuse(rowAddr, n) ?? buildRow(input, rowAddr, n, digits));
  }
  return rows;
}
