// The value inspector's other readings: integers in hex/octal/binary, LEB128 (wasm's own
// variable-length integers), bool and char at the selection.

export type Radix = 'dec' | 'hex' | 'oct' | 'bin';
export const RADIXES: Radix[] = ['dec', 'hex', 'oct', 'bin'];

const BASE: Record<Radix, [number, string]> = { dec: [10, ''], hex: [16, '0x'], oct: [8, '0o'], bin: [2, '0b'] };

/**
 * A decimal integer string in another radix, as a `bits`-wide value (a negative number shows as
 * its two's complement, the bytes in memory): `-2` as hex i8 is `0xfe`.
 */
export function formatRadix(decimal: string, radix: Radix, bits: number): string {
  if (radix === 'dec') return decimal;
  let v = BigInt(decimal);
  if (v < 0n) v += 1n << BigInt(bits);
  const [base, prefix] = BASE[radix];
  return prefix + v.toString(base);
}

export interface Leb128 {
  value: string;
  /** Bytes the encoding takes. */
  length: number;
}

/** An unsigned or signed LEB128 at bytes[0..]; null when not terminated within 10 held bytes. */
export function readLeb128(bytes: Uint8Array, signed: boolean): Leb128 | null {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < Math.min(bytes.length, 10); i++) {
    const b = bytes[i];
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) {
      if (signed && b & 0x40) result -= 1n << shift;
      return { value: result.toString(), length: i + 1 };
    }
  }
  return null;
}

/** `false`, `true`, or `true (0x2a)` for a byte that is neither 0 nor 1. */
export function boolText(byte: number): string {
  return byte === 0 ? 'false' : byte === 1 ? 'true' : `true (0x${byte.toString(16)})`;
}

/**
 * The UTF-8 character starting at bytes[0] with its code point, or what is wrong when there is
 * none: not a lead byte, a lead byte whose character runs past the bytes held (the end of
 * memory), or an ill-formed sequence (a bad continuation, an overlong form, a surrogate), said
 * with its bytes rather than shown as the U+FFFD a lenient decode would put in its place.
 */
export function charText(bytes: Uint8Array): string {
  const b = bytes[0];
  if (b === undefined) return '—';
  const hex = (n: number) => `0x${bytes.subarray(0, n).reduce((s, x) => s + x.toString(16).padStart(2, '0'), '')}`;
  const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
  if (len === 0) return `not a character start (0x${b.toString(16)})`;
  if (bytes.length < len) return `cut off: ${hex(bytes.length)} starts a ${len}-byte character past the end`;
  let ch: string;
  try {
    ch = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, len));
  } catch {
    return `ill-formed UTF-8 (${hex(len)})`;
  }
  const cp = ch.codePointAt(0) ?? 0;
  const shown = cp < 0x20 || cp === 0x7f ? JSON.stringify(ch).slice(1, -1) : ch;
  return `'${shown}' U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
