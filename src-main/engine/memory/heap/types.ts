// What a heap walk reports and what it needs to know about the module; shared by the walkers,
// the memory map and the ownership ledger.

import type { PointedType, StaticVariable } from '../../../shared/dto.ts';
import type { BlockList } from './block-list.ts';

/** Which heap layout a walker reads. */
export type WalkerName = 'dlmalloc' | 'emmalloc' | 'tlsf' | 'tinygo';

/**
 * Facts about a module that decide how its heap is found, worked out once from ModuleInfo
 * (heap-facts.ts). Addresses are null when the module does not say.
 */
export interface HeapFacts {
  /** The allocator family the toolchain links by default, or null when none is known. */
  walker: WalkerName | null;
  /** Human name of the allocator, for the map and the CLI: "dlmalloc (wasi-libc)". */
  allocator: string | null;
  /** Why no walker applies (when walker is null), or, with byShape, why the walk may find nothing. */
  reason?: string;
  /** Lowest and highest address of static data (active segments with constant offsets). */
  dataStart: number | null;
  dataEnd: number | null;
  /** True when dataEnd is `__data_end` (with .bss), false when it is only the last segment's end. */
  dataEndExact: boolean;
  /** `__heap_base`: from its export or global name, or the toolchain's layout rule. */
  heapBase: number | null;
  /** Why heapBase is null when the module has clues but they do not settle it. */
  heapBaseReason?: string;
  /**
   * AssemblyScript without a shadow stack (minimal and stub runtimes): `__rtti_base`, the last
   * static data asc lays out. heapBase is then only the last data segment's end (binaryen trims
   * trailing zeros from segments); the TLSF walker reads the RTTI's length from memory instead.
   */
  rttiBase?: number;
  /** The stack: its pointer global, the initial value, and the range it grows down in. */
  stackPointer: { global: number; name: string; initial: number } | null;
  stackLow: number | null;
  /**
   * TinyGo 0.34+ builds wasm with its precise GC, which keeps a layout word in the first 16
   * bytes of every object: the pointer a program sees is 16 bytes past the block.
   */
  objectOffset?: number;
  /**
   * dlmalloc built with USE_LOCKS (Emscripten with -pthread): its malloc_state holds a
   * pthread_mutex_t (24 bytes) before its segment record.
   */
  locked?: boolean;
  /**
   * The Rust `dlmalloc` crate (std's allocator on wasm32-unknown-unknown), not wasi-libc's C
   * dlmalloc: its state is a Rust static with the port's field order (dlmalloc.ts RUST_STATE)
   * and never the C state `_gm_`. Set from the module's toolchain and imports (heap-facts.ts).
   */
  rustCrate?: boolean;
  /**
   * Where dlmalloc's state is, when DWARF names it (wasi-libc's `_gm_`; `clang -O2` keeps libc's
   * debug info when wasm-opt drops the names). It is all zero until the first malloc, which
   * tells an unset heap apart where __heap_base is not known (clang-22's stack-first layout).
   */
  stateAt?: number;
  /**
   * Emscripten without function names: dlmalloc is assumed (the default), but nothing tells
   * emmalloc apart, so when no dlmalloc state is found the emmalloc walk is tried (walk.ts) and
   * the heap tracker switches to the walker whose walk succeeded.
   */
  orEmmalloc?: boolean;
  /**
   * A stripped module importing WASI: wasi-libc's dlmalloc is tried by its state's shape alone,
   * and a walk that finds none adds `reason` (nothing names the toolchain) to its own.
   */
  byShape?: boolean;
  /** Named data segments for the memory map. */
  segments: { name: string; start: number; end: number }[];
  /** Static variables DWARF names, in address order (ModuleInfo.statics; empty without debug info). */
  statics: StaticVariable[];
  /** The types their pointers point to (ModuleInfo.staticTypes), by the index a pointer carries. */
  staticTypes: PointedType[];
}

/**
 * The outcome of one walk. `ok`: every block was accounted for. `empty`: the allocator has not
 * set up its heap yet (nothing allocated). `not-recognised`: the bytes do not look like this
 * allocator's heap (reason says which check failed); `corrupt`: the walk started but a header
 * broke the allocator's own rules (reason names the address), as after a double free.
 */
export interface HeapWalk {
  status: 'ok' | 'empty' | 'not-recognised' | 'corrupt';
  walker: WalkerName | null;
  reason?: string;
  /** Blocks handed out: payload address and usable size, sorted by address. */
  used: BlockList;
  /** Free chunks (payload ranges), sorted. */
  free: BlockList;
  /**
   * Allocator bookkeeping other than the header in front of each block (roots, footers,
   * prev_foot words of free neighbours), as (start, size).
   */
  headers: BlockList;
  /** Bytes of header right before every used block's payload (dlmalloc 4, TLSF object 20, ...). */
  headerBefore: number;
  /** The same for free blocks (a TLSF free block's 4-byte header is listed in `headers`). */
  freeHeaderBefore: number;
  /** The span the allocator manages: [start, end). */
  extent: [number, number] | null;
  /**
   * Memory inside `extent` the allocator does not manage, sorted: what someone else grew
   * between its segments (dlmalloc) or pools (TLSF). Absent when there is none.
   */
  gaps?: [number, number][];
  /** Never handed out yet (dlmalloc's top, a TLSF tail block): [start, end). */
  untouched: [number, number] | null;
  /**
   * Free blocks (payload addresses, in address order) the allocator's free list holds twice
   * (linked to themselves, or reached by two links): each was freed twice (emmalloc, the Rust
   * dlmalloc crate; linked-twice.ts). Absent when there is none.
   */
  freedTwice?: number[];
  /** Where the allocator's state was found; pass it back to the next walk to skip the search. */
  hint?: number;
  /**
   * The allocator's own state in static data, [start, end) (dlmalloc's malloc_state): its words
   * point at chunks (bins, top, dv, and stale ones), never at a block for the program, so the
   * leak scan does not count them as keeping one.
   */
  state?: [number, number];
  /** Blocks (used or free) whose headers this walk read: the work it did. */
  visited: number;
  /**
   * Set when the walk resumed from an earlier one (see Resume): it took over that walk's
   * lists, so its first `count` used blocks are the earlier walk's; `before` holds the earlier
   * walk's used blocks from `count` on, the only ones a diff with it still needs.
   */
  kept?: { count: number; before: BlockList };
}

/**
 * What a walker may reuse: the previous walk of this memory and the lowest address any byte
 * changed at since then (Infinity when none did). Blocks whose headers lie wholly below it
 * are known without reading them again. The new walk takes over `prev`'s lists (truncating
 * and appending in place, so a step costs what changed): `prev` must not be read after.
 */
export interface Resume {
  prev: HeapWalk;
  changedFrom: number;
}

/** Thrown by a walker's reads and checks; the walk answers it as not-recognised or corrupt. */
export class WalkStop extends Error {
  constructor(message: string, readonly corrupt: boolean) {
    super(message);
  }
}
