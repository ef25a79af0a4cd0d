// Memory search: what a person types (text, hex bytes with ?? wildcards, or a number of a given
// type and byte order) as a byte pattern with a mask, and every match in a block of memory.

import { floatMax, intRange } from '../../src-main/shared/num-range.ts';

export type SearchKind = 'utf8' | 'utf16' | 'hex' | 'u8' | 'u16' | 'u32' | 'u64' | 'i8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';

export const SEARCH_KINDS: SearchKind[] = ['utf8', 'utf16', 'hex', 'u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64', 'f32', 'f64'];

export interface Pattern {
  bytes: Uint8Array;
  /** 1 where the byte must match, 0 for a `??` wildcard. */
  mask: Uint8Array;
}

const INT_WIDTH: Partial<Record<SearchKind, number>> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8 };

/** The pattern for `text`, or a message saying what is wrong with it. */
export function parsePattern(kind: SearchKind, text: string, littleEndian = true): Pattern | string {
  // Spaces are real text to a text search, but to hex and numbers they are nothing typed
  // (BigInt('') is 0n, so blank once searched for zero bytes).
  const isText = kind === 'utf8' || kind === 'utf16';
  if (text === '' || (!isText && text.trim() === '')) return 'type something to search for';
  const whole = (bytes: Uint8Array): Pattern => ({ bytes, mask: new Uint8Array(bytes.length).fill(1) });
  if (kind === 'utf8') return whole(new TextEncoder().encode(text));
  if (kind === 'utf16') {
    const out = new Uint8Array(text.length * 2);
    const view = new DataView(out.buffer);
    for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
    return whole(out);
  }
  if (kind === 'hex') return parseHex(text, true);
  const width = INT_WIDTH[kind];
  if (width) return intPattern(kind, width, text.trim(), littleEndian);
  const value = Number(text.trim());
  if (Number.isNaN(value)) return `"${text}" is not a number`;
  // A finite number too big for an f32 would be stored as Infinity and search for that instead;
  // refused as the engine's sequence rule (fitFloat) refuses it, in the same words. A value that
  // is Infinity already ("Infinity", "1e400") is searched for as it is, as the engine passes it.
  if (kind === 'f32' && Number.isFinite(value) && !Number.isFinite(Math.fround(value))) {
    return `${value} does not fit in f32 (${-floatMax(32)} to ${floatMax(32)})`;
  }
  const out = new Uint8Array(kind === 'f32' ? 4 : 8);
  const view = new DataView(out.buffer);
  if (kind === 'f32') view.setFloat32(0, value, littleEndian);
  else view.setFloat64(0, value, littleEndian);
  return whole(out);
}

/**
 * The bytes the byte editor writes (plain hex, no `??`: a write has no "keep this byte"), or a
 * message saying what is wrong; its hint suggests no wildcards, as the editor refuses them.
 */
export function parseWriteBytes(text: string): Uint8Array | string {
  if (text.trim() === '') return 'type the bytes to write';
  const pattern = parseHex(text, false);
  return typeof pattern === 'string' ? pattern : pattern.bytes;
}

function parseHex(text: string, wildcards: boolean): Pattern | string {
  const tokens = text.replace(/\s+/g, '').match(/.{1,2}/g) ?? [];
  const bytes: number[] = [];
  const mask: number[] = [];
  for (const t of tokens) {
    if (t === '??' && !wildcards) return 'write takes plain hex bytes, no ?? wildcards';
    if (t === '??') {
      bytes.push(0);
      mask.push(0);
    } else if (/^[0-9a-f]{2}$/i.test(t)) {
      bytes.push(parseInt(t, 16));
      mask.push(1);
    } else if (wildcards) return `"${t}" is not a hex byte or ?? (write pairs like de ad ?? ef)`;
    else return `"${t}" is not a hex byte (write pairs like de ad be ef)`;
  }
  if (!mask.includes(1)) return 'a pattern of wildcards only matches everything';
  return { bytes: Uint8Array.from(bytes), mask: Uint8Array.from(mask) };
}

function intPattern(kind: SearchKind, width: number, text: string, littleEndian: boolean): Pattern | string {
  let value: bigint;
  try {
    value = BigInt(text);
  } catch {
    return `"${text}" is not an integer`;
  }
  // Either the signed or the unsigned range of the width, as the .wseq format accepts (one rule, shared).
  const [lo, hi] = intRange(width * 8);
  // The range said as the f32 message says it, so every number kind reports its limits alike.
  if (value < lo || value > hi) return `${text} does not fit in ${kind} (${lo} to ${hi})`;
  const unsigned = BigInt.asUintN(width * 8, value);
  const out = new Uint8Array(width);
  for (let i = 0; i < width; i++) out[littleEndian ? i : width - 1 - i] = Number((unsigned >> BigInt(8 * i)) & 0xffn);
  return { bytes: out, mask: new Uint8Array(width).fill(1) };
}

/** Addresses (base + offset) of every match in `hay`, up to `limit`. */
export function findAll(hay: Uint8Array, base: number, p: Pattern, limit = 10_000): number[] {
  const hits: number[] = [];
  const n = p.bytes.length;
  const first = p.mask.indexOf(1);
  const lead = p.bytes[first];
  // indexOf finds candidates for the first fixed byte quickly; the rest is checked by hand.
  for (let at = hay.indexOf(lead, first); at >= 0; at = hay.indexOf(lead, at + 1)) {
    const i = at - first;
    if (i + n > hay.length) break;
    let ok = true;
    for (let j = 0; j < n && ok; j++) if (p.mask[j] && hay[i + j] !== p.bytes[j]) ok = false;
    if (ok && hits.push(base + i) >= limit) break;
  }
  return hits;
}
