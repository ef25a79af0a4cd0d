// `memscope snapshot … --dump ADDR [LEN]` against a memory of `size` bytes: how much of the range
// to show, or why none of it can be. One rule for snapshots and coredumps.

import { count } from '../shared/count.ts';
import { hexAddress } from '../shared/hex.ts';

export type DumpRange = { ok: true; length: number; note: string | null } | { ok: false; message: string };

/**
 * An address at or past the end is an error naming the memory's size (there is nothing to show,
 * and an empty dump read as "all zero"). A range that runs past the end is cut there, as the
 * default 256 bytes near the top of memory must be, with a note saying how much was shown.
 * `memory` names the memory in both (`memory 1` of a coredump of several).
 */
export function dumpRange(address: number, length: number, size: number, typed?: string, memory = 'memory'): DumpRange {
  // Past 2^53 the number is rounded (0xFFFFFFFFFFFFFFFFFFFF became 0x100000000000000000000): say what was typed.
  const at = typed !== undefined && !Number.isSafeInteger(address) ? typed : hexAddress(address);
  if (address >= size) return { ok: false, message: `--dump ${at} is past the end of ${memory} (${memoryText(size)})` };
  const shown = Math.min(length, size - address);
  if (shown === length) return { ok: true, length, note: null };
  return { ok: true, length: shown, note: `--dump showed ${count(shown, 'byte')} of the ${length} asked for: ${memory} ends at ${hexAddress(size)} (${memoryText(size)})` };
}

function memoryText(size: number): string {
  // count(): a raw dump of one byte read "(1 bytes, 0x0..0x0)".
  return size === 0 ? 'it is empty, 0 bytes' : `${count(size, 'byte')}, 0x0..${hexAddress(size - 1)}`;
}
