// Rewrites a module with Binaryen so every instruction that writes linear memory reports who it
// is: after each store / memory.fill / memory.copy / memory.init / lane store / atomic RMW, a
// call `$__ms_w(site, func, address, length, frame base)` (for a store, only when the inline
// check of run-cache.ts cannot settle it); after memory.grow, a hook with the old size. The site
// number maps back to the function and the instruction's offset in the original binary; the
// frame base is the function's frame-base local where DWARF places its variables from one
// (FrameLocals), else -1: a watch's stop reads the writer's variables at it. On entry to each
// function, when the stack pointer is above the lowest watched frame byte (__ms_flo), a call
// `$__ms_sp(stack pointer)`: a watch on a local of a paused call ends once its frame is gone,
// not at the end of the host's call (run-helper.ts says how that is told).
//
// Added to the module by run-helper.ts (function and global indices of the original are
// unchanged, so names and stack frames still line up):
//   globals  __ms_ls/__ms_lf/__ms_lb/__ms_le  the pending run: first site, its function, start,
//            end. A write extends the run when it continues it from the same site; or, once one
//            function has made NEAR_WRITES writes in a row each within SLACK bytes of the run,
//            when it is from that function and within SLACK of the run (the run then covers both).
//            So a field-by-field struct write keeps each store's offset, while a loop (clang
//            unrolls a byte loop into four stores at i, i+3, i+2, i+1) stays one entry, named by
//            the run's first store. __ms_near counts those writes (up to NEAR_WRITES).
//            Most stores settle this inline without calling the helper: see run-cache.ts.
//            __ms_wlo/__ms_whi       the hull of the watched ranges (exported; [0,0) = none)
//            __ms_flo                the lowest byte of a watch on a frame (exported; -1 = none)
//   table    memscope.hooks (import) [0] append(site, start, end) [1] watch(site, addr, len, base)
//            [2] grew(site, oldPages) [3] popped(stack pointer), from the recorder module.
//            Imported, so it is filled before a start function runs; Binaryen renumbers the
//            module's own tables after it.
//   exports  __memscope_flush        appends the pending run (before host writes, at step end)
//            __memscope_global_N     every mutable global the module defines (N: its index), so
//                                    the host can read them (stepping back compares them)

import type { default as Binaryen } from 'binaryen';
import { binaryen as loaded, type BinaryenApi } from './binaryen.ts';
import { scanWriteSites, type WriteKind } from '../../module/write-sites.ts';
import { childrenOf, node, walkExpression, type Visited } from './expression-walk.ts';
import { RECORDER_WAT } from './recorder.ts';
import { RunCache } from './run-cache.ts';
import { addRuntime, FRAME_LO_GLOBAL, HOOKS_TABLE, SP, W } from './run-helper.ts';

type Ref = number;

/** Where each site is: function index and offsets of the instruction (see module/write-sites.ts). */
export interface SiteTable {
  /** Index = site id (0 unused). */
  func: Int32Array;
  offset: Int32Array;
  at: Int32Array;
}

/**
 * Everything write tracing needs to run a module, made once per module with Binaryen: the
 * rewritten module, its site table and the recorder's binary. A session keeps it, so later
 * workers (reset, stepping back) start without loading Binaryen at all.
 */
export interface PreparedTracing {
  bytes: Uint8Array;
  sites: SiteTable;
  recorder: Uint8Array;
}

type Instrumented = Omit<PreparedTracing, 'recorder'>;

export function prepareTracing(bytes: Uint8Array, importedFunctions: number, user: Uint8Array, frameBases?: FrameBases, stackPointer?: number): PreparedTracing {
  bind();
  const m = binaryen.parseText(RECORDER_WAT);
  try {
    return { ...instrumentWrites(bytes, importedFunctions, user, { frameBases, stackPointer }), recorder: m.emitBinary() };
  } finally {
    m.dispose();
  }
}

// Binaryen and the numbers of it this rewrite uses, bound by the entry points (bind()) once
// Binaryen is loaded (binaryen.ts says why it is not imported).
let binaryen: BinaryenApi;
let OUTPUT_FEATURES: number;
let I32: number;
let NONE: number;
/** Bytes written by a lane store, by its op. */
let LANE_BYTES: Map<number, number>;
let CALLS: Set<number>;

