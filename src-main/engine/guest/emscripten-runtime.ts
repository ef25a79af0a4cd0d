// Emscripten JS-glue runtime imports performed by the host, as its library.js defines them.
// emscripten_memcpy_big(dest, src, num) -> dest: at -O1 and above, memcpy of 512 bytes or more
// leaves the copy to JavaScript (HEAPU8.copyWithin); the bytes move inside guest memory.
// emscripten_resize_heap(requested) -> 1 | 0: sbrk asks for memory of at least `requested`
// bytes in total (an unsigned size, not a delta) when the heap would pass the end of memory.

import { recorded, type HostFunction, type ImportContext } from './import-context.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';

const PAGE = 65536;
/** Emscripten's own ceiling: one page short of 4 GiB, so sizes never wrap to 0 in wasm32 code. */
const HEAP_MAX = 2 ** 32 - PAGE;

export function emscriptenRuntimeFunction(ctx: ImportContext, module: string, name: string): HostFunction {
  if (name === 'emscripten_resize_heap') return resizeHeap(ctx, module, name);
  return recorded(ctx, module, name, 'builtin', ([dest, src, num]) => {
    const [to, from, length] = [Number(dest) >>> 0, Number(src) >>> 0, Number(num) >>> 0];
    const memory = ctx.memory();
    // Bounds-checked both ways (a fault traps the guest, as an out-of-bounds copy would).
    memory.check(from, length);
    memory.check(to, length);
    memory.bytes().copyWithin(to, from, from + length);
    return {
      result: to,
      note: { summary: `${name}(dest=${to}, src=${from}, ${length} bytes): copied by the host, as Emscripten's JS glue does`, touched: [[to, to + length]] },
    };
  });
}

/**
 * Grows memory to `requested` bytes rounded up to whole pages, and answers 1; 0 when it cannot
 * (past the module's maximum, which the session's memory cap lowered, or past Emscripten's
 * ceiling), and sbrk then fails with ENOMEM, so malloc returns NULL. Emscripten's JS glue
 * over-allocates (+20%) to grow less often; the host grows only what was asked, so the memory
 * shown is what the program needed.
 */
function resizeHeap(ctx: ImportContext, module: string, name: string): HostFunction {
  return recorded(ctx, module, name, 'builtin', ([requested]) => {
    const want = Number(requested) >>> 0;
    const memory = ctx.memory();
    const before = memory.size;
    const answer = (ok: boolean, why: string) => ({ result: ok ? 1 : 0, note: { summary: `${name}(${want}) → ${ok ? 1 : 0}: ${why}` } });
    if (want <= before) return answer(true, `memory is already ${mib(before)}`);
    if (want > HEAP_MAX) return answer(false, `past ${mib(HEAP_MAX)}, the most Emscripten's heap may have`);
    const pages = Math.ceil((want - before) / PAGE);
    // Checked before growing, so nothing is allocated for a request the cap refuses anyway.
    if (before + pages * PAGE > ctx.memoryCapBytes) return answer(false, `memory stays ${mib(before)}: ${mib(before + pages * PAGE)} is past the memory cap of ${mib(ctx.memoryCapBytes)}`);
    const refused = grow(memory, pages);
    if (refused) return answer(false, `memory stays ${mib(before)}: ${refused}`);
    return answer(true, `memory grew from ${mib(before)} to ${mib(memory.size)}`);
  });
}

/** Null when the memory grew by `pages`, else why not (past the module's declared maximum). */
function grow(memory: GuestMemory, pages: number): string | null {
  try {
    memory.memory.grow(pages);
    return null;
  } catch (error) {
    return `memory.grow(${pages}) failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function mib(bytes: number): string {
  return `${Number((bytes / 1048576).toFixed(2))} MiB`;
}
