// Emscripten JS-glue runtime imports performed by the host, as its library.js defines them.
// emscripten_memcpy_big(dest, src, num) -> dest: at -O1 and above, memcpy of 512 bytes or more
// leaves the copy to JavaScript (HEAPU8.copyWithin); the bytes move inside guest memory, and
// write tracing names the import (`env:emscripten_memcpy_big`) as their writer.
// emscripten_resize_heap(requested) -> 1 | 0: sbrk asks for memory of at least `requested`
// bytes in total (an unsigned size, not a delta) when the heap would pass the end of memory.
// emscripten_notify_memory_growth(index): a standalone build grew memory itself and says so.
// C++ exceptions and longjmp through the glue's JavaScript: emscripten-unwind.ts. Its system
// calls (__syscall_*) answer -ENOSYS: no host here has its JavaScript file system. Embind's
// registrations of free functions, which then become callable by name: embind.ts.

import { hostFunction, type ImportContext } from './import-context.ts';
import type { HostFunction } from './host-call.ts';
import type { CallView } from './arg-decoder.ts';
import { WASM_PAGE, type FuncType } from '../../shared/dto.ts';
import { formatSize } from '../../shared/byte-size.ts';
import { EMSCRIPTEN_ENOSYS, isEmbindImport, isEmscriptenSyscall, isEmscriptenUnwindImport } from '../protocol.ts';
import { embindRegistration } from './embind.ts';
import { asHostWriter, noteHostWrite } from '../memory/write-hooks.ts';
import { emscriptenUnwindFunction } from './emscripten-unwind.ts';

/** Emscripten's own ceiling: one page short of 4 GiB, so sizes never wrap to 0 in wasm32 code. */
const HEAP_MAX = 2 ** 32 - WASM_PAGE;

/**
 * The host function for an Emscripten runtime import. Whatever it writes into guest memory (the
 * exception runtime's refcounts and flags, memcpy_big's copy) is traced as the import's:
 * `env:__cxa_begin_catch`, not `host`, which means a sequence's `write` step. While a call
 * re-enters the guest (invoke_*), the guest's stores are still traced as the guest's, and a
 * nested import (WASI's, these) names its own writes.
 */
export function emscriptenRuntimeFunction(ctx: ImportContext, module: string, name: string, signature: FuncType): HostFunction {
  const fn = runtimeFunction(ctx, module, name, signature);
  const writer = `${module}:${name}`;
  return (...args) => asHostWriter(writer, () => fn(...args));
}

function runtimeFunction(ctx: ImportContext, module: string, name: string, signature: FuncType): HostFunction {
  if (name === 'emscripten_resize_heap') return resizeHeap(ctx, module, name);
  if (isEmscriptenUnwindImport(name)) return emscriptenUnwindFunction(ctx, module, name, signature);
  if (isEmscriptenSyscall(name)) return unhostedSyscall(ctx, module, name, signature);
  if (name === 'emscripten_notify_memory_growth') return grewNotice(ctx, module, name);
  if (isEmbindImport(name)) return embindRegistration(ctx, module, name, signature);
  const entry = {
    module, name, binding: 'builtin' as const, params: ['dest', 'src', 'num'],
    show: 'emscripten_memcpy_big(dest={dest}, src={src}, {num} bytes): copied by the host, as Emscripten\'s JS glue does',
  };
  return hostFunction(entry, ctx, ([dest, src, num], { memory }) => {
    const [to, from, length] = [Number(dest) >>> 0, Number(src) >>> 0, Number(num) >>> 0];
    const mem = memory();
    // Bounds-checked both ways (a fault traps the guest, as an out-of-bounds copy would).
    mem.check(from, length);
    mem.check(to, length);
    mem.bytes().copyWithin(to, from, from + length);
    // copyWithin bypasses GuestMemory.write, so the range is noted here, after the bytes are in
    // place: write tracing then names this import as their writer (not `unknown`), and a
    // `watch … stop` on them stops here (the hook throws WatchStop), as inside WASI's fd_read.
    noteHostWrite(mem.memory, to, length);
    return to;
  });
}

