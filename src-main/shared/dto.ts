// Data shapes that cross a process or thread boundary. JSON-safe: no bigint, no class instances;
// wasm values as their bits (WasmValue), a sequence's 64-bit integers as decimal strings, bytes
// as Uint8Array (the transports encode them).

/** Wasm value types as written in signatures. */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

export type ExternKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

/** Limits in 64 KiB pages. `max` is null when the module declares none. */
export interface MemoryInfo {
  min: number;
  max: number | null;
  shared: boolean;
  memory64: boolean;
}

export interface TableInfo {
  element: string;
  min: number;
  max: number | null;
}

/** A function's (or an exception tag's) type. Text form: `formatSignature` in type-format.ts. */
export interface FuncType {
  params: ValType[];
  results: ValType[];
}

/** A global's type, as imports and exports carry it. */
export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export interface GlobalInfo extends GlobalType {
  /** The init expression as text, e.g. `i32.const 1048576`. */
  init: string;
  /** The initial value when the init expression is one constant (`f64.const …`, `ref.null func`), exact. */
  value?: WasmValue;
  name?: string;
}

/**
 * What an import or export is, its type as structure (the kind says which). Text for people
 * (`(i32, i32) -> i64`, `2..16 pages, shared`) is written only by shared/type-format.ts.
 */
export type ExternType =
  | { kind: 'func'; type: FuncType }
  | { kind: 'tag'; type: FuncType }
  | { kind: 'table'; type: TableInfo }
  | { kind: 'memory'; type: MemoryInfo }
  | { kind: 'global'; type: GlobalType };

/** How an import is satisfied when the module is instantiated. */
export type ImportBinding = 'wasi' | 'builtin' | 'stub' | 'default';

export type ImportInfo = ExternType & {
  module: string;
  name: string;
  /** Filled in by the runtime once it knows how it bound the import. */
  binding?: ImportBinding;
  /** The builtin's name when binding is 'builtin'. */
  builtin?: string;
  /**
   * The module's own module and name, when these are the names its Emscripten glue gives a
   * minified import (ModuleInfo.namesFrom): what instantiation binds.
   */
  wire?: { module: string; name: string };
};

export type ExportInfo = ExternType & {
  name: string;
  index: number;
  /**
   * 'i64': Emscripten legalised this export for a JavaScript host: its i32 result is the low
   * half of an i64 whose high half it passes to env.setTempRet0 (Memscope joins the two).
   */
  legalizedResult?: 'i64';
  /** The module's own (minified) name, when this is the name its Emscripten glue gives it. */
  wire?: string;
};

export interface DataSegmentInfo {
  index: number;
  mode: 'active' | 'passive';
  memory: number;
  /** Constant offset, or null when the offset is not a plain constant (e.g. global.get). */
  offset: number | null;
  /** The offset expression as text. */
  offsetExpr?: string;
  size: number;
  name?: string;
}

/** A static variable DWARF names: `table`, `drop::calls`, `r::COUNTER`; type and size null when DWARF does not say. */
export interface StaticVariable {
  name: string;
  address: number;
  size: number | null;
  type: string | null;
  /** The source file of its compile unit (`kv.c`, `libc-top-half/musl/src/stdio/stdout.c`, `r.rs`), null when unnamed. */
  unit: string | null;
  /** How its bytes read as one value (a base type, an enum or a pointer, through typedefs); absent for structs and arrays. */
  scalar?: StaticScalar;
  /** A C or C++ enum's enumerators, by value (decimal): what its number reads as (`RUNNING (2)`). */
  enumerators?: Enumerators;
  /** A struct's or array's parts (DWARF members and bounds), what names a byte inside it: `.y`, `[1][2]`, `.v.value`. */
  layout?: StaticLayout;
  /** A pointer's: what it points to (ModuleInfo.staticTypes), which names the bytes of a heap block it points at (`table[0].val`). */
  pointee?: number;
  /** A C function pointer, through typedefs (`op_fn`) as well: its value is a slot of table 0, not an address (shared/function-pointer.ts). */
  functionPointer?: true;
  /** A C++ reference (`int &`, `Node &&`), through typedefs (`using IntRef = int &`) as well: it reads as its address and the object it names (shared/static-follow.ts). */
  reference?: true;
  /**
   * Set when memory does not hold the value itself: an optimiser shrank a global that only ever
   * holds its initial value or one other to `size` bytes whose unsigned number x makes the
   * value `scale`·x + `offset` (clang -O1: `static int mode` set only to 5 is one byte, 0 or 1,
   * and reads 5·x). Its integer value reads and is set through that.
   */
  stored?: { scale: number; offset: number };
}

/**
 * A parameter or local variable DWARF places in its function's stack frame in linear memory
 * (clang and rustc without optimisation keep every variable there): typed as a static is, at
 * `offset` bytes from the frame base (`DW_OP_fbreg`).
 */
export interface FrameVariable extends Omit<StaticVariable, 'address' | 'unit' | 'stored'> {
  offset: number;
  parameter?: boolean;
  /** The code where it is in scope, [start, end) file offsets (its lexical block); absent: all of its function. */
  scope?: [number, number];
}

