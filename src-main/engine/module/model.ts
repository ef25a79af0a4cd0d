// The reader's internal model of a module: what the sections say, before the derived facts
// (kind, toolchain, allocator) are worked out for ModuleInfo.

import type { ExternKind, FuncType, GlobalType, MemoryInfo, ModuleInfo, TableFunctions, TableInfo } from '../../shared/dto.ts';

export interface RawImport {
  module: string;
  name: string;
  kind: ExternKind;
  /** Functions and tags: the type index. */
  typeIndex?: number;
  table?: TableInfo;
  memory?: MemoryInfo;
  global?: GlobalType;
  /** The module's own module and name when a glue file renamed it (emscripten-glue.ts). */
  wire?: { module: string; name: string };
}

export interface RawExport {
  name: string;
  kind: ExternKind;
  index: number;
  /** The module's own name when a glue file renamed it (emscripten-glue.ts). */
  wire?: string;
}

/** Where a section sits in the file, for mapping V8's byte offsets to a section name. */
export interface SectionSpan {
  name: string;
  /** Offset of the section id byte. */
  start: number;
  /** Offset just past the section's payload. */
  end: number;
}

/**
 * The fields the reader fills exactly as ModuleInfo carries them (see dto.ts). Tables, memories
 * and globals are index spaces, imports first (so index 0 is the first imported memory, if any).
 */
type SectionFacts = Pick<ModuleInfo,
  | 'size' | 'tables' | 'memories' | 'globals' | 'start' | 'elementSegments' | 'dataCount'
  | 'codeSizes' | 'dataSegments' | 'customSections' | 'names' | 'producers' | 'targetFeatures' | 'dwarf' | 'statics' | 'staticTypes' | 'frameLocals'>;

export interface RawModule extends SectionFacts {
  types: FuncType[];
  imports: RawImport[];
  /** Type index of each defined function, in order. */
  functionTypes: number[];
  /** Type index of every tag, imports first. */
  tags: number[];
  /** Type index of each imported function, in import order (function indices 0..n-1). */
  importFuncTypes: number[];
  exports: RawExport[];
  /**
   * File offset of each defined function's body, just past its size field (where its locals
   * begin): what a code offset "relative to the function's start" counts from, as wasmtime's
   * FrameInfo::func_offset and the coredump convention do.
   */
  codeStarts: number[];
  /** Exported functions (by index) whose body only calls `first`, passes through, then calls `last` (sections/call-wrappers.ts). */
  callWrappers: Map<number, { first: number; last: number }>;
  /** The function _start calls first (a command's constructors), when its body begins with a call. */
  startFirstCall: number | null;
  /** File offset of each data segment's bytes (past its size field). */
  dataStarts: number[];
  /** The active element segments of table 0 at a constant offset, in order (ModuleInfo.tableFunctions; sections/segments.ts). */
  tableFunctions: TableFunctions[];
  sections: SectionSpan[];
  /** Problems in custom sections, which engines ignore (they never make a module invalid). */
  warnings: string[];
  /** Toolchain marker texts found in data segments (see sections/segments.ts). */
  dataMarkers: string[];
}

export function emptyModule(size: number): RawModule {
  return {
    size, types: [], imports: [], functionTypes: [], tables: [], memories: [], globals: [],
    tags: [], importFuncTypes: [], exports: [], codeStarts: [], callWrappers: new Map(), startFirstCall: null, dataStarts: [], tableFunctions: [], start: null, elementSegments: 0,
    dataCount: null, codeSizes: [], dataSegments: [], customSections: [], names: null,
    producers: {}, targetFeatures: [], dwarf: [], sections: [], warnings: [], dataMarkers: [],
  };
}

/** The type of function `index` (imports first), or undefined when out of range. */
export function functionType(m: RawModule, index: number): FuncType | undefined {
  const imported = m.importFuncTypes.length;
  const t = index < imported ? m.importFuncTypes[index] : m.functionTypes[index - imported];
  return t === undefined ? undefined : m.types[t];
}
