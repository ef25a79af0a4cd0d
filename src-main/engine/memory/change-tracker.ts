// Finds exactly which bytes of linear memory changed since the last capture. Runs in the
// guest's worker, where the memory lives; the delta it returns is posted to the controlling side.

import { Buffer } from 'node:buffer';
import { asBuffer, blockRuns, narrowDiff, narrowWords, nonZeroBlocks, RangeBuilder, rangeDiffers, wordsOf, type Words } from './byte-ranges.ts';
import { BLOCK_SIZE, WASM_PAGE } from './types.ts';
import { blockLength } from './types.ts';
import { ResidentPages } from './resident-pages.ts';
import type { MemoryDelta, PackedBlocks, SparseImage } from './types.ts';
import { MAX_EXACT_RANGES } from '../../shared/dto.ts';

// MAX_EXACT_RANGES (dto.ts): past it a step lists the runs of changed 4 KiB blocks instead
// (`coarse`); changedBytes stays exact and the history still diffs any two steps exactly.

/**
 * Zero stretches at least this long ask the kernel which pages to read (zeroSince): the two
 * /proc reads cost ~10-30 µs, reading 1 MiB of mapped zero pages ~50 µs, so smaller ones are read.
 */
const PROBE_MIN_BYTES = 1 << 20;

/** The largest shadow, in wasm pages: a wasm32 memory's 4 GiB. */
const MAX_SHADOW_PAGES = 2 ** 32 / WASM_PAGE;

/**
 * Keeps a shadow copy of memory as of the last capture and compares against it.
 *
 * Cost depends only on memory size: every 64 KiB page is compared with one memcmp; a page that
 * differs is re-compared in 4 KiB blocks; only differing blocks are narrowed word by word, then
 * byte by byte. The shadow is updated only for differing blocks. Blocks never written are
 * checked for non-zero bytes in memory alone, 1 MiB per memcmp where all zero.
 *
 * The shadow starts as a fresh zeroed allocation with only the non-zero blocks copied in, and
 * its never-written blocks are never read, so the operating system leaves their pages unmapped:
 * the shadow costs physical memory roughly equal to what the guest really uses, not its declared size.
 * It is a WebAssembly.Memory of its own, so it grows in place when the guest's memory grows.
 */
export class ChangeTracker {
  readonly blockSize = BLOCK_SIZE;
  /** Memory size (bytes) as of the last capture or reset; the shadow may be longer (see grow). */
  private known = 0;
  /** The shadow's storage (see grow); `shadow` views all of it. */
  private shadowMemory: WebAssembly.Memory | null = null;
  private shadow: Uint8Array = new Uint8Array(0);
  /** The shadow as a Buffer (memcmp, copy) and as words, made when the shadow is (re)allocated. */
  private shadowBuf: Buffer = Buffer.alloc(0);
  private shadowWords: Words = wordsOf(new Uint8Array(0));
  /**
   * Views of the memory last captured, reused while it is the same (it changes only when the
   * memory grows): a capture used to make ~8 Buffer and word views of all of memory, a third
   * of what a tiny step's capture allocated.
   */
  private seen: { bytes: Uint8Array; buf: Buffer; words: Words | null } | null = null;
  /** 1 for each block the shadow may hold non-zero bytes in; growth copies only those. */
  private written = new Uint8Array(0);
  /**
   * `written` as runs of alike blocks, [first, end) block pairs in order (kinds alternate), or
   * null when `written` changed since they were found: it changes only when a block is written
   * for the first time or memory grows, and finding the runs anew took an indexOf call into V8
   * per run at every capture.
   */
  private runs: number[] | null = null;
  /** Asks the kernel which pages were ever touched, so large zero stretches are not read (null: read them). */
  private readonly resident = ResidentPages.forThisProcess();

  /**
   * `allocate(size)` gives the `size` bytes each capture's blocks are copied into: by default
   * a buffer nothing else holds, as it may be transferred (the worker hands out returned ones,
   * guest/capture-buffers.ts, or, for a step that goes through the step ring, reused scratch).
   */
  constructor(initial?: Uint8Array, private readonly allocate: (size: number) => Uint8Array = fresh) {
    if (initial !== undefined) this.reset(initial);
  }

  /** Memory size (bytes) as of the last capture or reset. */
  get size(): number {
    return this.known;
  }

