// Rewrites a module so no defined 32-bit memory may grow past a cap: the memory section's
// maxima are lowered (or added) before compiling, on bytes that inspectBytes has validated.
//
//   memory section (id 5): u8 5 | u32 size | u32 count | count × (u8 flags | u32 min | u32 max?)
//   flags: bit 0 has max, bit 1 shared, bit 2 memory64 (left alone: its limits are u64)

import type { ImportCallRecord } from '../../shared/dto.ts';
import { formatSize } from '../../shared/byte-size.ts';
import { uleb } from './byte-writer.ts';
import { ByteReader } from './reader.ts';
import { readMemoryType } from './sections/value-types.ts';

const MEMORY_SECTION = 5;
/** wasm32's whole address space: 65536 pages, the most a 32-bit memory may declare. */
export const WASM32_MAX_BYTES = 2 ** 32;

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
  // wasm32 addresses 65536 pages at most, so a cap of 4 GiB lowers nothing: left unrewritten, a
  // memory without a maximum is not taken for capped (a growth to 4 GiB is not the cap's doing).
  if (capPages >= WASM32_MAX_BYTES / 65536) return null;
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

/** How to raise the cap, the tail of every memory-cap message: the one way a user can act on it. */
export function raiseCapHint(capBytes: number): string {
  if (capBytes >= WASM32_MAX_BYTES) return 'the cap is already 4 GiB, all a 32-bit memory can address';
  return 'a `memory cap 4 GiB` line in the sequence raises it, to at most 4 GiB';
}


/**
 * The largest size a call's Emscripten `emscripten_resize_heap(requested)` asked for and was
 * refused because it was past the cap (it answered 0), or null. This is exact, not a guess: the
 * host itself refused that request for the cap (guest/emscripten-runtime.ts), and sbrk then
 * failed, so malloc returned NULL even though memory never grew. Said on a call that failed
 * only: a program that handles the NULL ran correctly, and the call log says the refusal. Requests past Emscripten's
 * own 4 GiB − 64 KiB ceiling are refused whatever the cap, so they do not count.
 */
export function refusedForCap(imports: readonly Pick<ImportCallRecord, 'name' | 'binding' | 'args' | 'results'>[], capBytes: number): number | null {
  let worst: number | null = null;
  for (const call of imports) {
    const [arg, result] = [call.args[0], call.results[0]];
    // Only the host's own resize_heap (builtin): one a user bound elsewhere says nothing of the cap.
    if (call.name !== 'emscripten_resize_heap' || call.binding !== 'builtin' || arg?.type !== 'i32' || result?.type !== 'i32' || result.bits !== 0) continue;
    const want = arg.bits >>> 0;
    if (want > capBytes && want <= WASM32_MAX_BYTES - 65536 && (worst === null || want > worst)) worst = want;
  }
  return worst;
}

/**
 * What a failed call (a trap, a non-zero exit) adds when the cap lowered a maximum the module
 * declared: a memory.grow past the cap returned -1 there where the module expected room, which
 * may be why it failed. Said as a possibility, and only on a call that already failed: a refused
 * memory.grow leaves no trace, so nothing more can be known without rewriting every grow. A
 * module that declares no maximum is left out (most toolchains' default, not a request for more).
 */
export function loweredMaximumNote(memories: readonly { max: number | null; memory64: boolean }[], capBytes: number): string | null {
  const capPages = Math.floor(capBytes / 65536);
  const declared = memories.filter((m) => !m.memory64 && m.max !== null && m.max > capPages).map((m) => m.max!);
  if (declared.length === 0) return null;
  const max = Math.max(...declared) * 65536;
  return `the memory cap of ${formatSize(capBytes)} lowered this module's declared maximum of ${formatSize(max)}, `
    + `so a memory.grow past ${formatSize(capBytes)} returned -1 (malloc NULL) if it asked; if the call needed more memory, ${raiseCapHint(capBytes)}`;
}