/**
 * A function whose frame base is one of its wasm locals (DW_AT_frame_base `DW_OP_WASM_location
 * 0x0 N`, the frame's stack pointer clang and rustc keep in a local) and the variables DWARF
 * places from it. Only code running in the function knows that local: write tracing passes it to
 * a watch's stop, whose frame's variables then read from memory (shared/frame-locals.ts).
 */
export interface FrameLocals {
  /** The function (imports counted). */
  funcIndex: number;
  /** The wasm local holding the frame base. */
  baseLocal: number;
  /**
   * Bytes the prologue took from the stack pointer to make the frame base (module/sections/
   * frame-size.ts), when it reads as LLVM's unoptimised one: the caller's frame base is this
   * function's plus it. Absent: frames outside this one cannot be placed.
   */
  frameSize?: number;
  variables: FrameVariable[];
}

/** A heap block typed by the static pointer `name` that points at it (HeapSummary.typedBlocks). */
export interface TypedBlock {
  address: number;
  size: number;
  /**
   * The pointer, as C names it: `table`, `table[0].key`, `head[0].next`; its block's elements are
   * `name[0]`, `name[1]`… For a node, the entry's name as its collection opens: `ages["ada"]`.
   */
  name: string;
  pointee: PointedType;
  /**
   * Set for the node of one entry of a standard collection (libc++'s map, set, their unordered
   * kinds, list, forward_list; Rust's LinkedList; heap/node-blocks.ts): where the entry, a
   * `pointee`, starts in the block (after the node's links in libc++'s, before them in Rust's).
   * Unset: the block is an array of `pointee` from its start.
   */
  node?: number;
}

/**
 * A type a static's pointer points to (ModuleInfo.staticTypes, by index): what names the bytes
 * of a heap block it points at. By index because types refer to themselves through pointers (a
 * list node's `next`). None for `void *` or a type of unknown size.
 */
export interface PointedType {
  type: string;
  /** Bytes from one pointed-to element to the next (`p[1]` is `size` past `p[0]`). */
  size: number;
  scalar?: StaticScalar;
  /** A C or C++ enum's enumerators, by value (decimal): what its number reads as (`RUNNING (2)`). */
  enumerators?: Enumerators;
  layout?: StaticLayout;
  /** When the type is itself a pointer (`char **`): what it points to, by index. */
  pointee?: number;
  /** A C function pointer, through typedefs (`op_fn`) as well: its value is a slot of table 0, not an address (shared/function-pointer.ts). */
  functionPointer?: true;
  /**
   * A C++ base class: the block may hold an object derived from it (libc++'s tree nodes behind
   * `__tree_end_node *`), so only its first element is named, not `p[1]` after it.
   */
  single?: boolean;
}

/** Enumerator names by their value as decimal text: `{ "0": "IDLE", "2": "RUNNING", "-1": "STOPPED" }`. */
export type Enumerators = Record<string, string>;

/** How a value's bytes read as one number. */
export type StaticScalar = 'unsigned' | 'signed' | 'float' | 'pointer';

/** A struct, class or union by its members (a C++ base class's members are its own), or an array by its elements. */
export type StaticLayout = StructLayout | ArrayLayout;

export interface StructLayout {
  kind: 'struct';
  /** In offset order; a union's all at 0. */
  fields: StaticField[];
  /** A Rust enum's variants: which one the bytes hold, and so what they are, depends on its discriminant. */
  variants?: Variants;
  /**
   * What it holds (ModuleInfo.staticTypes), when its members do not say: a collection's type
   * parameter (dwarf/std-layouts.ts lists which: hashbrown's RawTable<T>, libc++'s __tree<_Tp>,
   * Rust's Vec<T>…).
   */
  element?: number;
}

/**
 * A Rust enum's variants (DWARF's variant part): the discriminant's bytes, read as an unsigned
 * little-endian number, select the variant with that value, or the one with none (the variant
 * whose data holds the niche: `Some` of an `Option<&T>`, selected by any value but 0).
 */
export interface Variants {
  /** Bytes the enum takes. */
  size: number;
  /** Where the discriminant is from the enum's start: its own tag, or a field of a variant (a niche). */
  discr: { offset: number; size: number };
  cases: VariantCase[];
}

export interface VariantCase {
  /** `Some`, `Rect`. */
  name: string;
  /** The discriminant that selects it; null for the one any other value selects. */
  value: number | null;
  /** Its fields, at their offsets from the enum's start; null for a variant without any. */
  layout: StructLayout | null;
}

export interface StaticField {
  /** The member's name; '' for C11's anonymous struct or union, whose own members read as the outer one's. */
  name: string;
  /** Bytes from the start of the struct. */
  offset: number;
  size: number | null;
  /** As the source spells it; a bit field's with its width (`unsigned int : 3`). */
  type: string;
  scalar?: StaticScalar;
  /** A C or C++ enum's enumerators, by value (decimal): what its number reads as (`RUNNING (2)`). */
  enumerators?: Enumerators;
  /**
   * A bit field's bits: `width` bits from bit `shift` of the little-endian number the `size`
   * bytes at `offset` make (wasm lays bit fields from the least significant bit up).
   */
  bits?: { shift: number; width: number };
  layout?: StaticLayout;
  /** A pointer member's pointee, in ModuleInfo.staticTypes. */
  pointee?: number;
  /** A C function pointer, through typedefs (`op_fn`) as well: its value is a slot of table 0, not an address (shared/function-pointer.ts). */
  functionPointer?: true;
  /** A C++ reference (`int &`, `Node &&`), through typedefs (`using IntRef = int &`) as well: it reads as its address and the object it names (shared/static-follow.ts). */
  reference?: true;
}

