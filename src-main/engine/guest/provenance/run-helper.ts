// The runtime every write-tracing rewrite adds to a module: the pending run's globals, the
// hook table, the recording helper `$__ms_w` with the run rule (see instrument.ts's header) and
// the flush export. Indices of the module's own functions and globals are left as they were.

import type { default as Binaryen } from 'binaryen';
import { binaryen as loaded } from './binaryen.ts';

type Ref = number;

export const HOOKS_TABLE = '__memscope_hooks';
/** Where the hook table is imported from: imports[HOOKS_MODULE][HOOKS_NAME]. */
export const HOOKS_MODULE = 'memscope';
export const HOOKS_NAME = 'hooks';
export const FLUSH_EXPORT = '__memscope_flush';
export const WATCH_LO = '__memscope_wlo';
export const WATCH_HI = '__memscope_whi';
/** The lowest address a watch on a stack frame covers (0xffffffff: none): a function entered with the stack pointer above it means that frame is gone. */
export const FRAME_LO = '__memscope_flo';
/** That global's name inside the module, which each function entry compares the stack pointer with. */
export const FRAME_LO_GLOBAL = '__ms_flo';
/** Export name prefix of the module's own mutable globals; the suffix is the global index. */
export const GLOBAL_EXPORT = '__memscope_global_';
/** The recording helper: (site, func, address, length, frame base or -1). */
export const W = '__ms_w';
/**
 * Called on entry to a function when the stack pointer is above a watched frame's lowest byte
 * (each function compares inline): reports it. The stack grows down, and the bytes below the
 * pointer are free, but for a leaf function's frame (clang makes it below the pointer, never
 * moving it): a leaf calls nothing, so while a watched frame is live no function is entered with
 * the pointer above it. Once its function has returned, any later call that could reuse the
 * bytes is entered with it above.
 */
export const SP = '__ms_sp';

/** How far from a run a write of the same function may land and still join it, in bytes. */
export const SLACK = 16;
/** Writes of one function in a row near each other before different stores merge into one run. */
export const NEAR_WRITES = 16;

/** The globals, hook table, recording helper and flush export every rewrite uses. */
export function addRuntime(m: Binaryen.Module): void {
  const binaryen = loaded();
  const { i32: I32, none: NONE } = binaryen;
  for (let i = 0, n = m.getNumGlobals(); i < n; i++) {
    const g = binaryen.getGlobalInfo(m.getGlobalByIndex(i));
    if (g.mutable && !g.module) m.addGlobalExport(g.name, `${GLOBAL_EXPORT}${i}`);
  }
  for (const g of ['__ms_ls', '__ms_lf', '__ms_lb', '__ms_le', '__ms_near', '__ms_wlo', '__ms_whi']) m.addGlobal(g, I32, true, m.i32.const(0));
  m.addGlobal(FRAME_LO_GLOBAL, I32, true, m.i32.const(-1));
  m.addGlobalExport('__ms_wlo', WATCH_LO);
  m.addGlobalExport('__ms_whi', WATCH_HI);
  m.addGlobalExport(FRAME_LO_GLOBAL, FRAME_LO);
  m.addTable(HOOKS_TABLE, 4, 4); // funcref by default
  m.addTableImport(HOOKS_TABLE, HOOKS_MODULE, HOOKS_NAME);
  const get = (name: string, type = I32): Ref => m.global.get(name, type);
  const local = (i: number): Ref => m.local.get(i, I32);
  const hook = (slot: number, args: Ref[]): Ref =>
    m.call_indirect(HOOKS_TABLE, m.i32.const(slot), args, binaryen.createType(args.map(() => I32)), NONE);
  // (site, func, addr, len, frame base; end): continuing the run → extend it; else append the run, start anew.
  const start = m.block(null, [
    hook(0, [get('__ms_ls'), get('__ms_lb'), get('__ms_le')]),
    m.global.set('__ms_ls', local(0)),
    m.global.set('__ms_lf', local(1)),
    m.global.set('__ms_lb', local(2)),
    m.global.set('__ms_le', local(5)),
  ]);
  // locals: 0 site, 1 func, 2 addr, 3 len, 4 the writer's frame base (-1: none known), 5 end,
  // 6 near (this write is near the run, same function)
  const continues = m.i32.and(m.i32.eq(local(0), get('__ms_ls')), m.i32.eq(local(2), get('__ms_le')));
  // addr >= start - SLACK, saturating at 0 (addr + SLACK would wrap at the top of memory, and an
  // address at or past the run's start must always be near it: run-cache.ts relies on it).
  const reach = m.select(m.i32.ge_u(get('__ms_lb'), m.i32.const(SLACK)), m.i32.sub(get('__ms_lb'), m.i32.const(SLACK)), m.i32.const(0));
  const near = m.i32.and(m.i32.eq(local(1), get('__ms_lf')), m.i32.and(
    m.i32.ge_u(local(2), reach),
    m.i32.le_u(local(2), m.i32.add(get('__ms_le'), m.i32.const(SLACK)))));
  const merge = m.i32.and(local(6), m.i32.ge_u(get('__ms_near'), m.i32.const(NEAR_WRITES)));
  const widen = m.block(null, [
    m.if(m.i32.lt_u(local(2), get('__ms_lb')), m.global.set('__ms_lb', local(2))),
    m.if(m.i32.gt_u(local(5), get('__ms_le')), m.global.set('__ms_le', local(5))),
  ]);
  m.addFunction(W, binaryen.createType([I32, I32, I32, I32, I32]), NONE, [I32, I32], m.block(null, [
    m.local.set(5, m.i32.add(local(2), local(3))),
    m.local.set(6, near),
    // Counts up to NEAR_WRITES and stays there (only "at least NEAR_WRITES" matters), so the
    // inline fast path, which skips the helper for such writes, leaves the same count.
    m.global.set('__ms_near', m.select(local(6),
      m.select(m.i32.lt_u(get('__ms_near'), m.i32.const(NEAR_WRITES)), m.i32.add(get('__ms_near'), m.i32.const(1)), get('__ms_near')),
      m.i32.const(0))),
    m.if(m.i32.or(continues, merge), widen, start),
    m.if(m.i32.and(m.i32.lt_u(local(2), get('__ms_whi')), m.i32.gt_u(local(5), get('__ms_wlo'))),
      hook(1, [local(0), local(2), local(3), local(4)])),
  ]));
  m.addFunction('__ms_flush', NONE, NONE, [], m.block(null, [
    hook(0, [get('__ms_ls'), get('__ms_lb'), get('__ms_le')]),
    m.global.set('__ms_ls', m.i32.const(0)),
    m.global.set('__ms_lb', m.i32.const(0)),
    m.global.set('__ms_le', m.i32.const(0)),
  ]));
  m.addFunctionExport('__ms_flush', FLUSH_EXPORT);
  // (stack pointer on entry, above a watched frame's lowest byte): that frame is gone. A call of
  // our own function, not call_indirect inline: the user's call_indirects stay placeable (original-offsets.ts).
  m.addFunction(SP, I32, NONE, [], hook(3, [local(0)]));
  // grew(site, old pages) lives in the hook table too, called from each rewritten memory.grow.
}
