// The ownership ledger: every live heap block with who allocated it (the host through an
// allocator call in the sequence, or the guest inside a host call), at which step and line;
// what each step allocated and freed (a merge of two sorted walks from the first block that
// may differ, so the cost follows what changed); and the problems: double and invalid frees by
// the host (checked before the free is called), host reads and writes over freed blocks or
// past a block's end, a host allocation handed a block that is still live, leaks.

import type { BlockNote, FreedBlock, HeapBlock, HeapOwner, HeapProblem, ResizedBlock, StepHeap } from '../../../shared/dto.ts';
import { BlockList } from './block-list.ts';
import { FreedIndex } from './freed-index.ts';
import type { HeapWalk } from './types.ts';
import { bookkeepingHit } from './bookkeeping.ts';
import { mapWithout } from '../../map-without.ts';
import { hexAddress } from '../../../shared/hex.ts';
import { count } from '../../../shared/count.ts';

/** Freed blocks remembered for double-free and use-after-free reports (oldest dropped). */
const FREED_MEMORY = 10_000;

export interface StepContext {
  step: number;
  line: number;
  /** Exports the host called in this step, in order (the guest allocates inside these). */
  calls: string[];
  /** What the step's calls learnt blocks hold (an uncaught throw's exception object); usually none. */
  notes?: readonly BlockNote[];
}

/** A host allocator call's request for a block: `by`(size) at `line`. */
interface Request {
  size: number;
  by: string;
  line: number;
}

interface Freed {
  /** Order of freeing: an access over several freed blocks names the one freed first. */
  seq: number;
  block: HeapBlock;
  step: number;
  line: number;
  by: HeapOwner;
  /**
   * A guest free found by the first walk that succeeded after failed ones: made in one of the
   * window's calls, between `line` (the window's first) and this line (that walk's step), not at
   * `line` itself. Without it a later double free named the walk's step, often a write.
   */
  until?: number;
}

export class HeapLedger {
  private live = new Map<number, HeapBlock>();
  /** By address, in the order they were freed (the oldest is forgotten first). */
  private freed = new Map<number, Freed>();
  /** The same blocks by address range, so an access looks only at those near it. */
  readonly freedIndex = new FreedIndex();
  private freedSeq = 0;
  private readonly marks = new Map<string, number>();
  private prev: BlockList | null = null;
  /**
   * The host's allocations (address, the allocator export's name, the size asked for) and frees
   * of the current step, emptied after each. Arrays searched in full, not a Map and a Set: a step makes one or
   * two, and emptying a Map or Set that held any allocates a new table (clear() always does, and
   * so does delete() of the last entry, which shrinks it), on every step that allocated or freed.
   */
  private readonly hostAllocs: (number | string)[] = [];
  /**
   * The size the host asked for, by block address, while the block is live: the allocator may
   * round it up, and a host access past what was asked is an overflow even inside the block.
   */
  private asked = new Map<number, Request>();
  private readonly hostFrees: number[] = [];
  /** Blocks the host pinned (AssemblyScript's __pin) in this step: held by the host again. */
  private readonly hostPins: number[] = [];
  /** The host's reallocs in place in this step: address, the export called, new size asked for. */
  private readonly hostResizes: (number | string)[] = [];
  private pending: HeapProblem[] = [];
  /** Blocks a forced double free put on the free list twice: address → line of the second free. */
  private readonly freedTwice = new Map<number, number>();
  /** The last walk's blocks on the free list twice (HeapWalk.freedTwice): each is reported once, when it appears. */
  private seenTwice: readonly number[] = [];
  /**
   * Under a collector: host blocks the host let go of (free or __unpin) that the walk still sees
   * as used until a collection, with the line that let go (until the host pins one again). By
   * object, so a block handed out again at the same address is new.
   */
  private readonly letGo = new WeakMap<HeapBlock, number>();
  /**
   * Under AssemblyScript (`unpins`): the guest's blocks the host pinned with __pin and has not
   * let go of since, by address (dropped when the block is freed). Only these, and the host's own
   * blocks (alloc is __new and __pin), may the host __unpin.
   */
  private readonly hostPinned = new Set<number>();
  /**
   * The steps since a walk last failed (null while the walks succeed): their changes to the heap
   * were not diffed, so the next walk that succeeds finds them all at once. What the host did in
   * them is known (its allocations and frees, by address), so that walk credits those to the
   * host at their lines; any other block it finds new was allocated by the guest somewhere in
   * the window, not at the line that walk follows.
   */
  private window: BlindWindow | null = null;

