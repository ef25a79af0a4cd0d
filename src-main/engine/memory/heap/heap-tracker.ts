// The heap as the guest's worker tracks it: walks the heap after every step that may change
// memory (call and write steps), feeds the ledger, checks host frees and accesses through the
// executor's hooks, and reads the stack pointer. One per guest instance.

import type { HeapSummary, ModuleInfo, StaticVariable, StepHeap, TypedBlock } from '../../../shared/dto.ts';
import { partAt, staticAt } from '../../../shared/statics.ts';
import { typedBlocks } from './typed-blocks.ts';
import { nodeBlocks } from './node-blocks.ts';
import { formatProblem } from '../../../shared/heap-format.ts';
import { count } from '../../../shared/count.ts';
import type { HeapHooks } from '../../sequence/port.ts';
import { heapFacts } from './heap-facts.ts';
import { HeapLedger, type StepContext } from './ledger.ts';
import { memoryMap } from './memory-map.ts';
import { containing, pointedTo, type InUse } from './pointed-to.ts';
import type { BlockList } from './block-list.ts';
import type { HeapFacts, HeapWalk, Resume } from './types.ts';
import { resumeAfter, walkHeap } from './walk.ts';
import { ARGV_HOLDS, startupArgv } from './startup-argv.ts';
import { holdsNoAddress } from './address-free.ts';

/** Host accesses kept per step for the use-after-free check (a struct read makes a few). */
const MAX_ACCESSES = 64;

/** Problems kept for `expect no heap problems` (it lists a few; the rest are counted). */
const MAX_KEPT_PROBLEMS = 16;

/** The step as the ledger sees it (StepContext), and its kind. */
export interface StepFacts extends StepContext {
  /** The step's kind: reads and writes are checked for use after free. */
  kind: string;
}

export class HeapTracker {
  /** Replaced, never changed in place, when a walk finds another allocator (adopt): callers may hold the old one. */
  private current: HeapFacts;
  private readonly ledger: HeapLedger;
  private walked: HeapWalk | null = null;
  /** The walk of memory as of the last change capture: the next step's walk resumes from it. */
  private base: HeapWalk | null = null;
  private hint: number | undefined;
  private readonly accesses: [number, number][] = [];
  private lastMark: string | null = null;
  /**
   * The blocks allocated during the sequence that were leaked already at the last mark (nothing
   * in use pointed to them): `expect no leaks` after it counts a block allocated before the mark
   * only when the steps since lost it.
   */
  private lostAtMark = new Set<number>();
  /** The allocator is a garbage collector's (AssemblyScript's TLSF, TinyGo): see HeapLedger.isLeak. */
  private readonly collects: boolean;
  /** The problems (leaks aside) and corrupt walks of the steps since the start or the last mark, as text. */
  private problemsSince: string[] = [];
  private problemsMore = 0;
  /** A WASI command's libc may allocate main's argv at start-up (startup-argv.ts). */
  private readonly startupArgs: boolean;

  constructor(info: ModuleInfo, private readonly readStackPointer: () => number | null) {
    this.current = heapFacts(info);
    this.collects = this.facts.walker === 'tlsf' || this.facts.walker === 'tinygo';
    this.startupArgs = !this.collects && info.imports.some((i) => i.kind === 'func' && i.module.startsWith('wasi_') && i.name === 'args_get');
    this.ledger = new HeapLedger(this.collects, this.facts.walker === 'emmalloc', this.facts.walker === 'tlsf');
  }

  get facts(): HeapFacts {
    return this.current;
  }

  /** The walk before the first step; blocks live now are "live before the sequence". */
  start(bytes: Uint8Array): void {
    this.lastMark = null;
    this.lostAtMark.clear();
    this.problemsSince = [];
    this.problemsMore = 0;
    this.base = this.walk(bytes);
    this.ledger.start(this.base);
  }

