// Decodes the bytes at the selection as every type the value inspector shows, in either byte order.

import { formatValue } from '../../src-main/shared/value-format.ts';

export interface DecodedValues {
  u8: string | null;
  i8: string | null;
  u16: string | null;
  i16: string | null;
  u32: string | null;
  i32: string | null;
  u64: string | null;
  i64: string | null;
  f32: string | null;
  f64: string | null;
  /** A 32-bit pointer, as a number so the inspector can jump to it. */
  ptr32: number | null;
  /** Text from the selection up to a NUL or `maxText` bytes; null when nothing is held. */
  utf8: string | null;
  utf16: string | null;
}

export type ValueKind = Exclude<keyof DecodedValues, 'utf8' | 'utf16'>;

/**
 * Decodes `bytes[offset..]`. `bytes` is the held window; values needing more bytes than remain
 * come back null rather than reading past what we know. `textEnd` bounds the text previews
 * (bytes from `offset`): a string read from a region stops at the region's end, not at
 * whatever bytes happen to follow it.
 */
export function decodeValues(bytes: Uint8Array, offset: number, littleEndian: boolean, maxText = 64, textEnd = Infinity): DecodedValues {
  const avail = offset >= 0 ? Math.max(0, bytes.length - offset) : 0;
  const textAvail = Math.max(0, Math.min(avail, textEnd));
  const view = new DataView(bytes.buffer, bytes.byteOffset + Math.min(offset, bytes.length), avail);
  const has = (n: number) => avail >= n;
  return {
    u8: has(1) ? String(view.getUint8(0)) : null,
    i8: has(1) ? String(view.getInt8(0)) : null,
    u16: has(2) ? String(view.getUint16(0, littleEndian)) : null,
    i16: has(2) ? String(view.getInt16(0, littleEndian)) : null,
    u32: has(4) ? String(view.getUint32(0, littleEndian)) : null,
    i32: has(4) ? String(view.getInt32(0, littleEndian)) : null,
    u64: has(8) ? view.getBigUint64(0, littleEndian).toString() : null,
    i64: has(8) ? view.getBigInt64(0, littleEndian).toString() : null,
    // From the bits, through the one value formatter: a NaN keeps its sign and payload (-NaN,
    // NaN:0x200001) as a global's or a call's does; read as a JS number every NaN said "NaN".
    f32: has(4) ? formatValue({ type: 'f32', bits: view.getUint32(0, littleEndian) }) : null,
    f64: has(8) ? formatValue({ type: 'f64', bits: view.getBigUint64(0, littleEndian).toString(16) }) : null,
    ptr32: has(4) ? view.getUint32(0, littleEndian) : null,
    // Cut at maxText while more text follows, a character split by the cut is left out: it is
    // whole in memory, so a U+FFFD there would say the text is ill-formed when it is not.
    utf8: has(1) ? previewUtf8(bytes.subarray(offset, offset + Math.min(textAvail, maxText)), textAvail > maxText) : null,
    utf16: has(2) ? previewUtf16(bytes.subarray(offset, offset + Math.min(textAvail, maxText * 2)), littleEndian, textAvail > maxText * 2) : null,
  };
}

/**
 * UTF-8 up to the first NUL; malformed sequences show as U+FFFD. `cut`: more text follows these
 * bytes, so an incomplete sequence at their end is left out (a streaming decode holds it back).
 */
export function previewUtf8(bytes: Uint8Array, cut = false): string {
  const nul = bytes.indexOf(0);
  const text = nul >= 0 ? bytes.subarray(0, nul) : bytes;
  return new TextDecoder('utf-8').decode(text, { stream: cut && nul < 0 });
}

/** UTF-16 code units up to the first 0x0000 unit, in the given byte order; `cut` as previewUtf8's. */
export function previewUtf16(bytes: Uint8Array, littleEndian: boolean, cut = false): string {
  let out = '';
  const units: number[] = [];
  let nul = false;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    if (unit === 0) {
      nul = true;
      break;
    }
    units.push(unit);
  }
  // A high surrogate last, its pair past the cut: not a lone one.
  const last = units.at(-1);
  if (cut && !nul && last !== undefined && last >= 0xd800 && last < 0xdc00) units.pop();
  // String.fromCharCode keeps lone surrogates; toWellFormed would hide them, so replace by hand.
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const isHigh = u >= 0xd800 && u < 0xdc00;
    const isLow = u >= 0xdc00 && u < 0xe000;
    if (isHigh && i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] < 0xe000) {
      out += String.fromCharCode(u, units[++i]);
    } else out += isHigh || isLow ? '\ufffd' : String.fromCharCode(u);
  }
  return out;
}

/** How many bytes a value kind spans, for highlighting the inspected bytes. */
export const VALUE_WIDTH: Record<ValueKind, number> = {
  u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8, f32: 4, f64: 8, ptr32: 4,
};
