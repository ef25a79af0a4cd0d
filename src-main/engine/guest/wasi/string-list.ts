// Shared by args_* and environ_*: NUL-terminated strings plus an array of u32 pointers to them.

import type { CallNote, WasiContext } from './context.ts';
import { Errno } from './errno.ts';

/** How the calls read after a success (arg-decoder.ts): `*_sizes_get`, then `*_get`. */
export const SIZES = { then: 'count={count}, size={size}' };
export const STRINGS = { then: '{count} strings' };

const encoder = new TextEncoder();

function encodeAll(list: string[]): Uint8Array[] {
  return list.map((s) => {
    const bytes = encoder.encode(s);
    const out = new Uint8Array(bytes.length + 1);
    out.set(bytes);
    return out;
  });
}

/** `*_sizes_get`: count at countPtr, total bytes (each string + its NUL) at sizePtr. */
export function listSizes(
  ctx: WasiContext, note: CallNote, list: string[], countPtr: number, sizePtr: number,
): number {
  const size = encodeAll(list).reduce((n, b) => n + b.length, 0);
  ctx.mem.setU32(countPtr, list.length);
  ctx.mem.setU32(sizePtr, size);
  note.detail.count = list.length;
  note.detail.size = size;
  return Errno.SUCCESS;
}

/**
 * `*_get`: pointers to each string at ptrsPtr (u32 each), the strings back to back at bufPtr.
 *   ptrs: [p0][p1]…      buf: "a\0" "bb\0" …   with p0 = bufPtr, p1 = bufPtr + 2, …
 */
export function listGet(
  ctx: WasiContext, note: CallNote, list: string[], ptrsPtr: number, bufPtr: number,
): number {
  const encoded = encodeAll(list);
  const total = encoded.reduce((n, b) => n + b.length, 0);
  ctx.mem.validate(ptrsPtr, list.length * 4);
  ctx.mem.validate(bufPtr, total);
  let at = bufPtr;
  encoded.forEach((bytes, i) => {
    ctx.mem.setU32(ptrsPtr + i * 4, at);
    ctx.mem.write(at, bytes);
    at += bytes.length;
  });
  note.facts.count = list.length;
  note.detail.strings = JSON.stringify(list).slice(0, 200);
  return Errno.SUCCESS;
}
