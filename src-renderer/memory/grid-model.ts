// What the grid draws for its visible rows, as plain data: address label, hex and ASCII
// segments, region chips and the memory-map band, with keys the painter compares to skip rows
// that look the same as last frame. Input is the bytes held for a window plus highlights.

import type { MemoryBand, Region } from '../../src-main/shared/dto.ts';
import { addressDigits, formatAddress } from './address.ts';
import { bandAt, paintHeap } from './heap-paint.ts';
import { paintAges, paintInnermost, type IntervalIndex } from './highlights.ts';
import { byteAt, type HeldChunk } from './memory-window.ts';
import { chipsThatFit, regionColour } from './regions.ts';
import { rowSegments, segmentsKey, styleCode, type Segment } from './grid-segments.ts';

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
  for (const it of input.regionIdx.overlapping(rowAddr, rowAddr + input.bytesPerRow)) {
    const region = input.regionsById.get(it.value);
    if (region && it.start >= rowAddr && !starts.includes(region)) starts.push(region);
  }
  return starts;
}

/** One row of `n` bytes at `rowAddr`: its highlights are looked up for its own bytes only. */
export function buildRow(input: GridInput, rowAddr: number, n: number, digits: number): RowModel {
  const { chunk, selection, selectionWidth, range } = input;
  const end = rowAddr + n;
  const ages = paintAges(input.changes, rowAddr, end);
  const owners = paintInnermost(input.regionIdx, rowAddr, end);
  const heap = paintHeap(input.heapFree, input.heapHeaders, rowAddr, end);
  const hits = paintInnermost(input.marks, rowAddr, end);
  const inRange = range !== null && range[1] - range[0] > 1;
  const codes = new Uint16Array(n);
  for (let k = 0; k < n; k++) {
    const addr = rowAddr + k;
    const b = byteAt(chunk, addr);
    codes[k] = styleCode({
      age: ages[k],
      sel: addr === selection,
      insp: selection !== null && addr > selection && addr < selection + selectionWidth,
      rng: inRange && addr >= range[0] && addr < range[1],
      hit: hits[k],
      heap: heap[k] ?? 0,
      zero: b === undefined || b === 0,
    });
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
    addr: rowAddr, n, label: formatAddress(rowAddr, digits), band: bandAt(input.bands, rowAddr)?.kind,
    hex, ascii, chips, more,
    hexKey: segmentsKey(hex),
    asciiKey: segmentsKey(ascii),
    notesKey: chips.map((c) => `${c.id}:${c.name}:${c.freed}:${c.title}`).join('|') + (more ? `+${more.id}:${more.title}` : ''),
  };
}

/**
 * The visible rows. `reuse` gives a row model built from the same inputs on an earlier frame
 * (the grid keeps them while only the scroll position changes), so a notch builds new rows only.
 */
export function buildRows(input: GridInput, reuse: (addr: number) => RowModel | undefined = () => undefined): RowModel[] {
  const { memorySize, bytesPerRow: bpr, top, visibleRows } = input;
  const first = top * bpr;
  const last = Math.min(memorySize, (top + visibleRows) * bpr);
  const digits = addressDigits(memorySize);
  const rows: RowModel[] = [];
  for (let rowAddr = first; rowAddr < last; rowAddr += bpr) {
    rows.push(reuse(rowAddr) ?? buildRow(input, rowAddr, Math.min(bpr, last - rowAddr), digits));
  }
  return rows;
}
