// Works out, once per module, where its static data, stack and heap are and which heap walker
// applies: from the data segments, the `__data_end` / `__heap_base` / stack pointer globals (by
// export or global name), and the toolchain's layout rule when the module names none of them.
//
// Layout rules (wasm-ld places these; checked on each toolchain's real output):
//   clang-19/wasi-libc, Emscripten: [data][stack, grows down][heap]: the stack pointer starts at
//     __heap_base, and the stack ends where static data (with .bss) ends.
//   Rust, TinyGo, Zig, clang-22 (--stack-first, wasm-ld 22's default): [stack][data][heap]: the
//     stack pointer starts at the first data address; the heap starts at __heap_base after .bss.
//   With no data segments (all static data is .bss) only DWARF's statics tell the two apart (one
//   at or above the stack pointer's start: stack first); without them the dlmalloc walker looks
//   for its state on both sides of the stack pointer's start.
//   AssemblyScript: [data][shadow stack][heap], stack pointer ~lib/memory/__stack_pointer (the
//     incremental runtime; the minimal and stub runtimes have no shadow stack: [data][heap]). asc
//     starts the stack pointer at __heap_base itself (compiler.ts, "finalize stack"), and inlines
//     the immutable __heap_base everywhere, so without names the stack pointer is the only trace
//     of it: asShadowStack finds that global by what asc gives it, or says why it cannot.

import { WASM_PAGE, type GlobalInfo, type ModuleInfo, type StaticVariable } from '../../../shared/dto.ts';
import type { HeapFacts } from './types.ts';
import { hexAddress } from '../../../shared/hex.ts';

const SP_NAMES = ['__stack_pointer', '~lib/memory/__stack_pointer'];