export interface ArrayLayout {
  kind: 'array';
  /** Elements (the first dimension's, for `int[3][4]`: 3 of `int[4]`); null when DWARF gives none (`int x[]`). */
  count: number | null;
  /** Bytes from one element to the next. */
  stride: number;
  element: string;
  scalar?: StaticScalar;
  /** A C or C++ enum's enumerators, by value (decimal): what its number reads as (`RUNNING (2)`). */
  enumerators?: Enumerators;
  layout?: StaticLayout;
  /** Each element's pointee (ModuleInfo.staticTypes), when the elements are pointers. */
  pointee?: number;
  /** Each element a C function pointer, through typedefs (`op_fn`) as well: its value is a slot of table 0, not an address (shared/function-pointer.ts). */
  functionPointer?: true;
}

export interface CustomSectionInfo {
  name: string;
  /** Byte offset of the section's payload in the file. */
  offset: number;
  size: number;
}

export type Toolchain =
  | 'tinygo' | 'go' | 'rust' | 'c' | 'zig' | 'assemblyscript' | 'emscripten' | 'unknown';

export interface ToolchainGuess {
  name: Toolchain;
  /** Why we think so: "producers: processed-by clang 14.0.6", "import wasi_snapshot_preview1.fd_write", … */
  evidence: string[];
}

export type ModuleKind = 'command' | 'reactor' | 'library';

/** `declared`: a sequence's `allocator ALLOC [FREE]` line named the pair (alloc(size), free(ptr[, size])). */
export type AllocatorConvention =
  | 'malloc' | 'alloc' | 'allocate' | 'cabi_realloc' | 'assemblyscript' | 'wbindgen' | 'declared';

export interface AllocatorFunction {
  name: string;
  type: FuncType;
}

/** What `inspect` and the app's module panel say of a module with no allocator the host can call. */
export const NO_ALLOCATOR = { text: 'none exported', why: 'the host cannot place data in guest memory' } as const;

export interface AllocatorInfo {
  convention: AllocatorConvention;
  alloc: AllocatorFunction;
  free: AllocatorFunction | null;
  /** AssemblyScript: __pin / __unpin, which keep an object alive across calls. */
  pin?: AllocatorFunction;
  unpin?: AllocatorFunction;
}

export interface NameSection {
  module?: string;
  /** Function index (imports first) → name. */
  functions: Record<number, string>;
  locals?: Record<number, Record<number, string>>;
  globals?: Record<number, string>;
  data?: Record<number, string>;
}

export interface ProducerEntry {
  name: string;
  version: string;
}

/**
 * A function a module registered at instantiation rather than exported (embind's, by the name
 * JavaScript calls it: `add`, `Counter`, `Counter.increment`), which a sequence calls by name.
 */
export interface RegisteredFunction {
  name: string;
  /** Its C++ signature as the registration gives it: `int (int, int)`. */
  signature: string;
  /** The wasm type a sequence calls it by. */
  type: FuncType;
}

/** One element segment's run of table-0 slots from `slot`: each a function index, or null (`ref.null`, or an element only run time knows). */
export interface TableFunctions {
  slot: number;
  functions: (number | null)[];
}

/** Everything `memscope inspect` knows about a module. */
export interface ModuleInfo {
  size: number;
  kind: ModuleKind;
  toolchain: ToolchainGuess;
  allocator: AllocatorInfo | null;
  /**
   * No convention matched, but exports are named and typed like an allocator (alloc_buf and
   * free_buf): what `memscope new` names with an `allocator` line (convention `declared`).
   */
  allocatorGuess?: AllocatorInfo;
  imports: ImportInfo[];
  exports: ExportInfo[];
  /** Number of functions defined in the module (not imported). */
  functionCount: number;
  tables: TableInfo[];
  memories: MemoryInfo[];
  globals: GlobalInfo[];
  start: number | null;
  elementSegments: number;
  dataCount: number | null;
  /** Body size in bytes of each defined function, in order. */
  codeSizes: number[];
  dataSegments: DataSegmentInfo[];
  customSections: CustomSectionInfo[];
  names: NameSection | null;
  /** producers section: field (language, processed-by, sdk) → entries. */
  producers: Record<string, ProducerEntry[]>;
  /** target_features: "+bulk-memory", "-simd128", … */
  targetFeatures: string[];
  /** Names of DWARF custom sections present (.debug_info, …). */
  dwarf: string[];
  /**
   * Variables at fixed addresses in linear memory that DWARF names (C/C++ globals and function
   * statics, Rust statics), in address order; absent when the module has no .debug_info.
   */
  statics?: StaticVariable[];
  /** The types the statics' pointers point to (`pointee` indices), from the same DWARF. */
  staticTypes?: PointedType[];
  /** Functions whose variables DWARF places in their stack frame (FrameLocals), by function index; pointees index staticTypes. */
  frameLocals?: FrameLocals[];
  /**
   * The functions table 0 holds once instantiated, as its active element segments at a constant
   * offset place them, in order (a later one overwrites an earlier one's slots): what a C function
   * pointer's value, a slot, names (shared/function-pointer.ts). Absent when none fills table 0.
   */
  tableFunctions?: TableFunctions[];
  /** Problems that do not make the module invalid (a malformed custom section, ignored). */
  warnings?: string[];
  /** The Emscripten glue file whose names replaced the module's minified ones (`greet.js`). */
  namesFrom?: string;
  /**
   * A WASI command's exports (not _start) that wasm-ld wrapped to run the program's constructors
   * before and its destructors after every call, as _start does around main; by function index.
   */
  commandExports?: { exports: string[]; ctors: number; dtors: number };
}