  /**
   * `collects`: the allocator is a garbage collector's (AssemblyScript, TinyGo), whose blocks
   * the walk sees as used until a collection, which may run inside an allocation and hand the
   * same address out again: there a live block given to the host is no problem.
   * `givesPadding`: the allocator hands the gap in front of a block it aligns to the block
   * before (emmalloc merges it into the region there), which grows with no realloc (padding()).
   * Not readonly: an Emscripten module without names shows at a walk that its allocator is
   * emmalloc (HeapTracker.adopt).
   * `unpins`: the host's free is AssemblyScript's __unpin, which aborts the guest ("Object is
   * not pinned") for an object the host never pinned: a free of the guest's object is refused
   * unless the host pinned it (TinyGo's free of a guest block is no such trap).
   */
  constructor(private readonly collects = false, public givesPadding = false, private readonly unpins = false) {}

  /**
   * The last walk did not recognise the heap at all (no allocator state found): what is live is
   * unknown, so no free or access is judged until a walk succeeds again. (A corrupt heap is
   * still judged by the last blocks known: that is where a double free shows.)
   */
  private blind = false;

  /** True once a walk succeeded, and while the walks recognise the heap: only then are frees and accesses checked. */
  get active(): boolean {
    return this.prev !== null && !this.blind;
  }

  /**
   * True once a walk recognised the heap, even if the walks fail now: a walk that fails after it
   * leaves the blocks allocated since unknown (HeapSummary.leaksUnknown), not none.
   */
  get started(): boolean {
    return this.prev !== null;
  }

  /** The walk before the first step: its blocks were live before the sequence began. */
  start(walk: HeapWalk): void {
    this.live.clear();
    this.freed.clear();
    this.freedIndex.clear();
    this.marks.clear();
    this.freedTwice.clear();
    this.seenTwice = [];
    this.asked.clear();
    this.hostPinned.clear();
    this.prev = null;
    this.blind = false;
    this.window = null;
    if (walk.status !== 'ok' && walk.status !== 'empty') return;
    for (let i = 0; i < walk.used.count; i++) {
      const address = walk.used.address(i);
      this.live.set(address, { address, size: walk.used.size(i), owner: 'guest', step: null, line: null });
    }
    this.prev = walk.used;
  }

  /** The host's allocator call asking for `size` bytes returned `address` (called by the step runner's port). */
  noteHostAlloc(address: number, by: string, size: number): void {
    this.hostAllocs.push(address, by, size);
  }

  noteHostFree(address: number): void {
    this.hostFrees.push(address);
  }

  noteHostPin(address: number): void {
    this.hostPins.push(address);
  }

  noteHostResize(address: number, by: string, size: number): void {
    this.hostResizes.push(address, by, size);
  }