function bind(): void {
  if (binaryen) return;
  binaryen = loaded();
  const F = binaryen.Features;
  OUTPUT_FEATURES = F.MVP | F.Atomics | F.MutableGlobals | F.NontrappingFPToInt | F.SIMD128 | F.BulkMemory |
    F.BulkMemoryOpt | F.SignExt | F.ExceptionHandling | F.TailCall | F.ReferenceTypes | F.Multivalue | F.RelaxedSIMD |
    F.ExtendedConst;
  I32 = binaryen.i32;
  NONE = binaryen.none;
  LANE_BYTES = new Map<number, number>([
    [binaryen.Store8LaneVec128, 1], [binaryen.Store16LaneVec128, 2],
    [binaryen.Store32LaneVec128, 4], [binaryen.Store64LaneVec128, 8],
  ]);
  CALLS = new Set([binaryen.CallId, binaryen.CallIndirectId, binaryen.CallRefId]);
}

/** Each function's frame-base local (FrameLocals.baseLocal) by function index. */
export type FrameBases = ReadonlyMap<number, number>;

/**
 * `bytes`: what to rewrite (maybe already memory-capped or given an export by us); `user`: the
 * user's own file, whose offsets the sites report. Both have the same function bodies.
 * `inline` false leaves out the inline fast path (run-cache.ts): the same log, more slowly.
 * `frameBases`: the locals each write passes as its function's frame base; `stackPointer`: the
 * index of the stack pointer global (heap-facts.ts), which each function passes `$__ms_sp` on entry.
 */
export function instrumentWrites(bytes: Uint8Array, importedFunctions: number, user: Uint8Array = bytes,
  { inline = true, frameBases, stackPointer }: { inline?: boolean; frameBases?: FrameBases | undefined; stackPointer?: number | undefined } = {}): Instrumented {
  bind();
  const original = bytes;
  const scanned = scanWriteSites(user);
  binaryen.setDebugInfo(true);
  // binaryen.js takes the features as readBinary's second argument (its .d.ts names another function).
  const m = (binaryen.readBinary as (data: Uint8Array, features: Binaryen.Features) => Binaryen.Module)(original, binaryen.Features.All);
  try {
    // Written back with only the features V8 in Node 20 runs: with All, Binaryen would use newer
    // encodings (compact imports) that V8 rejects.
    m.setFeatures(OUTPUT_FEATURES);
    const sites = { func: [0], offset: [0], at: [0] };
    const defined = m.getNumFunctions();
    const sp = stackPointer !== undefined && stackPointer < m.getNumGlobals() ? binaryen.getGlobalInfo(m.getGlobalByIndex(stackPointer)).name : null;
    addRuntime(m);
    for (let index = 0; index < defined; index++) {
      const fn = m.getFunctionByIndex(index);
      const info = binaryen.getFunctionInfo(fn);
      if (info.module) continue; // an import: no body
      const list = scanned[index - importedFunctions] ?? [];
      new FunctionRewrite(m, fn, index, list, sites, frameLocal(info, frameBases?.get(index)), sp).run(info.body, inline);
    }
    if (!m.validate()) throw new Error('the module uses features write tracing cannot rewrite for this engine (GC, memory64, multi-memory or newer)');
    return {
      bytes: m.emitBinary(),
      sites: { func: Int32Array.from(sites.func), offset: Int32Array.from(sites.offset), at: Int32Array.from(sites.at) },
    };
  } finally {
    m.dispose();
  }
}

/** `local` when the function has it and it is an i32 (DWARF that says otherwise is not believed); else null. */
function frameLocal(info: Binaryen.FunctionInfo, local: number | undefined): number | null {
  if (local === undefined) return null;
  const params = binaryen.expandType(info.params);
  const type = local < params.length ? params[local] : info.vars[local - params.length];
  return type === I32 ? local : null;
}

/** The rewrite of one function body: each write wrapped, sites numbered in body order. */
class FunctionRewrite {
  private readonly locals = new Map<string, number>();
  private next = 0;
  /** The inline fast path's copies of the run state; null: every store calls the helper. */
  private cache: RunCache | null = null;
  /** Loops with stores, whose stores take the fast path (see loopsWithStores). */
  private loops: LoopStores | null = null;

  constructor(
    private readonly m: Binaryen.Module,
    private readonly fn: Binaryen.FunctionRef,
    private readonly index: number,
    private readonly scanned: ReturnType<typeof scanWriteSites>[number],
    private readonly sites: { func: number[]; offset: number[]; at: number[] },
    /** The local holding the function's frame base, or null. */
    private readonly baseLocal: number | null,
    /** Binaryen's name of the stack pointer global, read on entry ($__ms_sp), or null. */
    private readonly stackPointer: string | null,
  ) {}

  /** What a write passes as its function's frame base: the local's value, or -1. */
  private frameBase(): Ref {
    return this.baseLocal === null ? this.m.i32.const(-1) : this.m.local.get(this.baseLocal, I32);
  }

