// Rewrites a module with Binaryen so every instruction that writes linear memory reports who it
// is: after each store / memory.fill / memory.copy / memory.init / lane store / atomic RMW, a
// call `$__ms_w(site, address, length)`; after memory.grow, a hook with the old size. The site
// number maps back to the function and the instruction's offset in the original binary.
//
// Added to the module (function and global indices of the original are unchanged, so names and
// stack frames still line up):
//   globals  __ms_ls/__ms_lf/__ms_lb/__ms_le  the pending run: first site, its function, start,
//            end. A write extends the run when it continues it from the same site; or, once one
//            function has made NEAR_WRITES writes in a row each within SLACK bytes of the run,
//            when it is from that function and within SLACK of the run (the run then covers both).
//            So a field-by-field struct write keeps each store's offset, while a loop (clang
//            unrolls a byte loop into four stores at i, i+3, i+2, i+1) stays one entry, named by
//            the run's first store. __ms_near counts those writes.
//            __ms_wlo/__ms_whi       the hull of the watched ranges (exported; [0,0) = none)
//   table    memscope.hooks (import) [0] append(site, start, end) [1] watch(site, addr, len)
//            [2] grew(site, oldPages), from the recorder module. Imported, so it is filled before
//            a start function runs; Binaryen renumbers the module's own tables after it.
//   exports  __memscope_flush        appends the pending run (before host writes, at step end)
//            __memscope_global_N     every mutable global the module defines (N: its index), so
//                                    the host can read them (stepping back compares them)

import binaryen from 'binaryen';
import { scanWriteSites, type WriteKind } from '../../module/write-sites.ts';
import { node, walkExpression, type Visited } from './expression-walk.ts';
import { RECORDER_WAT } from './recorder.ts';

type Ref = number;

export const HOOKS_TABLE = '__memscope_hooks';
/** Where the hook table is imported from: imports[HOOKS_MODULE][HOOKS_NAME]. */
export const HOOKS_MODULE = 'memscope';
export const HOOKS_NAME = 'hooks';
export const FLUSH_EXPORT = '__memscope_flush';
export const WATCH_LO = '__memscope_wlo';
export const WATCH_HI = '__memscope_whi';
/** Export name prefix of the module's own mutable globals; the suffix is the global index. */
export const GLOBAL_EXPORT = '__memscope_global_';

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

export function prepareTracing(bytes: Uint8Array, importedFunctions: number, user: Uint8Array): PreparedTracing {
  const m = binaryen.parseText(RECORDER_WAT);
  try {
    return { ...instrumentWrites(bytes, importedFunctions, user), recorder: m.emitBinary() };
  } finally {
    m.dispose();
  }
}

const F = binaryen.Features;
const OUTPUT_FEATURES = F.MVP | F.Atomics | F.MutableGlobals | F.NontrappingFPToInt | F.SIMD128 | F.BulkMemory |
  F.BulkMemoryOpt | F.SignExt | F.ExceptionHandling | F.TailCall | F.ReferenceTypes | F.Multivalue | F.RelaxedSIMD |
  F.ExtendedConst;

/** How far from a run a write of the same function may land and still join it, in bytes. */
export const SLACK = 16;
/** Writes of one function in a row near each other before different stores merge into one run. */
export const NEAR_WRITES = 16;

const I32 = binaryen.i32;
const NONE = binaryen.none;
const W = '__ms_w';

/** Bytes written by a lane store, by its op. */
const LANE_BYTES = new Map<number, number>([
  [binaryen.Store8LaneVec128, 1], [binaryen.Store16LaneVec128, 2],
  [binaryen.Store32LaneVec128, 4], [binaryen.Store64LaneVec128, 8],
]);

/**
 * `bytes`: what to rewrite (maybe already memory-capped or given an export by us); `user`: the
 * user's own file, whose offsets the sites report. Both have the same function bodies.
 */