  /**
   * Before a host free of `address`: the problem, or null when it frees a live block (or 0) the
   * host has not let go of already (under a collector the walk sees such a block live until a
   * collection: AssemblyScript's __unpin of it again aborts "Object is not pinned"), and under
   * AssemblyScript one the host holds (its own, or the guest's it pinned: `unpins`).
   */
  checkFree(address: number): HeapProblem | null {
    if (!this.active || address === 0) return null;
    // While the walks fail the last walk's blocks are stale, but the host's own allocations are known.
    if (this.window?.allocs.has(address)) return null;
    const live = this.live.get(address);
    if (live) {
      const line = this.letGo.get(live);
      if (line !== undefined) {
        return {
          kind: 'double-free', address,
          message: `double free of ${hexAddress(address)}: the host let go of the ${live.size}-byte block there at line ${line}, and only a collection frees it${allocatedAt(live)}`,
        };
      }
      if (!this.unpins || live.owner === 'host' || this.hostPinned.has(address)) return null;
      return {
        kind: 'invalid-free', address,
        message: `invalid free of ${hexAddress(address)}: the ${live.size}-byte block there is the guest's object, which the host never pinned: `
          + `__unpin would abort "Object is not pinned", and the collector frees it once nothing holds it${allocatedAt(live)}`,
      };
    }
    const gone = this.freed.get(address);
    if (gone) {
      return {
        kind: 'double-free', address,
        message: `double free of ${hexAddress(address)}: the ${gone.block.size}-byte block there was already freed ${freedWhen(gone)}${allocatedAt(gone.block)}`,
      };
    }
    const inside = this.containing(address);
    const message = inside
      ? `invalid free of ${hexAddress(address)}: it is ${address - inside.address} bytes into the ${inside.size}-byte block at ${hexAddress(inside.address)}${allocatedAt(inside)}; free needs the block's start`
      : `invalid free of ${hexAddress(address)}: no live heap block starts there`;
    return { kind: 'invalid-free', address, message };
  }

  /**
   * A host read or write of [start, end) (or a pointer the host passes, `verb` "points into"):
   * a use-after-free problem when it touches a freed block not reused since.
   */
  checkAccess(start: number, end: number, what: string, verb = 'touches'): HeapProblem | null {
    if (!this.active || end <= start) return null;
    const touched: Freed[] = [];
    this.freedIndex.overlapping(start, end, (address) => touched.push(this.freed.get(address)!));
    if (touched.length > 1) touched.sort((x, y) => x.seq - y.seq);
    for (const gone of touched) {
      const b = gone.block;
      const at = Math.max(start, b.address);
      if (this.prev!.indexContaining(at) >= 0 || this.allocatedInWindow(at)) continue; // reused by a live block since
      return {
        kind: 'use-after-free', address: at,
        message: `use after free: ${what} ${verb} the ${b.size}-byte block at ${hexAddress(b.address)}, freed ${gone.until === undefined ? `at line ${gone.line}` : freedWhen(gone)}${allocatedAt(b)}`,
      };
    }
    return null;
  }

  /**
   * A host read or write of [start, end) that starts inside a live block and runs past its
   * usable end: a heap-overflow problem naming what it ran into (the allocator's bookkeeping
   * after the block, and the next block when it reached that far); inside the block, past the
   * size the host asked for (pastAsked).
   */
  checkOverrun(start: number, end: number, what: string): HeapProblem | null {
    const blocks = this.prev;
    if (!this.active || blocks === null || end <= start) return null;
    const i = blocks.indexContaining(start);
    if (i < 0) return null;
    const address = blocks.address(i);
    const blockEnd = address + blocks.size(i);
    const block = this.live.get(address);
    if (end <= blockEnd) return this.pastAsked(address, blockEnd, end, what, block);
    const next = i + 1 < blocks.count ? blocks.address(i + 1) : Infinity;
    const nextBlock = this.live.get(next);
    const into = end > next
      ? `over the allocator's bookkeeping and ${count(end - next, 'byte')} into the next block, at ${hexAddress(next)}${nextBlock ? ` (${origin(nextBlock)})` : ''}`
      : next === Infinity ? 'into the allocator\'s bookkeeping and free space after the last block' : 'into the allocator\'s bookkeeping after it';
    return {
      kind: 'heap-overflow', address: blockEnd,
      message: `heap overflow: ${what} runs ${count(end - blockEnd, 'byte')} past the end of the ${blockEnd - address}-byte block at ${hexAddress(address)}${block ? ` (${origin(block)})` : ''}, ${into}`,
    };
  }