  /** `inline` false: every write calls the helper (the tests compare both rewrites). */
  run(body: Ref, inline: boolean): void {
    if (!body) return;
    if (inline && this.scanned.length > 0) {
      this.loops = loopsWithStores(body);
      if (this.loops) this.cache = new RunCache(this.m, this.index, (key) => this.local(key, I32));
    }
    const out = walkExpression(body, (expr, depth) => this.visit(expr, depth));
    // The compare inline: with no frame watched (__ms_flo -1) a call costs no helper call.
    const sp = (): Ref => this.m.global.get(this.stackPointer!, I32);
    const entered = this.stackPointer === null ? out.ref : this.m.block(null, [
      this.m.if(this.m.i32.gt_u(sp(), this.m.global.get(FRAME_LO_GLOBAL, I32)), this.m.call(SP, [sp()], NONE)),
      out.ref,
    ], binaryen.getExpressionType(out.ref));
    if (entered !== body) node('Function').setBody!(this.fn, entered);
  }

  private visit(expr: Ref, depth: number): Visited {
    const id = binaryen.getExpressionId(expr);
    const type = binaryen.getExpressionType(expr);
    const inLoop = this.loops?.inside.has(expr) ?? false;
    if (this.cache && inLoop && CALLS.has(id) && type !== binaryen.unreachable) {
      return { ref: this.cache.afterCall(expr, type, () => this.local(`c:${type}`, type)), depth };
    }
    if (this.cache && this.loops!.loops.has(expr)) return { ref: this.m.block(null, [this.cache.reload(true), expr], type), depth };
    const cache = inLoop ? this.cache : null;
    const kind = writeKind(expr, id);
    if (kind === null || type === binaryen.unreachable) return { ref: expr, depth };
    const site = this.site(kind, memOffset(expr, id));
    const m = this.m;
    const d = depth + 1;
    const addr = this.local(`a${d}`, I32);
    const call = (at: Ref, len: Ref): Ref => m.call(W, [m.i32.const(site), m.i32.const(this.index), at, len, this.frameBase()], NONE);
    // Any helper call may move the run: the cached copies are read again after it.
    const record = (at: Ref, len: Ref): Ref => (cache ? m.block(null, [call(at, len), cache.reload(false)]) : call(at, len));
    const fixed = (at: Ref, n: number): Ref => (cache ? cache.store(at, n, (a) => call(a, m.i32.const(n))) : call(at, m.i32.const(n)));
    const plus = (offset: number): Ref => (offset === 0 ? m.local.get(addr, I32) : m.i32.add(m.local.get(addr, I32), m.i32.const(offset)));
    const wrap = (ref: Ref, after: Ref): Ref => m.block(null, [ref, after], NONE);
    switch (kind) {
      case 'store': {
        node('Store').setPtr!(expr, m.local.tee(addr, node('Store').getPtr!(expr), I32));
        return { ref: wrap(expr, fixed(plus(node('Store').getOffset!(expr)), node('Store').getBytes!(expr))), depth: d };
      }
      case 'lane': {
        const lane = node('SIMDLoadStoreLane');
        lane.setPtr!(expr, m.local.tee(addr, lane.getPtr!(expr), I32));
        return { ref: wrap(expr, fixed(plus(lane.getOffset!(expr)), LANE_BYTES.get(lane.getOp!(expr)) ?? 16)), depth: d };
      }
      case 'fill': case 'copy': case 'init': {
        const cls = kind === 'fill' ? node('MemoryFill') : kind === 'copy' ? node('MemoryCopy') : node('MemoryInit');
        const size = this.local(`n${d}`, I32);
        cls.setDest!(expr, m.local.tee(addr, cls.getDest!(expr), I32));
        cls.setSize!(expr, m.local.tee(size, cls.getSize!(expr), I32));
        return { ref: wrap(expr, record(m.local.get(addr, I32), m.local.get(size, I32))), depth: d };
      }
      default: return { ref: this.valued(expr, kind, site, addr, d, cache), depth: d };
    }
  }

  /** Writes that produce a value (memory.grow, atomic RMW and cmpxchg): kept in a local meanwhile. */
  private valued(expr: Ref, kind: WriteKind, site: number, addr: number, d: number, cache: RunCache | null): Ref {
    const m = this.m;
    const type = binaryen.getExpressionType(expr);
    const result = this.local(`r${d}:${type}`, type);
    let after: Ref;
    if (kind === 'grow') {
      after = m.call_indirect(HOOKS_TABLE, m.i32.const(2), [m.i32.const(site), m.local.get(result, I32)], binaryen.createType([I32, I32]), NONE);
    } else {
      const cls = kind === 'rmw' ? node('AtomicRMW') : node('AtomicCmpxchg');
      cls.setPtr!(expr, m.local.tee(addr, cls.getPtr!(expr), I32));
      const offset = cls.getOffset!(expr);
      const at = offset === 0 ? m.local.get(addr, I32) : m.i32.add(m.local.get(addr, I32), m.i32.const(offset));
      after = m.call(W, [m.i32.const(site), m.i32.const(this.index), at, m.i32.const(cls.getBytes!(expr)), this.frameBase()], NONE);
      if (cache) after = m.block(null, [after, cache.reload(false)]);
    }
    return m.block(null, [m.local.set(result, expr), after, m.local.get(result, type)], type);
  }

