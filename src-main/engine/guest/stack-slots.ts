// Go's js/wasm import convention as data: every runtime import takes one i32, the stack pointer
// `sp`, and finds its arguments and leaves its results in 8-byte slots after the return address
// (little-endian, as wasm_exec.js reads them):
//
//   sp + 0    return address (8 bytes)
//   sp + 8    first slot          an i32/u32 takes the low 4 bytes of its slot, a u8 (Go's
//   sp + 16   second slot         bool) the low byte, a u64 all 8; a string is two slots
//   …                             {ptr, len}, a slice three {ptr, len, cap}
//
// A layout names the slots of one function, e.g. 'fd u64@8, p u64@16, n i32@24'. The same layout
// serves the body (read before it runs, results written after) and the call log's decoder.

import type { GuestMemory } from '../memory/guest-memory.ts';
import type { HostValue } from './arg-decoder.ts';

export type SlotType = 'u64' | 'i32' | 'u32' | 'u8';

export interface Slot {
  readonly name: string;
  readonly type: SlotType;
  /** Byte offset from sp. */
  readonly at: number;
}

/** Parses 'name type@offset, …'; a malformed layout is our bug, thrown when the table loads. */
export function slots(layout: string): readonly Slot[] {
  if (layout.trim() === '') return [];
  return layout.split(',').map((part) => {
    const m = /^\s*(\w+)\s+(u64|i32|u32|u8)@(\d+)\s*$/.exec(part);
    if (!m) throw new Error(`stack slot layout: cannot read '${part.trim()}' (want 'name type@offset')`);
    return { name: m[1]!, type: m[2] as SlotType, at: Number(m[3]) };
  });
}

/** The slots' values at `sp`, in layout order: u64 as bigint, the others as number. */
export function readSlots(layout: readonly Slot[], sp: number, memory: GuestMemory): HostValue[] {
  return layout.map((s) => (s.type === 'u64' ? memory.getU64(sp + s.at) : s.type === 'i32' ? memory.getI32(sp + s.at) : s.type === 'u8' ? memory.getU8(sp + s.at) : memory.getU32(sp + s.at)));
}

/** Writes the named values into their slots at `sp`. */
export function writeSlots(layout: readonly Slot[], sp: number, memory: GuestMemory, values: Readonly<Record<string, HostValue>>): void {
  for (const s of layout) {
    const v = values[s.name];
    if (v === undefined) throw new Error(`stack slot '${s.name}' was given no value`);
    if (s.type === 'u64') memory.setU64(sp + s.at, BigInt(v));
    else if (s.type === 'u8') memory.setU8(sp + s.at, Number(v) & 0xff);
    else memory.setU32(sp + s.at, Number(v) >>> 0);
  }
}