  /**
   * Makes `current` the baseline (e.g. memory right after instantiation) and returns it as a
   * sparse image of private copies, ready for MemoryHistory.reset and postMessage transfer.
   */
  reset(current: Uint8Array): SparseImage {
    const cur = asBuffer(current);
    const size = current.length;
    this.seen = null;
    this.known = size;
    this.shadowMemory = new WebAssembly.Memory({ initial: shadowPages(size), maximum: MAX_SHADOW_PAGES });
    this.setShadow(new Uint8Array(this.shadowMemory.buffer));
    this.written = new Uint8Array(Math.ceil(size / BLOCK_SIZE));
    this.runs = null;
    const { indices, data } = this.absorb(cur, this.nonZeroBlocks(current, cur, 0, size));
    // An image is made once per instance: one view per block is fine here.
    let at = 0;
    const blocks = indices.map((index) => {
      const length = blockLength(index, BLOCK_SIZE, size);
      at += length;
      return { index, bytes: data.subarray(at - length, at) };
    });
    return { size, blockSize: BLOCK_SIZE, blocks };
  }

  /** Compares `current` (a fresh view of all of memory) with the last capture. */
  capture(current: Uint8Array): MemoryDelta {
    const size = current.length;
    const old = this.known;
    if (size < old) {
      throw new RangeError(`memory shrank from ${old} to ${size} bytes; reset the tracker for a new instance`);
    }
    if (size > old && old % BLOCK_SIZE !== 0) {
      throw new RangeError(`memory grew from ${old} bytes, not a multiple of ${BLOCK_SIZE}; wasm memories grow in 64 KiB pages`);
    }
    const out = new RangeBuilder(MAX_EXACT_RANGES);
    const dirty: number[] = [];
    const { buf, words } = this.viewsOf(current);
    // Runs of blocks alike in `written`: a block never written has an all-zero shadow, so it is
    // checked against zero in memory alone and the shadow's page there is never read. The shadow
    // of a grown memory is a fresh allocation whose untouched pages the kernel maps on first
    // read, one fault per 4 KiB: comparing against it cost the first capture after a growth to
    // 1 GiB ~150 ms of CPU in page faults alone, and every later one twice the reads.
    const runs = this.writtenRuns();
    for (let r = 0; r < runs.length; r += 2) {
      const first = runs[r]!;
      const start = first * BLOCK_SIZE;
      const end = Math.min(old, runs[r + 1]! * BLOCK_SIZE);
      if (this.written[first] === 0) this.zeroSince(current, buf, start, end, dirty, out);
      else this.compareWritten(current, buf, words, start, end, dirty, out);
    }
    // Pages added by growth were zero before: only their non-zero bytes are changes. The guest
    // may have written any of them in the step that grew; the kernel knows which it touched.
    this.zeroSince(current, buf, old, size, dirty, out);
    if (size > old) this.grow(size);
    return this.finish(current, buf, old, dirty, out);
  }

  /**
   * Like capture(), when nothing can have changed since the last capture outside `ranges`
   * ([start, end) byte ranges, e.g. what the host wrote in a `write` step, where no guest code
   * runs): only the blocks under them are compared, so the cost is that of the writes, not of
   * memory (a 4-byte write into a 1 GiB memory compared all of it, ~14 ms). The caller vouches
   * for the rest; memory that grew since is captured in full.
   */
  captureRanges(current: Uint8Array, ranges: readonly (readonly [number, number])[]): MemoryDelta {
    const size = current.length;
    if (size !== this.known) return this.capture(current);
    const out = new RangeBuilder(MAX_EXACT_RANGES);
    const dirty: number[] = [];
    const { buf, words } = this.viewsOf(current);
    for (const index of blocksUnder(ranges, size)) {
      const start = index * BLOCK_SIZE;
      const end = Math.min(size, start + BLOCK_SIZE);
      if (this.written[index] === 0) this.zeroSince(current, buf, start, end, dirty, out);
      else this.compareWritten(current, buf, words, start, end, dirty, out);
    }
    return this.finish(current, buf, size, dirty, out);
  }

  /** The runs of `written` (see `runs`), found again only after it changed. */
  private writtenRuns(): number[] {
    if (this.runs !== null) return this.runs;
    const written = this.written;
    const runs: number[] = [];
    for (let first = 0; first < written.length;) {
      const next = written.indexOf(written[first] === 0 ? 1 : 0, first);
      const last = next === -1 ? written.length : next;
      runs.push(first, last);
      first = last;
    }
    this.runs = runs;
    return runs;
  }