  /**
   * A host write of [start, end) that starts outside every block and overwrites the allocator's
   * own bytes (bookkeeping.ts), by `walk`, the heap before it: a heap-overflow problem (a write
   * into a block's header is ASan's heap-buffer-overflow on the left) naming what it hit.
   */
  checkBookkeeping(walk: HeapWalk, start: number, end: number, what: string): HeapProblem | null {
    if (!this.active || end <= start) return null;
    const hit = bookkeepingHit(walk, start, end);
    if (!hit) return null;
    const at = Math.max(start, hit.kind === 'header' ? hit.block - (hit.used ? walk.headerBefore : walk.freeHeaderBefore) : hit.start);
    const block = hit.kind === 'header' ? this.live.get(hit.block) : undefined;
    const where = hit.kind === 'header'
      ? `the allocator's header in front of the ${hit.used ? `${hit.size}-byte block` : `free ${hit.size}-byte chunk`} at ${hexAddress(hit.block)}${block ? ` (${origin(block)})` : ''}`
      : hit.kind === 'state'
        ? `the allocator's state at ${hexAddress(hit.start)}..${hexAddress(hit.end)}`
        : `the allocator's bookkeeping at ${hexAddress(hit.start)}..${hexAddress(hit.end)}`;
    return {
      kind: 'heap-overflow', address: at,
      message: `heap overflow: ${what} is in no block: it overwrites ${where}, which the next allocation or free reads`,
    };
  }

  /**
   * An access inside the block at `address` (ending at `end`, within the block's `blockEnd`)
   * that runs past the size the host asked for: the allocator's rounding hides it from the heap,
   * not from the program's contract.
   */
  private pastAsked(address: number, blockEnd: number, end: number, what: string, block: HeapBlock | undefined): HeapProblem | null {
    const request = this.asked.get(address);
    if (request === undefined || end <= address + request.size) return null;
    const asked = request.size;
    return {
      kind: 'heap-overflow', address: address + asked,
      message: `heap overflow: ${what} runs ${count(end - address - asked, 'byte')} past the ${count(asked, 'byte')} ${request.by}(${asked}) gave at line ${request.line}; `
        + `the allocator made the block ${blockEnd - address} bytes, so nothing else was overwritten, but the bytes past ${asked} are not the program's`,
    };
  }

  /** Adds a problem found during the step (a refused or forced free, a use after free). */
  report(problem: HeapProblem): void {
    this.pending.push(problem);
  }

  /** `mark "name"`: later `expect no leaks` statements may count from here. */
  mark(name: string, step: number): void {
    this.marks.set(name, step);
  }

  /** Live blocks allocated at or after the mark (or since the first step) that count as leaks (isLeak). */
  leaksSince(mark?: string): HeapBlock[] {
    const from = mark === undefined ? 0 : this.marks.get(mark);
    if (from === undefined) return [];
    return this.liveBlocks().filter((b) => b.step !== null && b.step >= from && this.isLeak(b));
  }

  /**
   * Whether live block `b` is a leak if the sequence ends now: allocated during the sequence and,
   * under a garbage collector, held by the host (allocated by its call and never let go of with
   * free or __unpin). A collector frees the guest's own blocks and those the host let go of at
   * its next collection, which no host call asks for: the walk still seeing them is no leak.
   */
  isLeak(b: HeapBlock): boolean {
    return b.step !== null && (!this.collects || (b.owner === 'host' && !this.letGo.has(b)));
  }

  hasMark(name: string): boolean {
    return this.marks.has(name);
  }

  liveBlocks(): HeapBlock[] {
    return [...this.live.values()].sort((a, b) => a.address - b.address);
  }

