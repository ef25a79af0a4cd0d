// Turns the reader's model into the ModuleInfo DTO: every import's and export's type as
// structure (never text: shared/type-format.ts writes it), names merged in from the `name`
// section, and the derived facts (kind, toolchain, allocator).

import { hasMinifiedImports, MINIFIED_IMPORTS } from './toolchain.ts';
import {
  WASM_PAGE, type ExportInfo, type ExternKind, type ExternType, type ImportInfo, type ModuleInfo, type ModuleKind,
} from '../../shared/dto.ts';
import { findAllocator, guessAllocator } from './allocator.ts';
import { functionType, type RawImport, type RawModule } from './model.ts';
import { guessToolchain } from './toolchain.ts';
import { demangleNames } from './demangle.ts';

/**
 * Emscripten's JS legalisation wraps an export with an i64 result in `legalstub$<name>`, which
 * returns the low half and passes the high half to the imported env.setTempRet0. Recognised by
 * that name (kept by --profiling-funcs or -g) on an export returning one i32; without names a
 * call still shows the setTempRet0 record, whose summary says what the value is.
 */
function exportInfo(m: RawModule, e: RawModule['exports'][number]): ExportInfo {
  const info: ExportInfo = { name: e.name, ...entityType(m, e.kind, e.index), index: e.index, ...(e.wire !== undefined ? { wire: e.wire } : {}) };
  const setsTempRet = m.imports.some((i) => i.kind === 'func' && i.module === 'env' && i.name === 'setTempRet0');
  if (info.kind === 'func' && setsTempRet && m.names?.functions[e.index]?.startsWith('legalstub$') && info.type.results.length === 1 && info.type.results[0] === 'i32') {
    info.legalizedResult = 'i64';
  }
  return info;
}

export function toModuleInfo(m: RawModule): ModuleInfo {
  const info: ModuleInfo = {
    size: m.size,
    kind: moduleKind(m),
    toolchain: guessToolchain(m),
    allocator: findAllocator(m),
    imports: m.imports.map((i) => importInfo(m, i)),
    exports: m.exports.map((e): ExportInfo => exportInfo(m, e)),
    functionCount: m.functionTypes.length,
    tables: m.tables,
    memories: m.memories,
    globals: m.globals.map((g, i) => {
      const name = m.names?.globals?.[i];
      return name === undefined ? g : { ...g, name };
    }),
    start: m.start,
    elementSegments: m.elementSegments,
    dataCount: m.dataCount,
    codeSizes: m.codeSizes,
    dataSegments: m.dataSegments.map((d) => {
      const name = m.names?.data?.[d.index];
      return name === undefined ? d : { ...d, name };
    }),
    customSections: m.customSections,
    // Read for people (Rust's legacy symbols demangled); the toolchain guess saw them raw.
    names: m.names ? { ...m.names, functions: demangleNames(m.names.functions) } : m.names,
    producers: m.producers,
    targetFeatures: m.targetFeatures,
    dwarf: m.dwarf,
  };
  if (m.statics) info.statics = m.statics;
  if (m.staticTypes) info.staticTypes = m.staticTypes;
  if (m.frameLocals) info.frameLocals = m.frameLocals;
  // Sent to the page with every ModuleInfo: absent when no segment fills table 0.
  if (m.tableFunctions.length) info.tableFunctions = m.tableFunctions;
  const warnings: string[] = [...m.warnings, ...(hasMinifiedImports(m.imports) ? [MINIFIED_IMPORTS] : []), ...segmentsPastMemory(info)];
  if (warnings.length) info.warnings = warnings;
  const guess = info.allocator || info.memories.length === 0 ? null : guessAllocator(info.exports);
  if (guess) info.allocatorGuess = guess;
  const wrapped = commandExports(m);
  if (wrapped) info.commandExports = wrapped;
  return info;
}

/**
 * Active data segments at a constant offset that end past their memory's initial size: the module
 * validates, but instantiating it traps (an out-of-bounds data segment), so inspect says which.
 * An imported memory's minimum is only what the host must give at least: not judged.
 */
function segmentsPastMemory(info: ModuleInfo): string[] {
  const imported = info.imports.filter((i) => i.kind === 'memory').length;
  return info.dataSegments.flatMap((d) => {
    const memory = info.memories[d.memory];
    if (d.mode !== 'active' || d.offset === null || !memory || d.memory < imported || d.offset + d.size <= memory.min * WASM_PAGE) return [];
    return [`data segment #${d.index} (${d.size} bytes at 0x${d.offset.toString(16)}) ends past memory ${d.memory}'s initial ${memory.min * WASM_PAGE} bytes: instantiating the module traps`];
  });
}

/**
 * The exports of a command that wasm-ld wrapped (sections/call-wrappers.ts): their body calls
 * first what _start calls first, the constructors; what they all call last is the destructors.
 */
function commandExports(m: RawModule): ModuleInfo['commandExports'] {
  if (m.startFirstCall === null) return undefined;
  const wrapped = m.exports.filter((e) => e.kind === 'func' && e.name !== '_start' && m.callWrappers.get(e.index)?.first === m.startFirstCall);
  const dtors = new Set(wrapped.map((e) => m.callWrappers.get(e.index)!.last));
  if (wrapped.length === 0 || dtors.size !== 1) return undefined;
  return { exports: wrapped.map((e) => e.name), ctors: m.startFirstCall, dtors: [...dtors][0]! };
}

/**
 * The export a host calls right after instantiating, before anything else: a reactor's
 * `_initialize`, else the static constructors a module exports for its host to run
 * (`__wasm_call_ctors`: Emscripten's JS glue calls it first; without it C++'s std::cout and
 * every global object are unconstructed). A command's `_start` runs them itself: null.
 */
export function initExportOf(info: Pick<ModuleInfo, 'kind' | 'exports'>): string | null {
  if (info.kind === 'command') return null;
  for (const name of ['_initialize', '__wasm_call_ctors']) if (info.exports.some((e) => e.name === name && e.kind === 'func')) return name;
  return null;
}

function moduleKind(m: RawModule): ModuleKind {
  const isFuncExport = (name: string): boolean => m.exports.some((e) => e.kind === 'func' && e.name === name);
  if (isFuncExport('_start')) return 'command';
  if (isFuncExport('_initialize')) return 'reactor';
  return 'library';
}

function importInfo(m: RawModule, i: RawImport): ImportInfo {
  const base = { module: i.module, name: i.name, ...(i.wire ? { wire: i.wire } : {}) };
  switch (i.kind) {
    case 'func':
    case 'tag':
      return { ...base, kind: i.kind, type: m.types[i.typeIndex!]! };
    case 'table':
      return { ...base, kind: 'table', type: i.table! };
    case 'memory':
      return { ...base, kind: 'memory', type: i.memory! };
    case 'global':
      return { ...base, kind: 'global', type: i.global! };
  }
}

/** Kind and type of entity `index` in the `kind` index space (indices were checked when read). */
function entityType(m: RawModule, kind: ExternKind, index: number): ExternType {
  switch (kind) {
    case 'func': {
      const type = functionType(m, index);
      if (!type) throw new Error(`exported function ${index} has no type`);
      return { kind, type };
    }
    case 'table':
      return { kind, type: m.tables[index]! };
    case 'memory':
      return { kind, type: m.memories[index]! };
    case 'global': {
      const { type, mutable } = m.globals[index]!;
      return { kind, type: { type, mutable } };
    }
    case 'tag':
      return { kind, type: m.types[m.tags[index]!]! };
  }
}
