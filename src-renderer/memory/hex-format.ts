// Byte formatting for the grid: two-digit hex and a printable-ASCII column.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ASCII = Array.from({ length: 256 }, (_, i) => (i >= 0x20 && i < 0x7f ? String.fromCharCode(i) : '.'));

/** `0a`, `ff`; `··` for a byte we do not hold (yet) or past the end of memory. */
export function hexByte(b: number | undefined): string {
  return b === undefined ? '··' : HEX[b & 255];
}

/** The byte as itself when printable ASCII (0x20..0x7e), else `.`; a space when unknown. */
export function asciiChar(b: number | undefined): string {
  return b === undefined ? ' ' : ASCII[b & 255];
}

/** A whole row as text, `00 61 62 …  .ab…`, for copying. */
export function formatRowText(bytes: ArrayLike<number | undefined>): string {
  const hex: string[] = [];
  let ascii = '';
  for (let i = 0; i < bytes.length; i++) {
    hex.push(hexByte(bytes[i]));
    ascii += asciiChar(bytes[i]);
  }
  return `${hex.join(' ')}  ${ascii}`;
}

/** Bytes as spaced hex (`de ad be ef`), the form `.wseq` bytes literals take. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => HEX[b]).join(' ');
}
