// A selected byte range as text to copy: hex, text, a C array, or a .wseq `write` step that puts
// the same bytes back (so a copied range can be replayed into a fresh instance).

import { formatAddress } from './address.ts';
import { count } from '../../src-main/shared/count.ts';

export type CopyFormat = 'hex' | 'text' | 'c' | 'wseq';

export const COPY_FORMATS: { id: CopyFormat; label: string }[] = [
  { id: 'hex', label: 'hex' },
  { id: 'text', label: 'text (UTF-8)' },
  { id: 'c', label: 'C array' },
  { id: 'wseq', label: '.wseq write' },
];

/** `48 65 6c 6c 6f`. */
export function hexText(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * A C array of the bytes, 12 per line:
 *   // 5 bytes at 0x00010630
 *   const unsigned char mem_10630[5] = {
 *       0x68, 0x65, 0x6c, 0x6c, 0x6f,
 *   };
 */
export function cArray(bytes: Uint8Array, address: number): string {
  const name = `mem_${address.toString(16)}`;
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 12) {
    lines.push(`    ${Array.from(bytes.subarray(i, i + 12), (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')},`);
  }
  return [`// ${count(bytes.length, 'byte')} at ${formatAddress(address)}`, `const unsigned char ${name}[${bytes.length}] = {`, ...lines, '};'].join('\n');
}

/** A `write bytes "…"` step (FORMAT.md: hex pairs) that puts the bytes back at the address. */
export function wseqWrite(bytes: Uint8Array, address: number): string {
  return `write bytes "${hexText(bytes)}" @ ${formatAddress(address)}`;
}

export function formatCopy(format: CopyFormat, bytes: Uint8Array, address: number): string {
  switch (format) {
    case 'hex': return hexText(bytes);
    case 'text': return new TextDecoder('utf-8').decode(bytes);
    case 'c': return cArray(bytes, address);
    case 'wseq': return wseqWrite(bytes, address);
  }
}

/**
 * "Interpret selection as struct": a `read {…}` step over the range, with fields at their own
 * alignment (u32 where 4-aligned, then u16, then u8), so C's natural alignment adds no padding
 * between them. Fields are named after their offsets (`at0`, `at4`); rename them to taste.
 */
export function structRead(start: number, size: number, name = 'st'): string {
  const fields: string[] = [];
  for (let off = 0; off < size;) {
    const left = size - off;
    const width = left >= 4 && off % 4 === 0 ? 4 : left >= 2 && off % 2 === 0 ? 2 : 1;
    fields.push(`at${off}: u${width * 8}`);
    off += width;
  }
  return `${name} = read {${fields.join(', ')}} @ ${formatAddress(start)}`;
}