  /** After a step: diff its walk with the previous one, attribute the changes, hand back the step's heap. */
  observe(walk: HeapWalk | null, ctx: StepContext): StepHeap {
    const out: StepHeap = { allocated: [], freed: [], problems: this.pending };
    this.pending = [];
    if (walk) this.blind = walk.status === 'not-recognised';
    if (walk && walk.status !== 'ok' && walk.status !== 'empty') {
      out.walk = `${walk.status}: ${walk.reason ?? ''}`;
      this.noteBlindStep(ctx);
    } else if (walk) {
      // A resumed walk took over the last one's list: the diff starts after the blocks it kept.
      if (walk.kept && this.prev === walk.used) this.diff(walk.kept.before, 0, walk.used, walk.kept.count, ctx, out);
      else this.diff(this.prev ?? new BlockList(), 0, walk.used, 0, ctx, out);
    }
    if (walk && (walk.status === 'ok' || walk.status === 'empty')) {
      this.window = null;
      this.prev = walk.used;
      if (walk.freedTwice || this.seenTwice.length !== 0) this.guestFreedTwice(walk.freedTwice ?? [], ctx, out);
      // A double free that was made (free!): a refused one reports the same problem, but free was never called.
      for (const p of out.problems) if (p.kind === 'double-free' && this.hostFrees.includes(p.address)) this.freedTwice.set(p.address, ctx.line);
      if (this.hostAllocs.length !== 0 && !this.collects) this.checkHostAllocs(ctx, out);
    } else if (walk?.kept && this.prev === walk.used) {
      // A resumed walk that failed still wrote into the last list: rebuild it for later diffs.
      const restored = walk.used.slice(0, walk.kept.count);
      for (let i = 0; i < walk.kept.before.count; i++) restored.push(walk.kept.before.address(i), walk.kept.before.size(i));
      this.prev = restored;
    }
    if (ctx.notes && ctx.notes.length !== 0) this.applyNotes(ctx.notes, out);
    // After diff, whose resized() forgot the size asked for: a host realloc in place says the new one.
    for (let i = 0; i < this.hostResizes.length; i += 3) {
      const address = this.hostResizes[i] as number;
      if (this.live.has(address)) this.asked.set(address, { size: this.hostResizes[i + 2] as number, by: this.hostResizes[i + 1] as string, line: ctx.line });
    }
    if (this.collects) {
      for (const address of this.hostFrees) {
        const block = this.live.get(address);
        if (block) this.letGo.set(block, ctx.line);
        if (this.hostPinned.size !== 0) this.hostPinned.delete(address);
      }
      for (const address of this.hostPins) {
        const block = this.live.get(address);
        if (!block) continue;
        this.letGo.delete(block);
        if (this.unpins && block.owner === 'guest') this.hostPinned.add(address);
      }
    }
    // Only those that hold any: setting an array's length is a call into V8's runtime.
    if (this.hostAllocs.length !== 0) this.hostAllocs.length = 0;
    if (this.hostFrees.length !== 0) this.hostFrees.length = 0;
    if (this.hostPins.length !== 0) this.hostPins.length = 0;
    if (this.hostResizes.length !== 0) this.hostResizes.length = 0;
    return out;
  }

  /** A step whose walk failed: opens the blind window, or extends it, with the host's allocations and frees in it. */
  private noteBlindStep(ctx: StepContext): void {
    const w = this.window ??= { line: ctx.line, step: ctx.step, allocs: new Map(), frees: new Map() };
    for (const address of this.hostFrees) {
      w.frees.set(address, { step: ctx.step, line: ctx.line });
      w.allocs.delete(address); // freed again in the window: a block there now is another one
    }
    for (let i = 0; i < this.hostAllocs.length; i += 3) {
      const address = this.hostAllocs[i] as number;
      w.allocs.set(address, { by: this.hostAllocs[i + 1] as string, size: this.hostAllocs[i + 2] as number, step: ctx.step, line: ctx.line });
      w.frees.delete(address);
    }
  }

  /**
   * Free blocks the walk found on the free list twice (linked to themselves: freed twice). The
   * host's second free was checked before the call; one the guest made, even both frees inside
   * one call, shows only here: reported once, when first seen, as a double free the guest made.
   */
  private guestFreedTwice(addresses: readonly number[], ctx: StepContext, out: StepHeap): void {
    for (const address of addresses) {
      if (this.seenTwice.includes(address) || out.problems.some((p) => p.kind === 'double-free' && p.address === address)) continue;
      const gone = this.freed.get(address);
      const block = gone ? ` the ${gone.block.size}-byte block there` : '';
      const when = !gone ? '' : gone.step === ctx.step ? ' twice' : ` again, after it was freed ${freedWhen(gone)}`;
      const where = firstCall(ctx);
      out.problems.push({
        kind: 'double-free', address,
        message: `double free of ${hexAddress(address)}: the guest${where ? ` in ${where}` : ''} freed${block}${when}, and the allocator's free list now holds it twice${gone ? allocatedAt(gone.block) : ''}`,
      });
      this.freedTwice.set(address, ctx.line);
    }
    this.seenTwice = addresses;
  }