// ---------------------------------------------------------------------------------------------
// Errors: every boundary carries errors as values.

export type ErrorCode =
  | 'malformed-module' // our reader or V8 rejected the bytes
  | 'unsupported' // a valid module uses what Memscope's WebAssembly engine does not run or its reader does not follow (memory64, multi-memory, relaxed SIMD, exnref, extended-const, GC types, a component)
  | 'link-error' // instantiation failed (strict imports, bad import types)
  | 'trap' // the guest trapped
  | 'timeout' // a call, or Memscope's capture after a step, ran past its time limit; the worker was terminated
  | 'stopped' // the user asked to stop; the worker was terminated
  | 'exit' // the guest called proc_exit with a non-zero code
  | 'out-of-bounds' // a host-side memory access outside linear memory
  | 'memory-cap' // the guest tried to grow memory past the configured cap
  | 'parse-error' // a sequence line is not valid
  | 'expect-failed' // an `expect` step did not hold
  | 'heap-problem' // a host free of a block that is not live (double or invalid free), refused
  | 'replay-diverged' // stepping back replayed a step and it came out differently (clock, random, files)
  | 'watchpoint' // a `watch … stop` range was written: the guest call ended right after the write
  | 'eval-error' // a sequence expression could not be evaluated (unknown name, division by zero)
  | 'no-such-export'
  | 'no-module' // a request needs a loaded module
  | 'terminated' // the session's worker is gone; reset to continue
  | 'busy' // an edit sent "only when idle" (a typing pause) came while a request ran or queued, or before the page saw the session's last step: sent again later
  | 'cannot-step' // the session refuses to run a step now (every step ran, none yet, one running, the guest exited): whyCannotStep
  | 'usage' // a request or command line is not valid
  | 'io' // a file could not be read or written
  | 'malformed-snapshot' // a sparse snapshot file (.msnap) is not valid; `where.offset` says where
  | 'internal'; // our bug

/** Where an error happened: a file position, a byte offset in a module, or both. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** Byte offset in a module binary. */
  offset?: number;
  section?: string;
  /** The source line, for carets. */
  source?: string;
  /** Length of the span to underline. */
  length?: number;
}

/** One frame of a guest call stack, innermost first. */
export interface GuestFrame {
  funcIndex: number | null;
  name: string;
  /** Byte offset in the module, when V8 reports it. */
  offset?: number;
  /** The source line of that byte, when the module's DWARF has a line table (built with -g). */
  source?: SourceLine;
}

/** A place in the guest's source, from DWARF's line table: `file` as the table names it (relative or absolute). */
export interface SourceLine {
  file: string;
  line: number;
  /** 0 when the table gives no column. */
  column: number;
}

export interface MemscopeError {
  code: ErrorCode;
  message: string;
  where?: ErrorLocation;
  /** Guest stack for traps, named from the `name` section. */
  stack?: GuestFrame[];
  /**
   * Set when the stack was deeper than V8 records (Error.stackTraceLimit frames, host frames
   * included): `stack` is its innermost frames only, and this is how many V8 kept.
   */
  stackCut?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: MemscopeError };

// ---------------------------------------------------------------------------------------------
// Calls and what they did.

/**
 * One wasm value (a call's argument or result) as data: its type and its bit pattern, never a
 * JS number or bigint, so it crosses structured clone (the worker, Electron IPC) and JSON (the
 * web shell's WebSocket, `run --json`, snapshot manifests) unchanged. JSON has no bigint, NaN,
 * Infinity or -0, and a NaN's payload does not survive every JS number store; bits do.
 *   i32, f32   bits: the 32 bits as an unsigned integer, 0..2^32-1 (a JSON-safe number)
 *   i64, f64   bits: the 64 bits as 16 lowercase hex digits ("ffffffffffffffff" is i64 -1)
 *   v128       bits: the 128 bits as 32 hex digits, most significant first
 *   funcref    the function's index in the module's function space, or null (ref.null)
 *   externref  whether it is null (a host object has no stable form to send)
 * Text for people: formatValue in shared/value-format.ts, the one formatter.
 */
export type WasmValue =
  | { type: 'i32' | 'f32'; bits: number }
  | { type: 'i64' | 'f64' | 'v128'; bits: string }
  | { type: 'funcref'; func: number | null }
  | { type: 'externref'; isNull: boolean };

/**
 * A value as it crossed a host→guest call: a wasm value, or a JavaScript value a Go js.FuncOf
 * function took or returned (Go's functions take and return JavaScript values, not wasm ones),
 * as it reads: `"ann"`, `3`, `true`, `Array(2)`.
 */
