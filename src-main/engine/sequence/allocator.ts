// Maps the `alloc(n)` / `free(p)` pseudo-calls onto the module's allocator convention, and
// recognises calls to allocator exports (direct or not) so they become named regions.

import type { AllocatorInfo } from '../../shared/dto.ts';
import { SequenceFault } from './errors.ts';

/** Alignment requested by `alloc(n)` where the convention takes one: enough for any scalar. */
export const ALLOC_ALIGN = 8n;
/**
 * AssemblyScript class id for `__new`: 1 is ArrayBuffer, plain bytes the GC never traces.
 * The object is pinned right away (`__pin`), or the next allocation may collect it.
 */
const AS_ARRAYBUFFER_ID = 1n;

/** Calls an export with exact integer args; returns its results as bound (unsigned) integers. */
export type CallFn = (name: string, args: bigint[]) => (bigint | number)[];

function pointer(results: (bigint | number)[], name: string): bigint {
  const r = results[0];
  if (typeof r !== 'bigint') throw new SequenceFault('eval-error', `${name} did not return an integer pointer`);
  return r;
}

/** Runs `alloc(n)` with the module's allocator; returns the pointer. */
export function callAlloc(a: AllocatorInfo, n: bigint, call: CallFn, paramCount: (name: string) => number): bigint {
  const name = a.alloc.name;
  switch (a.convention) {
    case 'cabi_realloc': // cabi_realloc(old_ptr, old_size, align, new_size)
      return pointer(call(name, [0n, 0n, ALLOC_ALIGN, n]), name);
    case 'assemblyscript': {
      const ptr = pointer(call(name, [n, AS_ARRAYBUFFER_ID]), name);
      if (a.pin) call(a.pin.name, [ptr]);
      return ptr;
    }
    case 'wbindgen': // __wbindgen_malloc(size[, align])
    case 'declared': // an `allocator` line's: alloc(size[, align])
      return pointer(call(name, [n, ALLOC_ALIGN].slice(0, Math.max(1, paramCount(name)))), name);
    default: // malloc(size), allocate(size)
      return pointer(call(name, [n]), name);
  }
}

/** The export free(p) calls: AssemblyScript's __unpin first, else the free (or __unpin); null for none. */
export function freeFunction(a: AllocatorInfo): AllocatorInfo['free'] {
  return (a.convention === 'assemblyscript' ? (a.unpin ?? a.free) : (a.free ?? a.unpin)) ?? null;
}

/**
 * Runs `free(p)`: free(p), deallocate(p, size), __wbindgen_free(p, size[, align]) or
 * AssemblyScript's __unpin(p). `size` comes from the alloc region starting at p.
 */
export function callFree(a: AllocatorInfo, ptr: bigint, size: number | undefined, call: CallFn,
  paramCount: (name: string) => number): void {
  const fn = freeFunction(a);
  if (!fn) throw new SequenceFault('no-such-export', `the ${a.convention} allocator has no free function`);
  const n = paramCount(fn.name);
  if (n >= 2 && size === undefined) {
    // Rust's dealloc(ptr, size) must get the size the block was allocated with, not the usable
    // size the heap walk sees (a 17-byte String's block is 20): only an alloc() region knows it.
    const at = `0x${ptr.toString(16)}`;
    throw new SequenceFault('eval-error',
      `${fn.name} takes the size the block was allocated with, which Memscope knows only for blocks alloc() made, and none starts at ${at}: `
      + `call ${fn.name}(${at}, size) yourself, with the size the guest allocated (for text it handed back, usually its length)`);
  }
  call(fn.name, [ptr, BigInt(size ?? 0), ALLOC_ALIGN].slice(0, Math.max(1, n)));
}

/** A block a call released: its size when the free function takes one (dealloc(ptr, len)). */
export interface FreedBlock {
  ptr: number;
  size?: number;
}

export interface AllocEffect {
  alloc?: { ptr: number; size: number };
  /** Blocks released by this call. */
  freed: FreedBlock[];
  /** C's realloc that kept the block where it was: the new size asked for. */
  resized?: { ptr: number; size: number };
  /** AssemblyScript's __pin(p): the host holds the object again (after an __unpin, it is no longer let go of). */
  pinned?: number;
}

