// Works out, once per module, where its static data, stack and heap are and which heap walker
// applies: from the data segments, the `__data_end` / `__heap_base` / stack pointer globals (by
// export or global name), and the toolchain's layout rule when the module names none of them.
//
// Layout rules (wasm-ld places these; checked on each toolchain's real output):
//   clang-19/wasi-libc, Emscripten: [data][stack, grows down][heap]: the stack pointer starts at
//     __heap_base, and the stack ends where static data (with .bss) ends.
//   Rust, TinyGo, Zig, clang-22 (--stack-first, wasm-ld 22's default): [stack][data][heap]: the
//     stack pointer starts at the first data address; the heap starts at __heap_base after .bss.
//   With no data segments (all static data is .bss) the two cannot be told apart here; the
//   dlmalloc walker looks for its state on both sides of the stack pointer's start.
//   AssemblyScript: [data][shadow stack][heap], stack pointer ~lib/memory/__stack_pointer.

import type { GlobalInfo, ModuleInfo, StaticVariable } from '../../../shared/dto.ts';
import type { HeapFacts } from './types.ts';

const SP_NAMES = ['__stack_pointer', '~lib/memory/__stack_pointer'];

export function heapFacts(info: ModuleInfo): HeapFacts {
  const segments = info.dataSegments
    .filter((s) => s.mode === 'active' && s.offset !== null && s.memory === 0 && s.size > 0)
    .map((s) => ({ name: s.name ?? `data[${s.index}]`, start: s.offset!, end: s.offset! + s.size }))
    .sort((a, b) => a.start - b.start);
  const dataStart = segments.length ? segments[0]!.start : null;
  const exactEnd = globalValue(info, '__data_end');
  const dataEnd = exactEnd ?? (segments.length ? Math.max(...segments.map((s) => s.end)) : null);
  const stackPointer = findStackPointer(info);
  const facts: HeapFacts = {
    walker: null, allocator: null, dataStart, dataEnd, dataEndExact: exactEnd !== null, heapBase: globalValue(info, '__heap_base'),
    stackPointer, stackLow: null, segments, statics: info.statics ?? [], staticTypes: info.staticTypes ?? [],
  };
  if (stackPointer) {
    const stackFirst = dataStart !== null && stackPointer.initial <= dataStart;
    // Without __data_end, .bss reaches at least past the last static DWARF names below the
    // stack: the free stack starts above it (and the map shows it as .bss, not as stack).
    const named = exactEnd === null && !stackFirst ? staticsEnd(facts.statics, stackPointer.initial) : null;
    if (named !== null && named > (facts.dataEnd ?? 0)) facts.dataEnd = named;
    // Without data segments the stack reaches down to address 0 as far as the module says.
    facts.stackLow = stackFirst ? 0 : (facts.dataEnd ?? 0);
    if (facts.heapBase === null && !stackFirst) facts.heapBase = stackPointer.initial;
  }
  if (facts.heapBase === null && info.toolchain.name === 'assemblyscript' && dataEnd !== null) facts.heapBase = (dataEnd + 15) & ~15;
  Object.assign(facts, chooseWalker(info));
  return facts;
}

/** Where the last static below `limit` ends, or null when none is. */
function staticsEnd(statics: readonly StaticVariable[], limit: number): number | null {
  let end: number | null = null;
  for (const v of statics) {
    const last = v.address + Math.max(1, v.size ?? 1);
    if (last <= limit && (end === null || last > end)) end = last;
  }
  return end;
}

type WalkerChoice = Pick<HeapFacts, 'walker' | 'allocator' | 'reason' | 'objectOffset' | 'locked'>;

function sharedMemory(info: ModuleInfo): boolean {
  return info.memories.some((m) => m.shared) || info.imports.some((i) => i.kind === 'memory' && i.type.shared);
}