  /** The live block holding each note's address says what it holds (a new object: blocks handed out are not changed). */
  private applyNotes(notes: readonly BlockNote[], out: StepHeap): void {
    for (const note of notes) {
      const block = this.containing(note.address);
      if (!block) continue;
      const noted: HeapBlock = { ...block, holds: note.holds };
      this.live.set(block.address, noted);
      const i = out.allocated.indexOf(block);
      if (i >= 0) out.allocated[i] = noted;
    }
  }

  private diff(before: BlockList, beforeFrom: number, after: BlockList, afterFrom: number, ctx: StepContext, out: StepHeap): void {
    let i = beforeFrom;
    let j = afterFrom;
    while (i < before.count || j < after.count) {
      const a = i < before.count ? before.address(i) : Infinity;
      const b = j < after.count ? after.address(j) : Infinity;
      if (a === b && this.collects && this.hostAllocs.length !== 0 && this.hostAllocAt(a) >= 0) {
        // A collector's allocation (the host's __new, TinyGo's malloc) may collect the block
        // there and hand its address straight out again, at any size (or the same): a new block
        // the host holds, not the old one resized. Without a collector, an allocation returning
        // a live block's start is a double-alloc, which checkHostAllocs reports on the old block.
        this.released(a, ctx, out);
        this.allocated(b, after.size(j), ctx, out);
        i++;
        j++;
        continue;
      }
      if (a === b) {
        // Same start, new size: resized in place (realloc, or the allocator absorbing a
        // remainder too small to split off); still the same block with the same owner.
        if (before.size(i) !== after.size(j)) {
          if (this.givesPadding && this.padding(before, i, after, j)) this.regrown(a, after.size(j));
          else if (this.reportHandedOutAgain(a, ctx, out)) this.regrown(a, after.size(j));
          else this.resized(a, after.size(j), ctx, out);
        }
        i++;
        j++;
        continue;
      }
      if (a <= b) this.released(a, ctx, out), i++;
      if (b <= a) this.allocated(b, after.size(j), ctx, out), j++;
    }
  }

  /**
   * After a walk that succeeded: an allocator call of this step that returned the start of a
   * block live before it, which nothing freed, gave one block two owners (what the allocator
   * does after a double free). Only when the step called nothing but that allocator export: a
   * guest call in the same step could have freed the block, and a free and an allocation of
   * the same size at the same address look to the walks like no change at all.
   */
  private checkHostAllocs(ctx: StepContext, out: StepHeap): void {
    for (let i = 0; i < this.hostAllocs.length; i += 3) {
      const address = this.hostAllocs[i] as number;
      if (!out.problems.some((p) => p.kind === 'double-alloc' && p.address === address)) this.reportHandedOutAgain(address, ctx, out);
    }
  }

  /**
   * checkHostAllocs for one address, whether it was reported. diff asks first when the block
   * there changed size: handed out again at another size (the dlmalloc crate after a double
   * free), it is no resize in place, and the message names the block as its owner got it.
   */
  private reportHandedOutAgain(address: number, ctx: StepContext, out: StepHeap): boolean {
    const k = this.collects ? -1 : this.hostAllocAt(address);
    if (k < 0) return false;
    const by = this.hostAllocs[k + 1] as string;
    const block = this.live.get(address);
    if (!block || block.step === ctx.step || this.hostFrees.includes(address) || ctx.calls.some((c) => c !== by)) return false;
    const twice = this.freedTwice.get(address);
    const cause = twice === undefined ? 'the allocator\'s bookkeeping is corrupt' : `the double free at line ${twice} put it on the free list twice`;
    out.problems.push({
      kind: 'double-alloc', address,
      message: `${by} returned ${hexAddress(address)}, the start of a ${block.size}-byte block that is still live (${origin(block)}): two owners now share its bytes; ${cause}`,
    });
    return true;
  }