export function instrumentWrites(bytes: Uint8Array, importedFunctions: number, user: Uint8Array = bytes): Instrumented {
  const original = bytes;
  const scanned = scanWriteSites(user);
  binaryen.setDebugInfo(true);
  // binaryen.js takes the features as readBinary's second argument (its .d.ts names another function).
  const m = (binaryen.readBinary as (data: Uint8Array, features: binaryen.Features) => binaryen.Module)(original, binaryen.Features.All);
  try {
    // Written back with only the features V8 in Node 20 runs: with All, Binaryen would use newer
    // encodings (compact imports) that V8 rejects.
    m.setFeatures(OUTPUT_FEATURES);
    const sites = { func: [0], offset: [0], at: [0] };
    const defined = m.getNumFunctions();
    addRuntime(m);
    for (let index = 0; index < defined; index++) {
      const fn = m.getFunctionByIndex(index);
      const info = binaryen.getFunctionInfo(fn);
      if (info.module) continue; // an import: no body
      const list = scanned[index - importedFunctions] ?? [];
      new FunctionRewrite(m, fn, index, list, sites).run(info.body);
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

/** The globals, hook table, recording helper and flush export every rewrite uses. */
function addRuntime(m: binaryen.Module): void {
  for (let i = 0, n = m.getNumGlobals(); i < n; i++) {
    const g = binaryen.getGlobalInfo(m.getGlobalByIndex(i));
    if (g.mutable && !g.module) m.addGlobalExport(g.name, `${GLOBAL_EXPORT}${i}`);
  }
  for (const g of ['__ms_ls', '__ms_lf', '__ms_lb', '__ms_le', '__ms_near', '__ms_wlo', '__ms_whi']) m.addGlobal(g, I32, true, m.i32.const(0));
  m.addGlobalExport('__ms_wlo', WATCH_LO);
  m.addGlobalExport('__ms_whi', WATCH_HI);
  m.addTable(HOOKS_TABLE, 3, 3); // funcref by default
  m.addTableImport(HOOKS_TABLE, HOOKS_MODULE, HOOKS_NAME);
  const get = (name: string, type = I32): Ref => m.global.get(name, type);
  const local = (i: number): Ref => m.local.get(i, I32);
  const hook = (slot: number, args: Ref[]): Ref =>
    m.call_indirect(HOOKS_TABLE, m.i32.const(slot), args, binaryen.createType(args.map(() => I32)), NONE);
  // (site, func, addr, len; end): continuing the run → extend it; else append the run, start anew.
  const start = m.block(null, [
    hook(0, [get('__ms_ls'), get('__ms_lb'), get('__ms_le')]),
    m.global.set('__ms_ls', local(0)),
    m.global.set('__ms_lf', local(1)),
    m.global.set('__ms_lb', local(2)),
    m.global.set('__ms_le', local(4)),
  ]);
  // locals: 0 site, 1 func, 2 addr, 3 len, 4 end, 5 near (this write is near the run, same function)
  const continues = m.i32.and(m.i32.eq(local(0), get('__ms_ls')), m.i32.eq(local(2), get('__ms_le')));
  const near = m.i32.and(m.i32.eq(local(1), get('__ms_lf')), m.i32.and(
    m.i32.ge_u(m.i32.add(local(2), m.i32.const(SLACK)), get('__ms_lb')),
    m.i32.le_u(local(2), m.i32.add(get('__ms_le'), m.i32.const(SLACK)))));
  const merge = m.i32.and(local(5), m.i32.ge_u(get('__ms_near'), m.i32.const(NEAR_WRITES)));
  const widen = m.block(null, [
    m.if(m.i32.lt_u(local(2), get('__ms_lb')), m.global.set('__ms_lb', local(2))),
    m.if(m.i32.gt_u(local(4), get('__ms_le')), m.global.set('__ms_le', local(4))),
  ]);
  m.addFunction(W, binaryen.createType([I32, I32, I32, I32]), NONE, [I32, I32], m.block(null, [
    m.local.set(4, m.i32.add(local(2), local(3))),
    m.local.set(5, near),
    m.global.set('__ms_near', m.select(local(5), m.i32.add(get('__ms_near'), m.i32.const(1)), m.i32.const(0))),
    m.if(m.i32.or(continues, merge), widen, start),
    m.if(m.i32.and(m.i32.lt_u(local(2), get('__ms_whi')), m.i32.gt_u(local(4), get('__ms_wlo'))),
      hook(1, [local(0), local(2), local(3)])),
  ]));
  m.addFunction('__ms_flush', NONE, NONE, [], m.block(null, [
    hook(0, [get('__ms_ls'), get('__ms_lb'), get('__ms_le')]),
    m.global.set('__ms_ls', m.i32.const(0)),
    m.global.set('__ms_lb', m.i32.const(0)),
    m.global.set('__ms_le', m.i32.const(0)),
  ]));
  m.addFunctionExport('__ms_flush', FLUSH_EXPORT);
  // grew(site, old pages) lives in the hook table too, called from each rewritten memory.grow.
}

/** The rewrite of one function body: each write wrapped, sites numbered in body order. */
class FunctionRewrite {
  private readonly locals = new Map<string, number>();
  private next = 0;

  constructor(
    private readonly m: binaryen.Module,
    private readonly fn: binaryen.FunctionRef,
    private readonly index: number,
    private readonly scanned: ReturnType<typeof scanWriteSites>[number],
    private readonly sites: { func: number[]; offset: number[]; at: number[] },
  ) {}

  run(body: Ref): void {
    if (!body) return;
    const out = walkExpression(body, (expr, depth) => this.visit(expr, depth));
    if (out.ref !== body) node('Function').setBody!(this.fn, out.ref);
  }

  private visit(expr: Ref, depth: number): Visited {
    const id = binaryen.getExpressionId(expr);
    const kind = writeKind(expr, id);
    if (kind === null || binaryen.getExpressionType(expr) === binaryen.unreachable) return { ref: expr, depth };
    const site = this.site(kind, memOffset(expr, id));
    const m = this.m;
    const d = depth + 1;
    const addr = this.local(`a${d}`, I32);
    const record = (at: Ref, len: Ref): Ref => m.call(W, [m.i32.const(site), m.i32.const(this.index), at, len], NONE);
    const plus = (offset: number): Ref => (offset === 0 ? m.local.get(addr, I32) : m.i32.add(m.local.get(addr, I32), m.i32.const(offset)));
    const wrap = (ref: Ref, after: Ref): Ref => m.block(null, [ref, after], NONE);
    switch (kind) {
      case 'store': {
        node('Store').setPtr!(expr, m.local.tee(addr, node('Store').getPtr!(expr), I32));
        return { ref: wrap(expr, record(plus(node('Store').getOffset!(expr)), m.i32.const(node('Store').getBytes!(expr)))), depth: d };
      }
      case 'lane': {
        const lane = node('SIMDLoadStoreLane');
        lane.setPtr!(expr, m.local.tee(addr, lane.getPtr!(expr), I32));
        return { ref: wrap(expr, record(plus(lane.getOffset!(expr)), m.i32.const(LANE_BYTES.get(lane.getOp!(expr)) ?? 16))), depth: d };
      }
      case 'fill': case 'copy': case 'init': {
        const cls = kind === 'fill' ? node('MemoryFill') : kind === 'copy' ? node('MemoryCopy') : node('MemoryInit');
        const size = this.local(`n${d}`, I32);
        cls.setDest!(expr, m.local.tee(addr, cls.getDest!(expr), I32));
        cls.setSize!(expr, m.local.tee(size, cls.getSize!(expr), I32));
        return { ref: wrap(expr, record(m.local.get(addr, I32), m.local.get(size, I32))), depth: d };
      }
      default: return { ref: this.valued(expr, kind, site, addr, d), depth: d };
    }
  }

  /** Writes that produce a value (memory.grow, atomic RMW and cmpxchg): kept in a local meanwhile. */
  private valued(expr: Ref, kind: WriteKind, site: number, addr: number, d: number): Ref {
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
      after = m.call(W, [m.i32.const(site), m.i32.const(this.index), at, m.i32.const(cls.getBytes!(expr))], NONE);
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
