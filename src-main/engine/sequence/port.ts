// What the sequence executor needs from the guest; the runtime implements it inside the worker.

import type { AllocatorInfo, BoundValue, HeapBlock, HeapProblem, ValType } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';

/** What a step passes a Go function: a JavaScript number, string or Uint8Array. */
export type GoArgument = number | string | Uint8Array;

export interface GuestPort {
  /** Fresh on every use: a guest call may grow (and so replace) the memory buffer. */
  memory(): GuestMemory;
  /** An exported function's type, or a function's the module registered by name at run time (embind). */
  signature(exportName: string): { params: ValType[]; results: ValType[] } | undefined;
  /** Why `name` has no signature, as the failed step says it (default: the module exports no such function). */
  noSuchFunction?(name: string): string;
  /**
   * Calls an export; args already converted (i32: number, i64: bigint, f32/f64: number).
   * Returns raw results; throws on trap/exit (the runtime records the CallRecord itself).
   */
  call(exportName: string, args: (number | bigint)[]): (number | bigint)[];
  /**
   * A function a Go js/wasm module's main set with js.FuncOf, called as JavaScript calls it:
   * with JavaScript values (numbers, text, bytes as a Uint8Array), returning how its JavaScript
   * result binds; throws on trap/exit as call() does. Null when it set none by that name (or the
   * module is not Go's).
   */
  goFunction?(name: string): ((args: GoArgument[]) => BoundValue) | null;
  allocator: AllocatorInfo | null;
  /** The heap ledger, when the module's heap is walked (absent: no heap checks). */
  heap?: HeapHooks;
  /** Starts watching a range (write tracing on); absent when writes are not traced. */
  watch?(name: string, address: number, size: number, stop: boolean): void;
}

/** What the executor tells the heap ledger, and asks it, while a step runs. */
export interface HeapHooks {
  /** Before the host frees `address`: the problem when it is not a live block's start. */
  checkFree(address: number): HeapProblem | null;
  /** Before a call: the use-after-free problem when `value`, an argument, points into a freed block. */
  checkPointer(value: number, what: string): HeapProblem | null;
  report(problem: HeapProblem): void;
  /** The host's allocator call asking for `size` bytes returned `address`; `by` is the export called. */
  hostAlloc(address: number, by: string, size: number): void;
  hostFree(address: number): void;
  /** The host pinned the block at `address` (AssemblyScript's __pin): it holds it again. */
  hostPin(address: number): void;
  /** The host's realloc (`by`) kept the block at `address` where it was, now asking for `size` bytes. */
  hostResize(address: number, by: string, size: number): void;
  mark(label: string, step: number): void;
  /**
   * Blocks leaked now (live, and unless a collector frees the guest's blocks, nothing in use
   * points to them) that the steps since the start or the last mark allocated (`blocks`), or
   * that were allocated before the mark and lost since (`lostSince`); with how many live blocks
   * allocated since then memory in use still points to (still reachable, not counted); or why
   * leaks cannot be checked.
   */
  leaks(): { since: string; blocks: HeapBlock[]; lostSince: HeapBlock[]; reachable: number } | string;
  /**
   * The problems steps since the start or the last mark found (leaks aside: `expect no leaks`
   * checks those) and corrupt walks, as text (`line 20: double free of …`), the first few of
   * them and how many more; or why the heap cannot be checked.
   */
  problems(): { since: string; problems: string[]; more: number } | string;
}