  /** The delta of a capture that found `dirty` blocks (ascending) and `out` ranges; the shadow takes them. */
  private finish(current: Uint8Array, cur: Buffer, old: number, dirty: number[], out: RangeBuilder): MemoryDelta {
    const size = current.length;
    const delta: MemoryDelta = {
      ranges: out.overflowed ? blockRuns(dirty, BLOCK_SIZE, size) : out.ranges,
      changedBytes: out.bytes, changed: this.absorb(cur, dirty), blockSize: BLOCK_SIZE, size,
    };
    if (out.overflowed) delta.coarse = true;
    if (size > old) delta.grew = { fromPages: Math.ceil(old / WASM_PAGE), toPages: Math.ceil(size / WASM_PAGE) };
    return delta;
  }

  /** Blocks of [start, end) that were all zero at the last capture: their non-zero bytes are changes. */
  private zeroSince(current: Uint8Array, cur: Buffer, start: number, end: number, dirty: number[], out: RangeBuilder): void {
    for (const index of this.nonZeroBlocks(current, cur, start, end)) {
      const from = index * BLOCK_SIZE;
      dirty.push(index);
      narrowDiff(current.subarray(from, Math.min(end, from + BLOCK_SIZE)), null, from, out);
    }
  }

  /**
   * The blocks of [start, end) holding a non-zero byte. A stretch of PROBE_MIN_BYTES or more
   * reads only the pages the kernel says were ever touched (resident-pages.ts): the rest are
   * zero, and reading them would make the kernel back them (a growth to 1 GiB: 3.1 s and 1 GiB
   * of RSS where reads allocate, ~150 ms where they map the zero page).
   */
  private nonZeroBlocks(current: Uint8Array, cur: Buffer, start: number, end: number): number[] {
    const touched = end - start >= PROBE_MIN_BYTES ? this.resident?.touched(current, start, end, this.scratchOffset()) : null;
    if (!touched) return nonZeroBlocks(cur, start, end, BLOCK_SIZE);
    const first = start / BLOCK_SIZE;
    const found: number[] = [];
    for (let run = touched.indexOf(1); run !== -1;) {
      const stop = touched.indexOf(0, run);
      const last = stop === -1 ? touched.length : stop;
      for (const index of nonZeroBlocks(cur, (first + run) * BLOCK_SIZE, (first + last) * BLOCK_SIZE, BLOCK_SIZE)) found.push(index);
      run = stop === -1 ? -1 : touched.indexOf(1, stop);
    }
    return found;
  }

  /** A byte the resident-page probe may change and restore: in a block already written (touched), else byte 0. */
  private scratchOffset(): number {
    const block = this.written.indexOf(1);
    return block === -1 ? 0 : block * BLOCK_SIZE;
  }

  /**
   * Blocks of [start, end) against the shadow: one memcmp per 64 KiB (or less at the run's
   * edges); in a differing stretch the differing blocks are found by halves, and each is
   * narrowed word by word.
   */
  private compareWritten(current: Uint8Array, cur: Buffer, words: Words | null,
    start: number, end: number, dirty: number[], out: RangeBuilder): void {
    for (let page = start; page < end; page += WASM_PAGE) {
      const pageEnd = Math.min(end, page + WASM_PAGE);
      if (rangeDiffers(cur, this.shadowBuf, page, pageEnd)) this.dirtyBlocks(current, cur, words, page, pageEnd, dirty, out);
    }
  }

  /**
   * The differing blocks of [start, end) (block-aligned start), which differs from the shadow.
   * By halves: a step usually changes one or two blocks of a page, and a memcmp call costs
   * ~170 ns however short (Buffer.compare's checks), about as much as comparing 4 KiB, so 16
   * calls per page were mostly overhead; a half that is equal is read once, as before, and when
   * the left half is equal the right one differs without a compare. When both halves differ
   * (a step that rewrote much of the page) its blocks are compared one by one, as before, so a
   * page rewritten whole costs 2 calls more, not twice as many.
   */
  private dirtyBlocks(current: Uint8Array, cur: Buffer, words: Words | null,
    start: number, end: number, dirty: number[], out: RangeBuilder): void {
    const blocks = Math.ceil((end - start) / BLOCK_SIZE);
    if (blocks === 1) return this.narrowBlock(current, words, start, end, dirty, out);
    const mid = start + (blocks >>> 1) * BLOCK_SIZE;
    if (!rangeDiffers(cur, this.shadowBuf, start, mid)) return this.dirtyBlocks(current, cur, words, mid, end, dirty, out);
    if (!rangeDiffers(cur, this.shadowBuf, mid, end)) return this.dirtyBlocks(current, cur, words, start, mid, dirty, out);
    for (let block = start; block < end; block += BLOCK_SIZE) {
      const blockEnd = Math.min(end, block + BLOCK_SIZE);
      if (rangeDiffers(cur, this.shadowBuf, block, blockEnd)) this.narrowBlock(current, words, block, blockEnd, dirty, out);
    }
  }

