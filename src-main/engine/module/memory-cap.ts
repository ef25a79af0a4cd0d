// Rewrites a module so no defined 32-bit memory may grow past a cap: the memory section's
// maxima are lowered (or added) before compiling, on bytes that inspectBytes has validated.
//
//   memory section (id 5): u8 5 | u32 size | u32 count | count × (u8 flags | u32 min | u32 max?)
//   flags: bit 0 has max, bit 1 shared, bit 2 memory64 (left alone: its limits are u64)

import { uleb } from './byte-writer.ts';
import { ByteReader } from './reader.ts';
import { readMemoryType } from './sections/value-types.ts';

const MEMORY_SECTION = 5;

interface Span {
  /** Offset of the section id byte. */
  start: number;
  payloadStart: number;
  end: number;
}

function memorySection(bytes: Uint8Array): Span | null {
  const r = new ByteReader(bytes, 8);
  while (!r.atEnd()) {
    const start = r.pos;
    const id = r.u8('section id');
    const size = r.u32('section size');
    if (id === MEMORY_SECTION) return { start, payloadStart: r.pos, end: r.pos + size };
    r.skip(size, 'section payload');
  }
  return null;
}


/**
 * Lowers every defined 32-bit memory's maximum to `capPages`, so a memory.grow past the cap
 * fails inside the guest (returns -1) instead of allocating. Returns null when nothing changes,
 * or an error text when a memory's minimum already exceeds the cap.
 */
export function capMemories(bytes: Uint8Array, capPages: number): { bytes: Uint8Array } | { error: string } | null {
  const section = memorySection(bytes);
  if (!section) return null;
  const r = new ByteReader(bytes, section.payloadStart, section.end);
  const count = r.u32('memory count');
  const payload: number[] = uleb(count);
  let changed = false;
  for (let i = 0; i < count; i++) {
    const flags = bytes[r.pos]!;
    const limits = readMemoryType(r);
    if (limits.memory64) return null;
    if (limits.min > capPages) {
      return { error: `memory ${i} needs at least ${limits.min} pages, above the cap of ${capPages} pages` };
    }
    const max = limits.max === null ? capPages : Math.min(limits.max, capPages);
    if (max !== limits.max) changed = true;
    payload.push(flags | 1, ...uleb(limits.min), ...uleb(max));
  }
  if (!changed) return null;
  const head = [MEMORY_SECTION, ...uleb(payload.length)];
  const out = new Uint8Array(section.start + head.length + payload.length + (bytes.length - section.end));
  out.set(bytes.subarray(0, section.start), 0);
  out.set(head, section.start);
  out.set(payload, section.start + head.length);
  out.set(bytes.subarray(section.end), section.start + head.length + payload.length);
  return { bytes: out };
}