export type CallValue = WasmValue | { type: 'js'; text: string };

/** A guest→host import call, recorded while a host→guest call runs. */
export interface ImportCallRecord {
  module: string;
  name: string;
  binding: ImportBinding;
  /** The wasm arguments as the guest passed them (text: formatValue; the summary words them). */
  args: WasmValue[];
  /** Decoded, human readable: `fd_write(fd=1, "hello\n") → 6 bytes`. */
  summary: string;
  /** Decoded fields: text written, path opened, clock id, … */
  detail?: Record<string, string | number>;
  /** WASI calls: errno number and name ("success", "badf", …). */
  errno?: number;
  errnoName?: string;
  /** The wasm results the host returned (a WASI call's errno). */
  results: WasmValue[];
  durationMs: number;
  /** Memory ranges [start, end) this call read or wrote, for "jump to memory". */
  touched?: [number, number][];
  /** The guest's stack pointer when it made this call (how deep its calls were nested). */
  stackPointer?: number;
  /**
   * How many import calls this one ran inside (absent: none). An import can run guest code that
   * makes import calls of its own: Go's fs.write calls Go back through resume(), Emscripten's
   * invoke_* runs a table function; those calls are 1 deep, theirs 2, and so on.
   */
  within?: number;
}

/** A host→guest export call. Exactly one closing record per call: results or error. */
/** How the CLI and the call log title the call instantiation made (it has no sequence line). */
export function initCallTitle(call: Pick<CallRecord, 'export'>): string {
  return call.export === '__wasm_call_ctors'
    ? "instantiation: the module's __wasm_call_ctors (its static constructors, run first as Emscripten's glue runs them)"
    : `instantiation: the module's ${call.export}`;
}

export interface CallRecord {
  export: string;
  /** As the guest received them (converted to the export's parameter types). */
  args: CallValue[];
  results: CallValue[];
  durationMs: number;
  imports: ImportCallRecord[];
  /** Import calls past this many are counted, not kept. */
  importsDropped?: number;
  error?: MemscopeError;
}

/** Memory growth during a step, in pages. */
export interface GrowthInfo {
  fromPages: number;
  toPages: number;
  /** With write tracing: the memory.grow that did it, as `function+0xoffset`. */
  by?: string;
}

/**
 * Who wrote bytes [start, end) of a step's changes (write tracing on): a guest function (its
 * name from the name section, else `func[index]`) and the instruction's byte offset from the
 * start of that function's body, or `host` (the sequence) or the import that wrote (`wasi:fd_read`, `env:emscripten_memcpy_big`,
 * `go:runtime.getRandomData`) with offset 0.
 * Coalesced: adjacent bytes with the same writer and offset are one record.
 */
export interface WriteRecord {
  start: number;
  end: number;
  function: string;
  offset: number;
  /** The writing instruction's source line, when the module's DWARF has a line table. */
  source?: SourceLine;
}

/** One write to a watched range: the bytes of the range it covered, before and after. */
export interface WatchHit {
  /** The watch's name. */
  name: string;
  address: number;
  size: number;
  /** Hex bytes in memory order after the write ("2a 00 00 00"), and before it. */
  value: string;
  old: string;
  function: string;
  offset: number;
  source?: SourceLine;
  /** The writing function's frame, when DWARF places its variables from a frame base: what reads the bytes as its variables (shared/frame-locals.ts). */
  frame?: WriterFrame;
  /** Made by the same write as the hit before it (one write over several watches): one stop, passed once. */
  sameWrite?: boolean;
}

/** Where a guest function was when it wrote: what its frame's variables are placed from. */
export interface WriterFrame {
  /** The function (imports counted), as FrameLocals.funcIndex. */
  funcIndex: number;
  /** Its frame base then (FrameLocals.baseLocal's value). */
  base: number;
  /** The writing instruction's byte offset in the module: which of its variables are in scope. */
  at: number;
}

/**
 * A watched range of linear memory (a debugger's data breakpoint): every write to
 * [address, address + size) is recorded in the step's watchHits; with `stop`, the first one
 * ends the guest call right after the write (the step fails with code 'watchpoint').
 */
export interface WatchSpec {
  name: string;
  address: number;
  size: number;
  stop: boolean;
  /**
   * A watch for the rest of a paused call (a local of its frame, or a static the app watches till
   * its line after the call acts): the step (0-based) paused in. On the stack, it ends when the
   * function whose frame holds it returns: a function entered with the stack pointer above it
   * says so, inside the step's call too (StepRecord.watchesEnded); and the session takes any off
   * once it is no longer paused in that step (the call returned, or it went back). Later calls reuse the frame's bytes for their own variables, as gdb ends a local's watchpoint.
   */
  frameStep?: number;
}

export type RegionKind = 'alloc' | 'struct' | 'text' | 'bytes' | 'value' | 'write';

/** A named span of linear memory the sequence created or touched. */
export interface Region {
  id: number;
  name: string;
  kind: RegionKind;
  start: number;
  size: number;
  /** Alloc regions: live until the matching free. */
  freed: boolean;
  /** Step index that created it, and that freed it. */
  createdStep: number;
  freedStep?: number;
  /** e.g. `{ptr: u32, len: u32}` or `utf8`. */
  type?: string;
}