  /**
   * Lists a differing block and adds its changed bytes to `out`: one pass over its words, equal
   * ones skipped 64 bits at a time (byte-ranges.ts, Words: ~0.8-1.0 µs a block in the guest
   * worker, where word by word cost ~2.2 µs, itself less than the 16 memcmp calls of 256-byte
   * slices it replaced).
   */
  private narrowBlock(current: Uint8Array, words: Words | null, block: number, blockEnd: number, dirty: number[], out: RangeBuilder): void {
    dirty.push(block / BLOCK_SIZE);
    if (words === null || blockEnd % 4 !== 0) {
      narrowDiff(current.subarray(block, blockEnd), this.shadow.subarray(block, blockEnd), block, out);
      return;
    }
    narrowWords(words, this.shadowWords, block >>> 2, blockEnd >>> 2, 0, out);
  }

  private setShadow(shadow: Uint8Array): void {
    this.shadow = shadow;
    this.shadowBuf = asBuffer(shadow);
    this.shadowWords = wordsOf(shadow);
  }

  /** `current` as a Buffer and as words (null when not 4-byte aligned), made once per memory. */
  private viewsOf(current: Uint8Array): { buf: Buffer; words: Words | null } {
    const seen = this.seen;
    if (seen && seen.bytes.buffer === current.buffer && seen.bytes.byteOffset === current.byteOffset && seen.bytes.length === current.length) return seen;
    const views = {
      bytes: current,
      buf: asBuffer(current),
      words: current.byteOffset % 4 === 0 ? wordsOf(current) : null,
    };
    this.seen = views;
    return views;
  }

  /**
   * Memory grew to `size`: its new blocks are zero and unwritten. The shadow grows in place
   * (WebAssembly.Memory.grow keeps its pages where they are), so nothing is copied: a shadow
   * replaced by a larger one with the written blocks copied in paid a page fault per written
   * 4 KiB block, ~12 µs each on a VM (2 MiB written: ~6 ms of a growth step's capture; 256 MiB
   * written and a page at a time: ~830 ms at every step that grew, before the doubling that
   * came between). The new pages are never read or written until memory's data reaches them.
   */
  private grow(size: number): void {
    const written = new Uint8Array(Math.ceil(size / BLOCK_SIZE));
    written.set(this.written);
    if (size > this.shadow.length) {
      const memory = this.shadowMemory!;
      memory.grow(shadowPages(size) - memory.buffer.byteLength / WASM_PAGE);
      this.setShadow(new Uint8Array(memory.buffer));
    }
    this.written = written;
    this.runs = null;
    this.known = size;
  }

  /** Copies the listed blocks of `current` into the shadow and into one fresh buffer for the caller. */
  private absorb(cur: Buffer, dirty: number[]): PackedBlocks {
    const size = cur.length;
    let total = 0;
    for (const index of dirty) total += blockLength(index, BLOCK_SIZE, size);
    // Every byte is overwritten below, so its old contents do not matter.
    const data = this.allocate(total);
    const target = asBuffer(data);
    const shadow = this.shadowBuf;
    let at = 0;
    for (const index of dirty) {
      const start = index * BLOCK_SIZE;
      const end = start + blockLength(index, BLOCK_SIZE, size);
      // Buffer.copy, not set(subarray): no view object per block.
      cur.copy(target, at, start, end);
      cur.copy(shadow, start, start, end);
      if (this.written[index] === 0) {
        this.written[index] = 1;
        this.runs = null;
      }
      at += end - start;
    }
    return { indices: dirty, data };
  }
}

/** The numbers of the blocks [start, end) ranges touch, inside `size` bytes, ascending and once each. */
function blocksUnder(ranges: readonly (readonly [number, number])[], size: number): number[] {
  const out: number[] = [];
  for (const [start, end] of ranges) {
    const last = Math.ceil(Math.min(end, size) / BLOCK_SIZE);
    for (let index = Math.floor(Math.max(0, start) / BLOCK_SIZE); index < last; index++) out.push(index);
  }
  out.sort((a, b) => a - b);
  return out.filter((index, i) => i === 0 || index !== out[i - 1]);
}

/** A new buffer without the zero fill; not Buffer's shared pool, so transferable. */
function fresh(size: number): Uint8Array {
  return new Uint8Array(Buffer.allocUnsafeSlow(size).buffer, 0, size);
}

/** Wasm pages for a shadow of `size` bytes (a memory being tracked need not be whole pages). */
function shadowPages(size: number): number {
  return Math.ceil(size / WASM_PAGE);
}
