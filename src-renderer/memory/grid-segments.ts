// A row's styles as runs: each byte gets a small style code (change age, selection, search hit,
// heap tint, zero, and its innermost region), and bytes with equal codes side by side become one
// segment, so a row is a few text runs rather than one element per byte.

import type { Region } from '../../src-main/shared/dto.ts';
import { asciiChar, hexByte } from './hex-format.ts';
import { PAINT_FREE, PAINT_HEADER } from './heap-paint.ts';
import { hexSeparator } from './grid-text.ts';
import { regionColour } from './regions.ts';

/**
 * A byte's style code, in bits:
 *
 *   0-2 age + 1 (0 = unchanged)   3 selected     4 inspected (after the selected byte)
 *   5   in the selected range     6-7 hit + 1    8-9 heap tint   10 zero or unknown
 */
export const STYLE = { SEL: 1 << 3, INSP: 1 << 4, RNG: 1 << 5, HIT: 6, HEAP: 8, ZERO: 1 << 10 } as const;
/** The ASCII column shows changes, selection, range and hits, not the inspector, heap or zeros. */
export const ASCII_MASK = 0b0111 | STYLE.SEL | STYLE.RNG | (3 << STYLE.HIT);

export interface ByteStyle {
  age: number;
  /** The selection's marks on the byte: SEL, INSP and RNG bits. */
  selection: number;
  hit: number;
  heap: number;
  zero: boolean;
}

export function styleCode(s: ByteStyle): number {
  return (s.age + 1) | s.selection | ((s.hit + 1) << STYLE.HIT) | (s.heap << STYLE.HEAP) | (s.zero ? STYLE.ZERO : 0);
}

/** A run of bytes drawn alike. Plain runs (`cls` null) are bare text. */
export interface Segment {
  start: number;
  len: number;
  text: string;
  cls: string | null;
  /** Youngest change age (-1 none), search hit (-1 none, 1 current). */
  age: number;
  hit: number;
  /** Region colour triple (a CSS variable) when the run is inside a region. */
  rc: string | null;
}

function classes(column: 'hex' | 'ascii', code: number, region: Region | undefined): string | null {
  const hit = ((code >> STYLE.HIT) & 3) - 1;
  const heap = (code >> STYLE.HEAP) & 3;
  const names = [
    region && 'reg', region?.freed && column === 'hex' && 'freed', code & STYLE.SEL && 'sel', code & STYLE.INSP && 'insp',
    code & STYLE.RNG && 'rng', hit >= 0 && 'hit', hit === 1 && 'hitnow', heap === PAINT_HEADER && 'hh',
    heap === PAINT_FREE && 'hf', code & STYLE.ZERO && 'z',
  ].filter(Boolean);
  return names.length === 0 && (code & 7) === 0 ? null : [column === 'hex' ? 'b' : 'a', ...names].join(' ');
}

/**
 * Segments of one row's column. `codes[k]` and `owners[k]` describe the byte at `rowAddr + k`
 * (`n` bytes); `bytes(k)` is that byte's value or undefined when not held.
 */
export function rowSegments(
  column: 'hex' | 'ascii', rowAddr: number, n: number, codes: ArrayLike<number>, owners: ArrayLike<number>,
  regionsById: ReadonlyMap<number, Region>, bytes: (k: number) => number | undefined,
): Segment[] {
  const mask = column === 'hex' ? -1 : ASCII_MASK;
  const out: Segment[] = [];
  let k = 0;
  while (k < n) {
    const code = codes[k] & mask;
    const owner = owners[k];
    let end = k + 1;
    while (end < n && (codes[end] & mask) === code && owners[end] === owner) end++;
    const region = owner >= 0 ? regionsById.get(owner) : undefined;
    const cls = classes(column, code, region);
    let text = '';
    for (let i = k; i < end; i++) {
      const b = bytes(i);
      text += column === 'hex' ? hexByte(b) + (i < end - 1 ? hexSeparator(i, n) : '') : asciiChar(b);
    }
    const hit = ((code >> STYLE.HIT) & 3) - 1;
    out.push({ start: rowAddr + k, len: end - k, text, cls, age: (code & 7) - 1, hit, rc: region ? regionColour(region) : null });
    // The separator after a run belongs to no run: a bare text segment (merged into a plain neighbour).
    if (column === 'hex' && end < n) out.push({ start: rowAddr + end, len: 0, text: hexSeparator(end - 1, n), cls: null, age: -1, hit: -1, rc: null });
    k = end;
  }
  return mergePlain(out);
}

/** Adjacent bare-text segments as one, so an unstyled row is a single text node. */
function mergePlain(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const prev = out[out.length - 1];
    if (prev && prev.cls === null && s.cls === null) {
      out[out.length - 1] = { ...prev, len: prev.len + s.len, text: prev.text + s.text };
    } else out.push(s);
  }
  return out;
}

/** A run that is only dimmed for holding zeros (or unknown bytes): it carries no address. */
export const ZERO_RUN = 'b z';

/**
 * One string that differs whenever the segments would draw differently. Bare text and zero
 * runs are keyed by their text alone, so a screen of zero rows scrolled is left as it is.
 */
export function segmentsKey(segs: readonly Segment[]): string {
  let key = '';
  for (const s of segs) {
    key += s.cls === null ? `${s.text}|` : s.cls === ZERO_RUN ? `z${s.text}|` : `${s.start}:${s.len}:${s.cls}:${s.age}:${s.hit}:${s.rc}:${s.text}|`;
  }
  return key;
}