export type RegionAction = 'created' | 'read' | 'written' | 'freed';

export interface RegionEvent {
  region: number;
  action: RegionAction;
}

/**
 * A value bound by a sequence step. Integers are decimal strings (exact for 64-bit);
 * the CLI's JSON output turns safe ones into numbers.
 */
export type BoundValue =
  /** `bits`: the wasm result it came from (i32 32, i64 64), bound unsigned; its signed reading is shown beside it. */
  | { kind: 'int'; value: string; bits?: 32 | 64 }
  /**
   * `bits`: 32 when it came from an f32 (an f32 result, `read f32`, an f32 field): `value` is its
   * exact f64 widening, printed in the fewest digits that read back as the f32 (float32Text).
   */
  | { kind: 'float'; value: number; bits?: 32 }
  | { kind: 'text'; value: string; encoding: 'utf8' | 'utf16'; address: number; byteLength: number }
  | { kind: 'bytes'; hex: string; address: number }
  | { kind: 'struct'; type: string; address: number; size: number; fields: Record<string, BoundValue> }
  | { kind: 'tuple'; items: BoundValue[] }
  /**
   * A JavaScript value a Go js.FuncOf function returned that is no number (numbers bind as int
   * or float): a string is `value` itself, anything else reads as `value` (`true`, `null`,
   * `Array(2)`). It lives in no guest memory, so it has no address.
   */
  | { kind: 'js'; type: 'string' | 'boolean' | 'null' | 'undefined' | 'object' | 'function' | 'other'; value: string };

// ---------------------------------------------------------------------------------------------
// The heap: blocks the allocator handed out, who owns them, and what went wrong.

export type HeapOwner = 'host' | 'guest';

/** One heap block: payload address and the usable size the allocator gave. */
export interface HeapBlock {
  address: number;
  size: number;
  /** host: an allocator call in the sequence; guest: allocated inside a host call. */
  owner: HeapOwner;
  /** Step index and 1-based line that allocated it; null for blocks live before the first step. */
  step: number | null;
  line: number | null;
  /** The export whose call allocated it (`malloc`, `greeting`), when known. */
  by?: string;
  /** What it holds, when the host knows (an uncaught C++ throw's exception object): BlockNote. */
  holds?: string;
}

/** What the host learnt a block holds: the live block that contains `address` holds `holds`. */
export interface BlockNote {
  address: number;
  holds: string;
}

/**
 * A block a step's walk found released: the block as allocated, who freed it (`freedBy`), and
 * `freedLine`, the 1-based line of the free, only when that is not the step it is listed under:
 * the first walk that succeeds after failed ones finds every block freed while they failed, and
 * a host free among those keeps its own line (the guest's frees there have none known).
 */
export type FreedBlock = HeapBlock & { freedBy: HeapOwner; freedLine?: number };

/**
 * A live block resized where it is (a realloc that grew or shrank it in place: pointers to it
 * stay valid): the block as allocated with its new `size`, its size before (`from`), and the
 * export the host called in that step (`resizedIn`), when known.
 */
export type ResizedBlock = HeapBlock & { from: number; resizedIn?: string };

export type HeapProblemKind = 'leak' | 'double-free' | 'invalid-free' | 'use-after-free' | 'heap-overflow' | 'double-alloc';

export interface HeapProblem {
  kind: HeapProblemKind;
  address: number;
  message: string;
}

/** What one step did to the heap (diffed from the walks before and after it). */
export interface StepHeap {
  allocated: HeapBlock[];
  /** Blocks released in this step, as they were allocated, with who freed them (FreedBlock). */
  freed: FreedBlock[];
  problems: HeapProblem[];
  /** Set when the walk after this step did not succeed: `corrupt: chunk at 0x… …`. */
  walk?: string;
  /** Live blocks whose size changed at the same address in this step (a realloc in place), when any. */
  resized?: ResizedBlock[];
}

/** A band of the memory map (static data, stack, heap, never-used space). */
export interface MemoryBand {
  start: number;
  end: number;
  kind: 'data' | 'bss' | 'stack' | 'stack-used' | 'heap' | 'heap-unused' | 'unused';
  label: string;
}