function chooseWalker(info: ModuleInfo): WalkerChoice {
  if (info.memories.length === 0) return none('the module has no linear memory');
  const names = new Set(Object.values(info.names?.functions ?? {}));
  const exports = new Set(info.exports.filter((e) => e.kind === 'func').map((e) => e.name));
  const wasi = info.imports.some((i) => i.module.startsWith('wasi_'));
  switch (info.toolchain.name) {
    case 'assemblyscript':
      if (names.has('~lib/rt/stub/__alloc') || names.has('~lib/rt/stub/__new')) return none('AssemblyScript stub runtime (a bump allocator that never frees) is not walked');
      return { walker: 'tlsf', allocator: 'TLSF (AssemblyScript)' };
    case 'emscripten':
      if ([...names].some((n) => n.startsWith('emmalloc_'))) return { walker: 'emmalloc', allocator: 'emmalloc (Emscripten)' };
      // -pthread: the memory is shared, and dlmalloc is built with its lock.
      if (sharedMemory(info)) return { walker: 'dlmalloc', allocator: 'dlmalloc (Emscripten, -pthread)', locked: true };
      return { walker: 'dlmalloc', allocator: 'dlmalloc (Emscripten)' };
    case 'rust':
      return wasi ? { walker: 'dlmalloc', allocator: 'dlmalloc (wasi-libc, Rust on WASI)' } : { walker: 'dlmalloc', allocator: 'dlmalloc (Rust dlmalloc crate)' };
    case 'c':
      if (!exports.has('malloc') && !names.has('malloc') && !names.has('dlmalloc')) return none('the module links no malloc');
      return { walker: 'dlmalloc', allocator: 'dlmalloc (wasi-libc)' };
    case 'tinygo':
      return preciseTinygo(info)
        ? { walker: 'tinygo', allocator: 'TinyGo precise GC', objectOffset: 16 }
        : { walker: 'tinygo', allocator: 'TinyGo conservative GC' };
    case 'unknown':
      return none('toolchain not recognised, so neither is its allocator');
    default:
      return none(`no heap walker for a ${info.toolchain.name} module`);
  }
}

function none(reason: string): WalkerChoice {
  return { walker: null, allocator: null, reason };
}

/** TinyGo switched wasm targets to its precise GC in 0.34 (producers: processed-by TinyGo x.y.z). */
function preciseTinygo(info: ModuleInfo): boolean {
  const version = Object.values(info.producers).flat().find((p) => p.name.toLowerCase() === 'tinygo')?.version;
  const m = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  return m !== null && (Number(m[1]) > 0 || Number(m[2]) >= 34);
}

/** An i32 global's constant init value, found by its name-section name or its export name. */
function globalValue(info: ModuleInfo, name: string): number | null {
  const index = globalIndex(info, name);
  return index === null ? null : constInit(info.globals[index]);
}

function globalIndex(info: ModuleInfo, name: string): number | null {
  const byName = info.globals.findIndex((g) => g.name === name);
  if (byName >= 0) return byName;
  const exported = info.exports.find((e) => e.kind === 'global' && e.name === name);
  return exported ? exported.index : null;
}

function findStackPointer(info: ModuleInfo): HeapFacts['stackPointer'] {
  for (const name of SP_NAMES) {
    const index = globalIndex(info, name);
    const initial = index === null ? null : constInit(info.globals[index]);
    if (index !== null && initial !== null) return { global: index, name, initial };
  }
  // clang, Rust, Zig, TinyGo and Emscripten all make the stack pointer global 0 (mutable i32).
  const first = info.globals[0];
  const importedGlobals = info.imports.filter((i) => i.kind === 'global').length;
  const conventional = ['c', 'rust', 'zig', 'tinygo', 'emscripten'].includes(info.toolchain.name);
  const initial = constInit(first);
  if (conventional && importedGlobals === 0 && first?.type === 'i32' && first.mutable && initial !== null) {
    return { global: 0, name: 'global 0 (the toolchain\'s stack pointer)', initial };
  }
  return null;
}

/** An i32 global's initial value when its initialiser is one constant, unsigned (an address). */
function constInit(global: GlobalInfo | undefined): number | null {
  return global?.value?.type === 'i32' ? global.value.bits : null;
}