/** Why a growth to `want` bytes from `before` is refused before trying, or null: the body decides by it, the log words it. */
function refusal(want: number, before: number, cap: number): string | null {
  if (want > HEAP_MAX) return `past ${formatSize(HEAP_MAX)}, the most Emscripten's heap may have`;
  const after = before + pagesFor(want, before) * WASM_PAGE;
  // Checked before growing, so nothing is allocated for a request the cap refuses anyway.
  if (after > cap) return `memory stays ${formatSize(before)}: ${formatSize(after)} is past the memory cap of ${formatSize(cap)}`;
  return null;
}

function pagesFor(want: number, before: number): number {
  return Math.ceil((want - before) / WASM_PAGE);
}

/**
 * Grows memory to `requested` bytes rounded up to whole pages, and answers 1; 0 when it cannot
 * (past the module's maximum, which the session's memory cap lowered, or past Emscripten's
 * ceiling), and sbrk then fails with ENOMEM, so malloc returns NULL. Emscripten's JS glue
 * over-allocates (+20%) to grow less often; the host grows only what was asked, so the memory
 * shown is what the program needed.
 */
function resizeHeap(ctx: ImportContext, module: string, name: string): HostFunction {
  // The log's line, from the request, the answer and memory's size before and after the call.
  const outcome = (v: CallView): string => {
    const [want, ok] = [Number(v.values[0]) >>> 0, Number(v.values[1])];
    const before = v.sizeBefore ?? 0;
    const after = v.memory().size;
    const why = want <= before ? `memory is already ${formatSize(before)}`
      : after > before ? `memory grew from ${formatSize(before)} to ${formatSize(after)}`
        : refusal(want, before, ctx.memoryCapBytes) ?? `memory stays ${formatSize(before)}: memory.grow(${pagesFor(want, before)}) failed (past the module's declared maximum)`;
    return ` → ${ok}: ${why}`;
  };
  const entry = { module, name, binding: 'builtin' as const, params: ['requested'], results: ['ok'], show: `${name}({requested})`, then: outcome };
  return hostFunction(entry, ctx, ([requested], { memory }) => {
    const want = Number(requested) >>> 0;
    const mem = memory();
    const before = mem.size;
    if (want <= before) return 1;
    if (refusal(want, before, ctx.memoryCapBytes) !== null) return 0;
    try {
      mem.memory.grow(pagesFor(want, before));
      return 1;
    } catch {
      return 0;
    }
  });
}

/**
 * emscripten_notify_memory_growth(index): a standalone build grew its memory itself
 * (memory.grow) and tells the host, whose views of the old buffer a JS glue would renew. Memscope
 * re-reads memory after every growth, so the call only says what happened.
 */
function grewNotice(ctx: ImportContext, module: string, name: string): HostFunction {
  const entry = {
    module, name, binding: 'builtin' as const, params: ['memory'],
    show: (v: CallView) => `${name}(${Number(v.args[0])}): the module grew its memory to ${formatSize(v.memory().size)}; nothing for the host to do`,
  };
  return hostFunction(entry, ctx, () => undefined);
}

/** A JS-glue system call answered -ENOSYS (protocol.ts: isEmscriptenSyscall), saying why and what to build instead. */
function unhostedSyscall(ctx: ImportContext, module: string, name: string, signature: FuncType): HostFunction {
  const entry = {
    module, name, binding: 'builtin' as const, type: signature,
    then: ` → ${EMSCRIPTEN_ENOSYS} (ENOSYS): Emscripten's JavaScript file system is not hosted; files are, through WASI (a wasm32-wasi build, with a \`dir\` line)`,
  };
  const result = signature.results[0] === 'i64' ? BigInt(EMSCRIPTEN_ENOSYS) : signature.results.length > 0 ? EMSCRIPTEN_ENOSYS : undefined;
  return hostFunction(entry, ctx, () => result);
}