/** The heap as a whole at one moment: the allocator, the map and the live blocks. */
export interface HeapSummary {
  /** Human name of the allocator ("dlmalloc (wasi-libc)"), null when none is known. */
  allocator: string | null;
  /** The walker that read it (dlmalloc, emmalloc, tlsf, tinygo), null when none applies. */
  walker: string | null;
  status: 'ok' | 'empty' | 'not-recognised' | 'corrupt';
  reason?: string;
  /**
   * Why the leaks cannot be known, when the walk failed after the sequence's steps began: the
   * ledger sees no block allocated since (heap-tracker.ts), so `leaks` and `stillReachable` hold
   * only blocks from before the failure, and an empty list would read as "no leaks".
   */
  leaksUnknown?: string;
  live: HeapBlock[];
  /**
   * Live blocks that are leaks if the sequence ends now: allocated during it (step not null) and,
   * when `collects`, still held by the host (see `collects`).
   */
  leaks: HeapBlock[];
  /**
   * The allocator is a garbage collector's (AssemblyScript, TinyGo): it frees the guest's blocks,
   * and those the host let go of (free, __unpin), at its next collection, so only blocks the host
   * still holds can leak; the others stay live in the walk until then.
   */
  collects?: true;
  /**
   * Asked for with the summary (the CLI's, at the end): the leaks and still reachable blocks
   * guest memory still points to, each as [its address, the address of a word pointing to it]
   * (memory/heap/pointed-to.ts).
   */
  pointedTo?: [number, number][];
  /**
   * Of those, the blocks no word points to at their start, only inside: [its address, where
   * inside the word in pointedTo points]. Such a word in memory still in use keeps the block
   * (a Rust HashMap in a static points into its table, past its buckets); one inside another
   * leak keeps nothing.
   */
  pointedInto?: [number, number][];
  /**
   * Of the words in pointedTo, those inside a static variable DWARF names (ModuleInfo.statics),
   * each with the name, start address and type of the variable, or of its innermost member or
   * element holding the word when DWARF lays it out (`calls::none[0]`, `cache.head`).
   */
  pointedFromStatic?: { from: number; name: string; address: number; type: string | null }[];
  /**
   * Live blocks a pointer in a static variable points at, at their start, typed by what DWARF
   * says the pointer points to: `pair *table` makes its block an array of pair, whose bytes read
   * `table[0].val`. The program's own statics are looked at first; a block keeps the first name.
   */
  typedBlocks?: TypedBlock[];
  /**
   * Found by the same scan: blocks allocated during the sequence and still live that memory
   * still in use points to (static data, a live block: Valgrind's "still reachable"), kept
   * maybe on purpose, as wasi-libc and Rust's std keep what they allocate for the process.
   * Not among `leaks`, and not counted by `expect no leaks` either.
   */
  stillReachable?: HeapBlock[];
  map: MemoryBand[];
  /** The stack pointer's current value, when the module has one. */
  stackPointer: number | null;
  /** Free chunks and allocator headers, for tinting the grid: [start, end). */
  free: [number, number][];
  headers: [number, number][];
}

/**
 * The keys of a step record (and its calls) that hold measured times: the only parts that
 * differ between two runs of the same step, left out wherever runs are compared.
 */
export const TIMING_KEYS: ReadonlySet<string> = new Set(['durationMs', 'captureMs']);

/** The WebAssembly page, 64 KiB: the unit of memory sizes, memory.grow and page maps. */
export const WASM_PAGE = 65536;

/**
 * The most bytes one readMemory request (or a run's window) may ask for: 1 MiB. The shells
 * refuse a longer one; a reader of more (search, diff) asks in parts of at most this.
 */
export const MAX_READ_BYTES = 1 << 20;

/** What one step of a sequence did. */
/**
 * More exact ranges than this in one step and the step lists the runs of changed 4 KiB blocks
 * instead (StepRecord.changesCoarse): it bounds a record. Set by the change tracker, named by
 * every text that says a step was too scattered to keep exactly.
 */
export const MAX_EXACT_RANGES = 1024;

export interface StepRecord {
  /** 0-based position among the sequence's steps. */
  index: number;
  /** 1-based line in the sequence file. */
  line: number;
  source: string;
  ok: boolean;
  error?: MemscopeError;
  calls: CallRecord[];
  /** Names this step bound. */
  bound: Record<string, BoundValue>;
  /** Exact changed byte ranges, [start, end), coalesced, sorted (block runs when changesCoarse). */
  changes: [number, number][];
  changedBytes: number;
  /**
   * The step changed bytes in more than MAX_EXACT_RANGES separate ranges: `changes` lists the
   * runs of changed 4 KiB blocks instead; changedBytes is still exact.
   */
  changesCoarse?: true;
  grew?: GrowthInfo;
  regionEvents: RegionEvent[];
  /** The step's own work: the executor and guest code, up to when the guest returned. */
  durationMs: number;
  /**
   * Memscope's bookkeeping after the guest returned, in milliseconds: the change capture, the
   * heap walk and write tracing's records. Not part of durationMs nor of the step's time limit;
   * it has its own budget (SessionConfig.captureLimitMs). Absent when the step captured nothing
   * (recording off, or a step that cannot change memory).
   */
  captureMs?: number;
  /** Memory size in bytes after the step. */
  memorySize: number;
  /**
   * The step's worker was ended (Stop, its time limit, the memory cap) after its guest code
   * began this many import calls: their records, and its calls', ended with the worker.
   * Absent when none were made or calls are not recorded.
   */
  importsBeforeEnd?: number;
  /** The guest called proc_exit during this step. */
  exitCode?: number;
  /** Heap blocks allocated and freed, and problems found, when the module's heap is walked. */
  heap?: StepHeap;
  /** The stack pointer after the step, when the module has one. */
  stackPointer?: number;
  /** With write tracing: the writers of `changes`, sorted by address. */
  writes?: WriteRecord[];
  /** Write records past the per-step limit, counted, not kept. */
  writesDropped?: number;
  /** Writes to watched ranges during this step, in the order they happened (the first 1,000, and every hit of a stopping watch). */
  watchHits?: WatchHit[];
  /** Watch hits past the per-step limit, counted, not kept. */
  watchHitsDropped?: number;
  /**
   * The heap blocks holding this step's watch hits that a static's pointer types after it
   * (HeapSummary.typedBlocks, but for the collections' nodes): what reads a hit in one as
   * `table[0].val = 0x10690, was 0` (shared/write-format.ts).
   */
  hitBlocks?: TypedBlock[];
  /**
   * The live watches on a paused call's frame (WatchSpec.frameStep) that ended in this run of the
   * step: a function was entered with the stack pointer above them, so the function whose locals
   * they watched had returned. A run of the step again (going on after a stop) ends them again.
   */
  watchesEnded?: string[];
  /**
   * Go js/wasm: the functions the module's Go code has set on the JavaScript global object with
   * js.FuncOf after this step (steps call them by name), when this step changed them.
   */
  goFunctions?: string[];
}