export function heapFacts(info: ModuleInfo): HeapFacts {
  const segments = info.dataSegments
    .filter((s) => s.mode === 'active' && s.offset !== null && s.memory === 0 && s.size > 0)
    .map((s) => ({ name: s.name ?? `data[${s.index}]`, start: s.offset!, end: s.offset! + s.size }))
    .sort((a, b) => a.start - b.start);
  const dataStart = segments.length ? segments[0]!.start : null;
  const exactEnd = globalValue(info, '__data_end');
  const dataEnd = exactEnd ?? (segments.length ? Math.max(...segments.map((s) => s.end)) : null);
  const found = findStackPointer(info, dataEnd);
  const stackPointer = found && 'global' in found ? found : null;
  const facts: HeapFacts = {
    walker: null, allocator: null, dataStart, dataEnd, dataEndExact: exactEnd !== null, heapBase: globalValue(info, '__heap_base'),
    stackPointer, stackLow: null, segments, statics: info.statics ?? [], staticTypes: info.staticTypes ?? [],
  };
  if (stackPointer) {
    // Without data segments only DWARF tells the layouts apart: a static at or above the stack
    // pointer's start is .bss after a stack placed first (clang-22 with no constant data).
    const stackFirst = dataStart !== null ? stackPointer.initial <= dataStart : facts.statics.some((v) => v.address >= stackPointer.initial);
    // There .bss starts at the stack's start, and reaches at least past the last static DWARF names.
    if (stackFirst && dataStart === null && exactEnd === null) facts.dataEnd = staticsEnd(facts.statics, facts.heapBase ?? Infinity);
    // Without __data_end, .bss reaches at least past the last static DWARF names below the
    // stack: the free stack starts above it (and the map shows it as .bss, not as stack).
    const named = exactEnd === null && !stackFirst ? staticsEnd(facts.statics, stackPointer.initial) : null;
    if (named !== null && named > (facts.dataEnd ?? 0)) facts.dataEnd = named;
    // Without data segments the stack reaches down to address 0 as far as the module says.
    facts.stackLow = stackFirst ? 0 : (facts.dataEnd ?? 0);
    if (facts.heapBase === null && !stackFirst) facts.heapBase = stackPointer.initial;
  }
  if (found && 'unclear' in found) facts.heapBaseReason = found.unclear;
  else if (facts.heapBase === null && info.toolchain.name === 'assemblyscript' && dataEnd !== null) {
    facts.heapBase = (dataEnd + 15) & ~15;
    const rtti = globalValue(info, '__rtti_base') ?? globalValue(info, '~lib/rt/__rtti_base');
    if (rtti !== null) facts.rttiBase = rtti;
  }
  // wasi-libc's (and Emscripten's) dlmalloc keeps its state in the static `_gm_`; the Rust crate's
  // is a Rust static with its own name (rustCrate), so `_gm_` says nothing about it.
  const gm = facts.statics.find((v) => v.name === '_gm_');
  Object.assign(facts, chooseWalker(info, gm !== undefined));
  if (facts.walker === 'dlmalloc' && !facts.rustCrate && gm) facts.stateAt = gm.address;
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

type WalkerChoice = Pick<HeapFacts, 'walker' | 'allocator' | 'reason' | 'objectOffset' | 'locked' | 'orEmmalloc' | 'rustCrate' | 'byShape'>;

function sharedMemory(info: ModuleInfo): boolean {
  return info.memories.some((m) => m.shared) || info.imports.some((i) => i.kind === 'memory' && i.type.shared);
}

/** `hasGm`: DWARF names wasi-libc's dlmalloc state `_gm_` (heapFacts looks it up once). */
function chooseWalker(info: ModuleInfo, hasGm: boolean): WalkerChoice {
  if (info.memories.length === 0) return none('the module has no linear memory');
  const names = new Set(Object.values(info.names?.functions ?? {}));
  const exports = new Set(info.exports.filter((e) => e.kind === 'func').map((e) => e.name));
  const wasi = info.imports.some((i) => i.module.startsWith('wasi_'));
  switch (info.toolchain.name) {
    case 'assemblyscript':
      if (names.has('~lib/rt/stub/__alloc') || names.has('~lib/rt/stub/__new') || stubRuntime(info)) return none('AssemblyScript stub runtime (a bump allocator that never frees) is not walked');
      return { walker: 'tlsf', allocator: 'TLSF (AssemblyScript)' };
    case 'emscripten':
      if ([...names].some((n) => n.startsWith('emmalloc_'))) return { walker: 'emmalloc', allocator: 'emmalloc (Emscripten)' };
      // -pthread: the memory is shared, and dlmalloc is built with its lock.
      if (sharedMemory(info)) return { walker: 'dlmalloc', allocator: 'dlmalloc (Emscripten, -pthread)', locked: true };
      // `emcc -O2` without --profiling-funcs drops the names that tell -sMALLOC=emmalloc apart:
      // dlmalloc (the default) is assumed and emmalloc tried by its heap's shape (orEmmalloc).
      if (names.size === 0) return { walker: 'dlmalloc', allocator: 'dlmalloc (Emscripten)', orEmmalloc: true };
      return { walker: 'dlmalloc', allocator: 'dlmalloc (Emscripten)' };
    case 'rust':
      // On WASI std calls wasi-libc's malloc; elsewhere (wasm32-unknown-unknown) its own port.
      return wasi ? { walker: 'dlmalloc', allocator: 'dlmalloc (wasi-libc, Rust on WASI)' } : { walker: 'dlmalloc', allocator: 'dlmalloc (Rust dlmalloc crate)', rustCrate: true };
    case 'c':
      // Found by its export, its names, or wasi-libc's own DWARF (its statics `_gm_` and
      // `mparams`, dlmalloc's state): `clang -O2` runs wasm-opt when it is installed, which drops
      // the name section but not libc's debug info, so a plain C command read as linking no
      // malloc and its heap was never walked.
      if (exports.has('malloc') || names.has('malloc') || names.has('dlmalloc') || hasGm || linksMparams(info)) {
        return { walker: 'dlmalloc', allocator: 'dlmalloc (wasi-libc)' };
      }
      // Without function names (or DWARF) there is nothing to tell it by: say so, not "no malloc".
      if (names.size === 0) return none('the module exports no malloc and has no function names or debug info to find one by');
      return none('the module links no malloc');
    case 'tinygo':
      return preciseTinygo(info)
        ? { walker: 'tinygo', allocator: 'TinyGo precise GC', objectOffset: 16 }
        : { walker: 'tinygo', allocator: 'TinyGo conservative GC' };
    case 'unknown':
      // A stripped build (llvm-strip, wasm-opt --strip-debug --strip-producers, -Wl,--strip-all)
      // keeps no trace of its toolchain. A WASI one is most likely wasi-libc's (C, C++,
      // Rust on WASI), whose dlmalloc keeps its state in .bss in a shape nothing else has (a
      // segment ending in top and a fixed-size footer, dlmalloc.ts): the walk looks for that, and
      // says the rest (`reason`, walk.ts) when it is not there: another allocator's heap is
      // not guessed at.
      if (names.size === 0 && !info.names?.globals && (info.statics ?? []).length === 0) {
        const reason = 'toolchain not recognised, so neither is its allocator: the module has no name section, producers section or debug info to tell them by. '
          + 'If a build step stripped them (llvm-strip, wasm-strip, wasm-opt --strip-debug --strip-producers, -Wl,--strip-all), build without it, or with -g, to have the heap walked';
        if (strippedWasi(info)) return { walker: 'dlmalloc', allocator: 'dlmalloc (wasi-libc, found by its state\'s shape: the module has no names)', reason, byShape: true };
        return none(reason);
      }
      return none('toolchain not recognised, so neither is its allocator');
    default:
      return none(`no heap walker for a ${info.toolchain.name} module`);
  }
}

/**
 * A module nothing names the toolchain of that is WASI's: it imports WASI, or exports the entry
 * points wasi-libc's crt1 gives a command (`_start`) or a reactor (`_initialize`, which a module
 * whose code makes no system call still has). Taken for wasm-ld's: global 0 is its stack pointer.
 */
function strippedWasi(info: ModuleInfo): boolean {
  if (info.toolchain.name !== 'unknown') return false;
  return info.imports.some((i) => i.module.startsWith('wasi_')) || info.exports.some((e) => e.kind === 'func' && (e.name === '_start' || e.name === '_initialize'));
}

/** wasi-libc's dlmalloc keeps its state in two statics: `_gm_` (malloc_state) and `mparams`. */
function linksMparams(info: ModuleInfo): boolean {
  return (info.statics ?? []).some((v) => v.name === 'mparams');
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

type Found = NonNullable<HeapFacts['stackPointer']> | { unclear: string } | null;

function findStackPointer(info: ModuleInfo, dataEnd: number | null): Found {
  for (const name of SP_NAMES) {
    const index = globalIndex(info, name);
    const initial = index === null ? null : constInit(info.globals[index]);
    if (index !== null && initial !== null) return { global: index, name, initial };
  }
  if (info.toolchain.name === 'assemblyscript') return info.names?.globals ? null : asShadowStack(info, dataEnd);
  // clang, Rust, Zig, TinyGo and Emscripten all make the stack pointer global 0 (mutable i32).
  const first = info.globals[0];
  const importedGlobals = info.imports.filter((i) => i.kind === 'global').length;
  const conventional = strippedWasi(info) || ['c', 'rust', 'zig', 'tinygo', 'emscripten'].includes(info.toolchain.name);
  const initial = constInit(first);
  if (conventional && importedGlobals === 0 && first?.type === 'i32' && first.mutable && initial !== null) {
    return { global: 0, name: 'global 0 (the toolchain\'s stack pointer)', initial };
  }
  return null;
}

/**
 * AssemblyScript's shadow stack pointer in a module without global names. asc adds it as a
 * mutable i32 starting at __heap_base: past all static data, aligned to 4, below the initial
 * memory size (asc sizes the memory to hold __heap_base); it is never exported. The runtime's
 * other mutable globals (TLSF ROOT, the collector's lists) start at 0. Exactly one global
 * fitting that is the stack pointer; none means no shadow stack (the minimal or stub runtime:
 * the heap starts at the data end); more than one (a program global that also fits) cannot be
 * told apart here, and guessing would walk the wrong place, so the heap is then not walked.
 */
function asShadowStack(info: ModuleInfo, dataEnd: number | null): Found {
  const imported = info.imports.filter((i) => i.kind === 'global').length;
  const exported = new Set(info.exports.filter((e) => e.kind === 'global').map((e) => e.index));
  const memoryEnd = info.memories[0] ? info.memories[0].min * WASM_PAGE : Infinity;
  const fits = info.globals.flatMap((g, index) => {
    const initial = constInit(g);
    const ok = index >= imported && !exported.has(index) && g.type === 'i32' && g.mutable && initial !== null &&
      initial > (dataEnd ?? 0) && initial % 4 === 0 && initial <= memoryEnd;
    return ok ? [{ global: index, name: `global ${index} (AssemblyScript's shadow stack pointer)`, initial: initial! }] : [];
  });
  if (fits.length <= 1) return fits[0] ?? null;
  const which = fits.map((f) => `global ${f.global} = ${hexAddress(f.initial)}`).join(', ');
  return { unclear: `the module has no names, and more than one global could be AssemblyScript's shadow stack pointer, whose start is where the heap starts (${which})` };
}

/**
 * AssemblyScript's stub runtime without names: its __unpin and __collect do nothing (rt/stub.ts),
 * so with --exportRuntime both bodies are empty: no locals, at most binaryen's `nop`, and `end`
 * (3 bytes at -O1; a () -> () body that small can do nothing else). The TLSF runtimes' are not.
 */
function stubRuntime(info: ModuleInfo): boolean {
  const importedFuncs = info.imports.filter((i) => i.kind === 'func').length;
  const bodySize = (name: string): number | undefined => {
    const e = info.exports.find((x) => x.kind === 'func' && x.name === name);
    return e ? info.codeSizes[e.index - importedFuncs] : undefined;
  };
  const empty = (size: number | undefined): boolean => size !== undefined && size <= 3;
  return empty(bodySize('__unpin')) && empty(bodySize('__collect'));
}

/** An i32 global's initial value when its initialiser is one constant, unsigned (an address). */
function constInit(global: GlobalInfo | undefined): number | null {
  return global?.value?.type === 'i32' ? global.value.bits : null;
}