  /**
   * The next site id, matched to the scanned instruction list: the walk meets writes in body
   * order, and Binaryen only ever drops (dead) code, so each one is the next scanned write of
   * the same kind and static offset.
   */
  private site(kind: WriteKind, memOffset: number): number {
    while (this.next < this.scanned.length) {
      const s = this.scanned[this.next++]!;
      if (s.kind === kind && s.memOffset === memOffset) return this.push(s.offset, s.at);
    }
    return this.push(-1, -1);
  }

  private push(offset: number, at: number): number {
    this.sites.func.push(this.index);
    this.sites.offset.push(offset);
    this.sites.at.push(at);
    return this.sites.func.length - 1;
  }

  private local(key: string, type: number): number {
    let index = this.locals.get(key);
    if (index === undefined) {
      index = (binaryen as unknown as { _BinaryenFunctionAddVar(fn: number, type: number): number })._BinaryenFunctionAddVar(this.fn, type);
      this.locals.set(key, index);
    }
    return index;
  }
}

interface LoopStores {
  /** Loops with a store inside: the copies are read where each starts. */
  loops: Set<Ref>;
  /** Every expression inside those loops: their stores take the fast path, their calls reload. */
  inside: Set<Ref>;
}

/** The largest loop whose stores take the fast path: a memset or copy loop is a few stores. */
const LOOP_STORES = 32;
const LOOP_CALLS = 16;

/**
 * Where the inline fast path pays: stores in small loops, which may run a million times per
 * call. A store elsewhere runs once per pass through its code, so it keeps calling the helper,
 * and the rewrite stays small: the fast path is ~60 bytes a store and the reloads follow only
 * the calls inside such loops. (Go wraps each function in a loop for resuming goroutines; taking
 * every store of those made the rewrite 2.4× larger and its calls slower.) Null when no loop
 * qualifies, or the body has a `try` (a caught exception would resume with stale copies).
 */
function loopsWithStores(body: Ref): LoopStores | null {
  const found: LoopStores = { loops: new Set(), inside: new Set() };
  let hasTry = false;
  const mark = (expr: Ref): void => {
    found.inside.add(expr);
    for (const child of childrenOf(expr)) mark(child);
  };
  // Stores and calls in the subtree.
  const scan = (expr: Ref): [number, number] => {
    const id = binaryen.getExpressionId(expr);
    if (id === binaryen.TryId) hasTry = true;
    const store = id === binaryen.StoreId || (id === binaryen.SIMDLoadStoreLaneId && Boolean(node('SIMDLoadStoreLane').isStore!(expr)));
    let stores = store ? 1 : 0;
    let calls = CALLS.has(id) ? 1 : 0;
    for (const child of childrenOf(expr)) {
      const [s, c] = scan(child);
      stores += s;
      calls += c;
    }
    if (id === binaryen.LoopId && stores > 0 && stores <= LOOP_STORES && calls <= LOOP_CALLS) {
      found.loops.add(expr);
      mark(expr);
    }
    return [stores, calls];
  };
  scan(body);
  return found.loops.size > 0 && !hasTry ? found : null;
}

function writeKind(expr: Ref, id: number): WriteKind | null {
  switch (id) {
    case binaryen.StoreId: return 'store';
    case binaryen.SIMDLoadStoreLaneId: return node('SIMDLoadStoreLane').isStore!(expr) ? 'lane' : null;
    case binaryen.MemoryFillId: return 'fill';
    case binaryen.MemoryCopyId: return 'copy';
    case binaryen.MemoryInitId: return 'init';
    case binaryen.MemoryGrowId: return 'grow';
    case binaryen.AtomicRMWId: return 'rmw';
    case binaryen.AtomicCmpxchgId: return 'cmpxchg';
    default: return null;
  }
}

function memOffset(expr: Ref, id: number): number {
  switch (id) {
    case binaryen.StoreId: return node('Store').getOffset!(expr);
    case binaryen.SIMDLoadStoreLaneId: return node('SIMDLoadStoreLane').getOffset!(expr);
    case binaryen.AtomicRMWId: return node('AtomicRMW').getOffset!(expr);
    case binaryen.AtomicCmpxchgId: return node('AtomicCmpxchg').getOffset!(expr);
    default: return 0;
  }
}