export type StreamName = 'stdout' | 'stderr';

export interface OutputChunk {
  stream: StreamName;
  bytes: Uint8Array;
  /**
   * Set on a marker chunk (bytes empty): this many bytes of the stream were not sent to this
   * viewer because it could not keep up. The guest was not slowed and nothing else was lost.
   */
  omitted?: number;
  /** With `omitted`: those bytes are the session's oldest output, beyond what it keeps for a view (output-log.ts). */
  notKept?: true;
}

/** Why a session's worker is gone. */
export interface TerminationInfo {
  reason: 'timeout' | 'stopped' | 'crashed' | 'memory-cap';
  message: string;
  /** The step that was running, if any. */
  step?: number;
}

// ---------------------------------------------------------------------------------------------
// Snapshots.

/** The JSON manifest inside a sparse memory snapshot (.msnap), describing where it came from. */
export interface SnapshotManifest {
  format: 'memscope-snapshot';
  version: 1;
  moduleName: string;
  /** Lowercase hex SHA-256 of the module binary. */
  moduleSha256: string;
  /** The step whose memory this is (-1: before the first step). */
  step: number;
  /** 1-based sequence line and source text of that step, when there is one. */
  line?: number;
  source?: string;
  /** The label of a `snapshot "label"` step, or one the user gave. */
  label?: string;
  memorySize: number;
  /** Size of the stored blocks in bytes. */
  blockSize: number;
  regions: Region[];
  bindings: Record<string, BoundValue>;
  /** The call log: every step record up to and including `step`. */
  steps: StepRecord[];
  /** ISO 8601. */
  createdAt: string;
}

/** Where a session is; the engine session owns it, the shells relay it. */
export type SessionState =
  | 'ready' // loaded, no step run yet (or after reset)
  | 'running' // a step or run is in progress
  | 'paused' // some steps ran, more remain
  | 'done' // every step ran
  | 'failed' // a step failed; the instance stays inspectable
  | 'terminated' // the worker was stopped (timeout, stop, crash); memory is the last image captured
  | 'read-only'; // a memory image (coredump or saved snapshot): nothing runs, memory is only read

/**
 * How far a replay has come (stepping back, reverse continue, write tracing switched, watches
 * set): `step` of the `of` steps it runs again in a fresh worker are done. While it runs the
 * state is 'running' and the session's steps are in between, so this is all a page is told.
 */
export interface ReplayProgress {
  step: number;
  of: number;
}

// ---------------------------------------------------------------------------------------------
// Bookmarks: named, coloured byte ranges, kept in the sequence as `bookmark "name" @ ADDR [N] colour`.

export const BOOKMARK_COLOURS = ['blue', 'green', 'orange', 'pink', 'purple'] as const;
export type BookmarkColour = (typeof BOOKMARK_COLOURS)[number];

export interface Bookmark {
  name: string;
  start: number;
  size: number;
  colour: BookmarkColour;
}

// ---------------------------------------------------------------------------------------------
// Memory images opened read-only: a Wasm coredump or a saved snapshot, viewed like a session.

/** One frame of a coredump's stack, innermost first. */
export interface ImageFrame {
  instance: number;
  funcIndex: number;
  /** From the name section of the module given beside the dump; `wasm-function[i]` without one. */
  name: string;
  /** Offset of the instruction from the start of the function's body. */
  codeOffset: number;
}

export interface ImageGlobal {
  /** The module's global index (as the instance lists them). */
  index: number;
  name?: string;
  mutable: boolean;
  /** Its value as the dump holds it, exact (its type is the value's, but for refType's). */
  value: WasmValue;
  /**
   * A null reference of a type WasmValue cannot name (wasmtime's anyref, 0x6e), which `value`'s
   * externref or funcref null stands in for: the type to show. Absent for every other type.
   */
  refType?: string;
}

/** What a read-only memory image is and where its memory came from. */
export interface MemoryImageInfo {
  kind: 'coredump' | 'snapshot' | 'raw';
  fileName: string;
  /** Where the memory came from, one line ("return-string.wasm, after step 5 (line 24: …)"). */
  origin: string;
  /** Why stepping, writing and editing are off, shown as it is. */
  readOnly: string;
  /** The module whose name section names the frames and globals; null when none was given. */
  namesFrom: string | null;
  threads: { name: string; frames: ImageFrame[] }[];
  globals: ImageGlobal[];
}