const num = (v: bigint | number | undefined): number => Number(v ?? 0);

/** C's `realloc(ptr, size)`, exported beside malloc and free: the host resizes its own blocks with it. */
export function isCRealloc(a: AllocatorInfo | null, name: string): boolean {
  return name === 'realloc' && a?.convention === 'malloc';
}

/** An export of the allocator's that frees a block: its free, AssemblyScript's __unpin, C's realloc (which frees a block it moves). */
export function freesBlocks(a: AllocatorInfo | null, name: string): boolean {
  return a !== null && (name === a.free?.name || name === a.unpin?.name || isCRealloc(a, name));
}

/**
 * C's other allocation functions, exported beside malloc and free when a build asks for them:
 * which arguments are sizes (not pointers into the heap, whatever their value), and the size of
 * the block their result is (posix_memalign writes it through its first argument instead, so
 * its block stays the guest's as far as this table goes).
 */
const C_ALLOCS: Record<string, { sizes: readonly number[]; block?: (args: bigint[]) => number }> = {
  calloc: { sizes: [0, 1], block: (args) => num(args[0]) * num(args[1]) },
  aligned_alloc: { sizes: [0, 1], block: (args) => num(args[1]) },
  memalign: { sizes: [0, 1], block: (args) => num(args[1]) },
  posix_memalign: { sizes: [1, 2] },
};

function cAlloc(a: AllocatorInfo | null, name: string): (typeof C_ALLOCS)[string] | undefined {
  return a?.convention === 'malloc' && Object.hasOwn(C_ALLOCS, name) ? C_ALLOCS[name] : undefined;
}

/** The arguments of `name` that are sizes for the module's allocator (C's calloc, aligned_alloc…). */
export function sizeArguments(a: AllocatorInfo | null, name: string): readonly number[] {
  return cAlloc(a, name)?.sizes ?? [];
}

/** What a call to `name` did to the heap, if `name` is one of the allocator's exports. */
export function allocEffect(a: AllocatorInfo | null, name: string, args: bigint[], results: (bigint | number)[]): AllocEffect {
  const none: AllocEffect = { freed: [] };
  if (!a) return none;
  if (name === a.alloc.name) {
    const ptr = num(results[0]);
    if (a.convention === 'cabi_realloc') {
      // cabi_realloc(old_ptr, old_size, align, new_size): a realloc releases the old block.
      const old = num(args[0]);
      const size = num(args[3]);
      return { alloc: size > 0 && ptr !== 0 ? { ptr, size } : undefined, freed: old !== 0 ? [{ ptr: old, size: num(args[1]) }] : [] };
    }
    // 0 is NULL: the allocator could not give the bytes (alloc(0x80000000) in Rust's dlmalloc),
    // and a region of that size at address 0 would name the module's own low memory.
    return { alloc: ptr !== 0 ? { ptr, size: num(args[0]) } : undefined, freed: [] };
  }
  if (isCRealloc(a, name)) {
    // realloc(old, size): a block that moved was freed where it was (in place the heap walk
    // sees it resized; only the size asked for is new); realloc(NULL, n) is a malloc; a NULL
    // result with a size is a failure, which leaves the old block alone.
    const old = num(args[0]);
    const ptr = num(results[0]);
    const size = num(args[1]);
    if (ptr === old) return ptr === 0 ? none : { freed: [], resized: { ptr, size } };
    return { alloc: ptr !== 0 ? { ptr, size } : undefined, freed: old !== 0 && (ptr !== 0 || size === 0) ? [{ ptr: old }] : [] };
  }
  const block = cAlloc(a, name)?.block;
  if (block) {
    const ptr = num(results[0]);
    return { alloc: ptr !== 0 ? { ptr, size: block(args) } : undefined, freed: [] };
  }
  // dealloc(ptr, len), deallocate(ptr, size), __wbindgen_free(ptr, size[, align]) say the size.
  if (name === a.free?.name && args.length >= 2) return { freed: [{ ptr: num(args[0]), size: num(args[1]) }] };
  if (name === a.free?.name || name === a.unpin?.name) return { freed: [{ ptr: num(args[0]) }] };
  if (name === a.pin?.name) return { freed: [], pinned: num(args[0]) };
  return none;
}