  /** Called by the watched memory for every host read or write in a step. */
  noteAccess(address: number, length: number): void {
    if (this.accesses.length < MAX_ACCESSES) this.accesses.push([address, address + length]);
  }

  /** `memory`: the guest's memory as it is now, for the leak scan of `expect no leaks`. */
  hooks(memory: () => Uint8Array): HeapHooks {
    const ledger = this.ledger;
    return {
      checkFree: (address) => ledger.checkFree(address),
      checkPointer: (value, what) => ledger.checkAccess(value, value + 1, what, 'points into'),
      report: (problem) => ledger.report(problem),
      hostAlloc: (address, by, size) => ledger.noteHostAlloc(address, by, size),
      hostFree: (address) => ledger.noteHostFree(address),
      hostPin: (address) => ledger.noteHostPin(address),
      hostResize: (address, by, size) => ledger.noteHostResize(address, by, size),
      mark: (label, step) => {
        ledger.mark(label, step);
        this.lastMark = label;
        this.lostAtMark = this.collects ? new Set() : this.lost(memory());
        this.problemsSince = [];
        this.problemsMore = 0;
      },
      leaks: () => {
        if (!ledger.active) return this.walked?.reason ?? this.facts.reason ?? 'the heap could not be walked';
        // A walk that failed leaves the ledger blind to blocks allocated since (ledger.ts observe),
        // so a list of leaks would be partial: one allocated after the failure went unseen, and
        // with no other the expect passed. The first walk that succeeds again catches the ledger
        // up (ledger.ts, window), and the expect answers again.
        const blind = this.walked ? leaksBlind(this.walked) : null;
        if (blind) return blind;
        const since = ledger.leaksSince(this.lastMark ?? undefined);
        // Under a collector only what the host holds counts, and its pin list points to that.
        if (this.collects) return { since: this.since(), blocks: since, lostSince: [], reachable: 0 };
        const all = this.lastMark === null ? since : ledger.leaksSince();
        if (all.length === 0) return { since: this.since(), blocks: [], lostSince: [], reachable: 0 };
        const lost = this.lost(memory());
        const after = new Set(since.map((b) => b.address));
        return {
          since: this.since(),
          blocks: since.filter((b) => lost.has(b.address)),
          lostSince: all.filter((b) => !after.has(b.address) && lost.has(b.address) && !this.lostAtMark.has(b.address)),
          reachable: since.filter((b) => !lost.has(b.address)).length,
        };
      },
      problems: () => {
        if (!this.facts.walker) return this.facts.reason ?? 'the heap could not be walked';
        return { since: this.since(), problems: this.problemsSince, more: this.problemsMore };
      },
    };
  }

  /**
   * After a step: the host's reads and writes checked (checkAccesses), then (when `bytes`
   * is given: the step may have changed memory) a new walk diffed with the last one.
   * `changes` are the byte ranges changed since the last capture (sorted), when known: the
   * walk then rereads only the heap from the lowest of them on. Without them (or after the
   * memory grew) it reads the whole heap.
   */
  afterStep(bytes: Uint8Array | null, step: StepFacts, changes?: { ranges: [number, number][]; grew?: unknown } | null): { heap: StepHeap | undefined; stackPointer: number | null } {
    if ((step.kind === 'read' || step.kind === 'write') && this.accesses.length !== 0) this.checkAccesses(step.kind);
    // Not when empty (most steps): setting an array's length is a call into V8's runtime.
    if (this.accesses.length !== 0) this.accesses.length = 0;
    const walk = bytes && this.facts.walker ? this.walk(bytes, this.base && changes ? resumeAfter(this.base, changes) : undefined) : null;
    if (walk) this.base = walk;
    const heap = this.facts.walker ? this.ledger.observe(walk, step) : undefined;
    if (heap) this.keepProblems(heap, step.line);
    return { heap, stackPointer: this.readStackPointer() };
  }