  /**
   * Whether live block i of `before` (j of `after`) grew only by the padding in front of a
   * block allocated in the same step right after it: emmalloc, aligning a new block, merges the
   * gap before it into the region before when that is in use (a malloc(24) block becomes 48
   * bytes when aligned(64, …) follows it). Its owner resized nothing, so that is no "resized in
   * place" (no realloc, and the program still owns only what it asked for); the ledger takes
   * the new usable size quietly, as the walk sees it. 8: emmalloc's size words, the block's
   * ceiling and the next one's floor.
   */
  private padding(before: BlockList, i: number, after: BlockList, j: number): boolean {
    if (after.size(j) < before.size(i) || j + 1 >= after.count) return false;
    const next = after.address(j + 1);
    if (next !== after.address(j) + after.size(j) + 8) return false;
    const k = before.indexContaining(next);
    return k < 0 || before.address(k) !== next;
  }

  /** A live block's new usable size (padding()), with no entry in the step's heap. */
  private regrown(address: number, size: number): void {
    const block = this.live.get(address);
    if (block) this.live.set(address, { ...block, size });
  }

  private resized(address: number, size: number, ctx: StepContext, out: StepHeap): void {
    const block = this.live.get(address);
    if (!block) return;
    // The first request no longer bounds the program's bytes; a host realloc's new one does (observe).
    if (this.asked.has(address)) this.asked = mapWithout(this.asked, address);
    const now: HeapBlock = { ...block, size };
    this.live.set(address, now);
    const entry: ResizedBlock = { ...now, from: block.size };
    const by = firstCall(ctx);
    if (by) entry.resizedIn = by;
    (out.resized ??= []).push(entry);
  }

  private allocated(address: number, size: number, ctx: StepContext, out: StepHeap): void {
    const k = this.hostAllocAt(address);
    if (k < 0 && this.window) return this.allocatedUnseen(address, size, this.window, ctx, out);
    const hostBy = k < 0 ? undefined : this.hostAllocs[k + 1] as string;
    if (hostBy !== undefined) this.asked.set(address, { size: this.hostAllocs[k + 2] as number, by: hostBy, line: ctx.line });
    const by = hostBy ?? firstCall(ctx);
    const block: HeapBlock = { address, size, owner: hostBy ? 'host' : 'guest', step: ctx.step, line: ctx.line };
    if (by) block.by = by;
    this.live.set(address, block);
    this.forget(address);
    out.allocated.push(block);
  }

  /**
   * A block the first walk after a blind window found new, which this step's host calls did
   * not allocate: the host's allocation in the window at its address (its line and size asked),
   * else the guest's, in one of the window's steps: credited to the window's first line and
   * saying so, rather than to this step's line (a write step that repaired a header allocates
   * nothing).
   */
  private allocatedUnseen(address: number, size: number, w: BlindWindow, ctx: StepContext, out: StepHeap): void {
    const host = w.allocs.get(address);
    if (host) this.asked.set(address, { size: host.size, by: host.by, line: host.line });
    const block: HeapBlock = host
      ? { address, size, owner: 'host', step: host.step, line: host.line, by: host.by }
      : { address, size, owner: 'guest', step: w.step, line: w.line, by: `a call between lines ${w.line} and ${ctx.line}, while the heap walk failed` };
    this.live.set(address, block);
    this.forget(address);
    out.allocated.push(block);
  }

  private released(address: number, ctx: StepContext, out: StepHeap): void {
    const block = this.live.get(address);
    if (!block) return;
    this.live = mapWithout(this.live, address);
    if (this.asked.has(address)) this.asked = mapWithout(this.asked, address);
    if (this.hostPinned.size !== 0) this.hostPinned.delete(address);
    // After a blind window, a host free in it at the block's address freed it, at its line.
    const inWindow = this.hostFrees.includes(address) ? undefined : this.window?.frees.get(address);
    const by: HeapOwner = inWindow || this.hostFrees.includes(address) ? 'host' : 'guest';
    this.forget(address);
    // The guest's free in the window has no line known: somewhere in the window's calls (Freed.until).
    const unseen = by === 'guest' ? this.window : null;
    const gone: Freed = { seq: this.freedSeq++, block, step: inWindow?.step ?? unseen?.step ?? ctx.step, line: inWindow?.line ?? unseen?.line ?? ctx.line, by };
    if (unseen) gone.until = ctx.line;
    this.freed.set(address, gone);
    this.freedIndex.add(address, block.size);
    if (this.freed.size > FREED_MEMORY) this.forget(this.freed.keys().next().value!);
    // Listed under this step, where it reads as freed by this step's line: a host free in the
    // window says its own (FreedBlock.freedLine), as a host allocation there keeps its line.
    out.freed.push(freedCopy(block, by, inWindow?.line));
  }