  private since(): string {
    return this.lastMark === null ? 'the first step' : `mark "${this.lastMark}"`;
  }

  /** A step's problems for `expect no heap problems`: leaks are `expect no leaks`'s, a corrupt walk is one. */
  private keepProblems(heap: StepHeap, line: number): void {
    // Runs after every walked step; most have nothing to keep.
    if (heap.problems.length === 0 && heap.walk === undefined) return;
    const texts = heap.problems.filter((p) => p.kind !== 'leak').map(formatProblem);
    if (heap.walk?.startsWith('corrupt')) texts.push(`the heap walk failed (${heap.walk})`);
    for (const text of texts) {
      if (this.problemsSince.length < MAX_KEPT_PROBLEMS) this.problemsSince.push(`line ${line}: ${text}`);
      else this.problemsMore++;
    }
  }

  /**
   * The step's host accesses, touching ones joined (a struct read is one access per field),
   * checked for use after free, then for running past a block's end or (a write) over the
   * allocator's own bytes: the first of each kind is reported.
   */
  private checkAccesses(kind: string): void {
    // In place: the list is emptied after the step. A struct's fields come in order already.
    const spans = this.accesses;
    if (spans.length > 1) spans.sort((a, b) => a[0] - b[0]);
    const joined: [number, number][] = [];
    for (const [start, end] of spans) {
      const last = joined[joined.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else joined.push([start, end]);
    }
    let freed = false;
    let overrun = false;
    for (const [start, end] of joined) {
      const what = `the ${kind} of ${count(end - start, 'byte')} at 0x${start.toString(16)}`;
      const afterFree = freed ? null : this.ledger.checkAccess(start, end, what);
      if (afterFree) {
        this.ledger.report(afterFree);
        freed = true;
      }
      const past = overrun ? null : this.ledger.checkOverrun(start, end, what)
        ?? (kind === 'write' && this.base ? this.ledger.checkBookkeeping(this.base, start, end, what) : null);
      if (past) {
        this.ledger.report(past);
        overrun = true;
      }
    }
  }

  /**
   * The heap now, its blocks typed by the statics' pointers and collections (typedBlocks).
   * `references`: also scan memory for pointers to the leaks (HeapSummary.pointedTo), as the
   * CLI's last summary does. Asynchronous only as the collections' walks are (node-blocks.ts):
   * it reads nothing but `bytes`.
   */
  async summary(memorySize: number, bytes: Uint8Array, references = false): Promise<HeapSummary> {
    const summary = this.scanned(memorySize, bytes, references);
    if (this.facts.staticTypes.length === 0) return summary;
    const nodes = await nodeBlocks(bytes, this.facts.statics, this.facts.staticTypes, summary.live);
    const typed = typedBlocks(bytes, this.facts.statics, this.facts.staticTypes, summary.live, nodes);
    if (typed.length > 0) summary.typedBlocks = typed;
    return summary;
  }

  /**
   * The blocks holding any of `addresses` (a step's watch hits: StepRecord.hitBlocks) that the
   * statics' pointers type now, as summary() types them but synchronously, so without the
   * collections' nodes (node-blocks.ts walks them asynchronously): a hit in a map's node stays
   * bytes. Nothing is typed when no hit is in a live block.
   */
  typedHolding(addresses: readonly number[], bytes: Uint8Array): TypedBlock[] {
    if (this.facts.staticTypes.length === 0 || !this.ledger.active) return [];
    const holding = new Set<number>();
    for (const a of addresses) {
      const block = this.ledger.containing(a);
      if (block) holding.add(block.address);
    }
    if (holding.size === 0) return [];
    return typedBlocks(bytes, this.facts.statics, this.facts.staticTypes, this.ledger.liveBlocks()).filter((t) => holding.has(t.address));
  }

  /** The heap now as summary() says, but for typed blocks. */
  private scanned(memorySize: number, bytes: Uint8Array, references: boolean): HeapSummary {
    const walk = this.facts.walker ? this.walk(bytes) : null;
    const live = this.ledger.active ? this.ledger.liveBlocks() : [];
    const stackPointer = this.readStackPointer();
    // A stripped WASI module's dlmalloc is a guess by its state's shape (HeapFacts.byShape): until
    // a walk finds that shape nothing says whose heap it is, so it is not walked, as for an
    // allocator nothing names. Said as "dlmalloc …, 0 live blocks", with `--strict-heap` passing.
    const guessed = this.facts.byShape === true && walk?.status === 'not-recognised' && !this.ledger.started;
    const summary: HeapSummary = {
      allocator: guessed ? null : this.facts.allocator,
      walker: guessed ? null : this.facts.walker,
      status: walk?.status ?? 'not-recognised',
      live,
      leaks: live.filter((b) => this.ledger.isLeak(b)),
      map: memoryMap(this.facts, { memorySize, stackPointer, walk }),
      stackPointer,
      free: walk ? ranges(walk.free) : [],
      headers: walk ? headerRanges(walk) : [],
    };
    if (this.collects) summary.collects = true;
    if (this.startupArgs && summary.leaks.length >= 2) this.setAsideArgv(summary, bytes);
    const reason = walk?.reason ?? (walk ? undefined : this.facts.reason);
    if (reason) summary.reason = reason;
    // Once the heap was known: a walk that no longer recognises it (its state overwritten)
    // knows no block, so an empty list is not "no leaks" either.
    const blind = this.ledger.started && walk ? leaksBlind(walk) : null;
    if (blind) summary.leaksUnknown = blind;
    if (references && summary.leaks.length > 0) {
      const end = walk?.status === 'ok' && walk.extent ? walk.extent[1] : memorySize;
      const statics = this.facts.statics;
      const found = pointedTo(bytes, summary.leaks, end, keepsAt(summary, statics, walk?.state));
      summary.pointedTo = [...found.from];
      if (found.into.size > 0) summary.pointedInto = [...found.into];
      const named = inStatics(summary.pointedTo, statics, bytes);
      if (named.length > 0) summary.pointedFromStatic = named;
      if (found.kept.size > 0) {
        summary.stillReachable = summary.leaks.filter((b) => found.kept.has(b.address));
        summary.leaks = summary.leaks.filter((b) => !found.kept.has(b.address));
      }
    }
    return summary;
  }

  /**
   * wasi-libc's argv blocks (startup-argv.ts) out of the leaks, and said as the runtime's in
   * the live list (HeapBlock.holds): the summary's text lists them apart (formatHeapSummary).
   */
  private setAsideArgv(summary: HeapSummary, bytes: Uint8Array): void {
    const runtime = new Set(startupArgv(bytes, summary.leaks));
    if (runtime.size === 0) return;
    summary.leaks = summary.leaks.filter((b) => !runtime.has(b.address));
    summary.live = summary.live.map((b) => (runtime.has(b.address) ? { ...b, holds: ARGV_HOLDS } : b));
  }

  /** The blocks allocated during the sequence that are leaked now, nothing in use pointing to them: the summary's leak scan. */
  private lost(bytes: Uint8Array): Set<number> {
    return new Set(this.scanned(bytes.length, bytes, true).leaks.map((b) => b.address));
  }

  private walk(bytes: Uint8Array, resume?: Resume): HeapWalk {
    const walk = walkHeap(bytes, this.facts, this.hint, resume);
    if (walk.walker !== this.facts.walker && walk.status === 'ok') this.adopt(walk);
    if (walk.hint !== undefined) this.hint = walk.hint;
    this.walked = walk;
    return walk;
  }

  /**
   * The walk of another allocator succeeded where the facts' walker found nothing (Emscripten
   * without names: HeapFacts.orEmmalloc): from now on walk that one, and name it by how it was
   * found, in the summary and the memory map.
   */
  private adopt(walk: HeapWalk): void {
    if (walk.walker !== 'emmalloc') return;
    this.current = { ...this.current, walker: 'emmalloc', allocator: 'emmalloc (found by its heap\'s shape: the module has no names)', orEmmalloc: false, stateAt: undefined };
    this.hint = undefined;
    this.ledger.givesPadding = true;
  }
}

/**
 * Whether a word at an address can keep a block in use (pointed-to.ts, InUse): surely in static
 * data (a static variable DWARF names included, wherever the map puts it), on the stack above
 * its pointer and in a live block that is no leak; maybe where the map cannot tell (.bss of
 * unknown size inside the stack's band, memory the map does not name); not in the stack below
 * its pointer, a free chunk or the heap's free top. Nor in the allocator's state (a tree bin
 * left pointing into a chunk since handed out kept a 5 MB block the program lost) or .rodata
 * (constants fixed at link time hold no address malloc returned later, but a block of megabytes
 * spans so many values that some string's bytes read as a word pointing into it): either made
 * a lost block "still reachable" and hid its leak. Nor in a static where DWARF's types say the
 * word holds no address (address-free.ts: chars, shorts, floats, enums), as a char table's bytes
 * may spell one by chance.
 */
function keepsAt(s: HeapSummary, statics: readonly StaticVariable[], state?: [number, number]): (at: number) => InUse {
  const leaked = new Set(s.leaks.map((b) => b.address));
  const live = s.live.filter((b) => !leaked.has(b.address));
  return (at) => {
    if (state && at >= state[0] && at < state[1]) return false; // HeapWalk.state
    if (staticAt(statics, at)) return !holdsNoAddress(statics, at);
    const band = s.map.find((m) => at >= m.start && at < m.end);
    if (!band) return 'maybe';
    switch (band.kind) {
      case 'data': return band.label !== '.rodata';
      case 'bss': case 'stack-used': return true;
      case 'stack': return band.label.includes('.bss') ? 'maybe' : false;
      case 'heap': return containing(live, at) !== -1;
      default: return false;
    }
  };
}

/** Every header: the one in front of each block (used or free) and the walker's other bookkeeping. */
function headerRanges(walk: HeapWalk): [number, number][] {
  const out = ranges(walk.headers);
  for (const [list, before] of [[walk.used, walk.headerBefore], [walk.free, walk.freeHeaderBefore]] as const) {
    if (before === 0) continue;
    for (let i = 0; i < list.count; i++) out.push([list.address(i) - before, list.address(i)]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function ranges(list: BlockList): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < list.count; i++) out.push([list.address(i), list.address(i) + list.size(i)]);
  return out;
}

/** The pointing words that lie inside a named static, each with the static's part holding it (`table`, `calls::none[0]`). */
function inStatics(pointedTo: readonly [number, number][], statics: readonly StaticVariable[], memory: Uint8Array): NonNullable<HeapSummary['pointedFromStatic']> {
  const out: NonNullable<HeapSummary['pointedFromStatic']> = [];
  if (statics.length === 0) return out;
  for (const from of new Set(pointedTo.map(([, at]) => at))) {
    const v = staticAt(statics, from);
    if (!v) continue;
    const part = v.layout ? partAt(v.layout, from - v.address, true, memory.subarray(v.address)) : null;
    out.push(part
      ? { from, name: `${v.name}${part.path}`, address: from - part.into, type: part.type }
      : { from, name: v.name, address: v.address, type: v.type });
  }
  return out;
}

/** Why a walk that failed leaves the leaks unknown (`expect no leaks`, HeapSummary.leaksUnknown), or null after one that did not. */
function leaksBlind(walk: { status: string; reason?: string }): string | null {
  if (walk.status === 'ok' || walk.status === 'empty') return null;
  return `the heap walk failed (walk ${walk.status}: ${walk.reason ?? 'no reason given'}), so blocks allocated since are not known`;
}