  /** True when a host allocation in the blind window (the size it asked for) covers `address`: the last walk cannot know it. */
  private allocatedInWindow(address: number): boolean {
    if (this.window === null) return false;
    for (const [start, a] of this.window.allocs) if (address >= start && address < start + a.size) return true;
    return false;
  }

  /** Where in hostAllocs the allocator call that returned `address` in this step is (the last, if several did); -1: none. */
  private hostAllocAt(address: number): number {
    for (let i = this.hostAllocs.length - 3; i >= 0; i -= 3) {
      if (this.hostAllocs[i] === address) return i;
    }
    return -1;
  }

  /** Forgets the freed block at `address`, if one is remembered. */
  private forget(address: number): void {
    const gone = this.freed.get(address);
    if (!gone) return;
    this.freed = mapWithout(this.freed, address);
    this.freedIndex.remove(address, gone.block.size);
  }

  /** The live block holding `address`, as of the last step's walk. */
  containing(address: number): HeapBlock | undefined {
    const i = this.prev?.indexContaining(address) ?? -1;
    return i >= 0 ? this.live.get(this.prev!.address(i)) : undefined;
  }
}

/** The steps since a walk failed (HeapLedger.window): the first one's step and line, and the host's allocations and frees in them by address. */
interface BlindWindow {
  step: number;
  line: number;
  allocs: Map<number, { by: string; size: number; step: number; line: number }>;
  frees: Map<number, { step: number; line: number }>;
}

/**
 * `block` and who freed it, with the block's keys in their order and `freedBy` then, for a free
 * made in an earlier step of a blind window, `freedLine` last (JSON output). Copied field by field, not with `{ ...block, freedBy }`: V8 spread these blocks (made
 * in two shapes, with and without `by`) on its slow generic path, the costliest line of the
 * ledger's work after a step that freed.
 */
function freedCopy(block: HeapBlock, by: HeapOwner, line: number | undefined): FreedBlock {
  const copy: HeapBlock & { freedBy?: HeapOwner; freedLine?: number } = { address: block.address, size: block.size, owner: block.owner, step: block.step, line: block.line };
  if (block.by !== undefined) copy.by = block.by;
  if (block.holds !== undefined) copy.holds = block.holds;
  copy.freedBy = by;
  if (line !== undefined) copy.freedLine = line;
  return copy as FreedBlock;
}

/** "at line 5 by the host"; a guest free in a blind window (Freed.until): "by the guest in a call between lines 4 and 8, while the heap walk failed". */
function freedWhen(gone: Freed): string {
  const who = gone.by === 'host' ? 'the host' : 'the guest';
  return gone.until === undefined ? `at line ${gone.line} by ${who}` : `by ${who} in a call between lines ${gone.line} and ${gone.until}, while the heap walk failed`;
}

function allocatedAt(b: HeapBlock): string {
  return b.step === null ? ` (${origin(b)})` : `; it was ${origin(b)}`;
}

/** Where a block came from: "allocated at line 12 by the host's malloc", "live before the first step". */
function origin(b: HeapBlock): string {
  if (b.step === null) return 'live before the first step';
  return `allocated at line ${b.line}${b.by ? ` by ${b.owner === 'host' ? `the host's ${b.by}` : `the guest in ${b.by}`}` : ''}`;
}


/** The export the host called in the step: what a block the guest allocated or resized there is credited to. */
function firstCall(ctx: StepContext): string | undefined {
  return ctx.calls.find((c) => c !== undefined);
}
