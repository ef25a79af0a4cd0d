// The inline fast path of write tracing. Most stores continue the pending run of the function
// that makes them (a loop filling a buffer), and for those the recording helper `$__ms_w` would
// only move the run's end. So a function with stores in loops keeps the part of the run state a
// store needs in its own locals (registers, once V8 compiles it) and its stores in loops check
// inline; only a store the check cannot settle calls the helper, which runs the full rule
// (run-helper.ts) and may append to the log or report a watch. Stores outside loops run once
// per call and simply call the helper (instrument.ts, loopsWithStores).
//
//   locals  lo  the run's start if the run is this function's and merging (NEAR_WRITES writes
//               near it in a row), else 0xffffffff: no address passes
//           le  the run's end (a copy of __ms_le)
//           wlo, whi  the watched hull (copies of __ms_wlo/__ms_whi; [0,0) = none)
//   fast path: a <= le + SLACK, lo <= a, the store not in the hull
//           → le = max(le, a + n), also written to __ms_le at once, so the globals are always the
//             truth (a trap or a host flush sees every write)
//
// Exactly what the helper would do: such a store is near the run and merging, so the helper would
// only widen the run, and lo <= a leaves the start unchanged. Both compute in the same wrapping
// i32 arithmetic (`le + SLACK`, `a + n`), so they agree even at the top of a 4 GiB memory; the
// helper's own test of nearness from below does not wrap (run-helper.ts), so lo <= a is always
// near. Each check costs: a memset loop is four stores and little else (an extra compare for the
// top of memory made it 5× its plain time, 4× without). The copies go stale only when other
// code runs, so they are read where each such loop starts and after every call inside it (a
// callee, the helper, a host import may all move the run). Functions with `try` keep calling the
// helper for every store: a caught exception would resume with stale copies.

import type { default as Binaryen } from 'binaryen';
import { binaryen } from './binaryen.ts';
import { NEAR_WRITES, SLACK } from './run-helper.ts';

type Ref = number;

export class RunCache {
  private readonly lo: number;
  private readonly le: number;
  private readonly wlo: number;
  private readonly whi: number;
  private readonly at: number;
  private labels = 0;

  constructor(
    private readonly m: Binaryen.Module,
    /** This function's index, as the helper stores it in __ms_lf. */
    private readonly func: number,
    local: (key: string) => number,
  ) {
    [this.lo, this.le, this.wlo, this.whi, this.at] = ['$lo', '$le', '$wlo', '$whi', '$at'].map(local) as [number, number, number, number, number];
  }

  /**
   * Reads the copies from the globals: where a loop starts (`hull` true) and after anything in
   * it that ran other code. The hull changes only between guest calls (the host sets it when a
   * watch is added), so reading it where a loop starts is enough.
   */
  reload(hull: boolean): Ref {
    const m = this.m;
    const I32 = binaryen().i32;
    const g = (name: string): Ref => m.global.get(name, I32);
    const mine = m.i32.and(m.i32.eq(g('__ms_lf'), m.i32.const(this.func)), m.i32.ge_u(g('__ms_near'), m.i32.const(NEAR_WRITES)));
    return m.block(null, [
      m.local.set(this.lo, m.select(mine, g('__ms_lb'), m.i32.const(-1))),
      m.local.set(this.le, g('__ms_le')),
      ...(hull ? [m.local.set(this.wlo, g('__ms_wlo')), m.local.set(this.whi, g('__ms_whi'))] : []),
    ]);
  }

  /**
   * After a store of `n` bytes at `address`: the inline check, else `slow(address)` (the
   * helper's call) and a reload.
   */
  store(address: Ref, n: number, slow: (address: Ref) => Ref): Ref {
    const m = this.m;
    const I32 = binaryen().i32;
    const get = (i: number): Ref => m.local.get(i, I32);
    const a = (): Ref => get(this.at);
    const end = (): Ref => m.i32.add(a(), m.i32.const(n));
    const k = this.labels++;
    const [done, slowly, outside] = [`ms_done${k}`, `ms_slow${k}`, `ms_out${k}`];
    // One compare and branch per condition (V8 fuses them), not boolean values and-ed together.
    return m.block(done, [
      m.local.set(this.at, address),
      m.block(slowly, [
        m.br(slowly, m.i32.gt_u(a(), m.i32.add(get(this.le), m.i32.const(SLACK)))),
        m.br(slowly, m.i32.lt_u(a(), get(this.lo))),
        m.block(outside, [
          m.br(outside, m.i32.ge_u(a(), get(this.whi))),
          m.br(slowly, m.i32.gt_u(end(), get(this.wlo))),
        ]),
        m.br(done, m.i32.le_u(end(), get(this.le))),
        m.local.set(this.le, end()),
        m.global.set('__ms_le', get(this.le)),
        m.br(done),
      ]),
      slow(a()),
      this.reload(false),
    ]);
  }

  /** `call` (a call expression of type `type`) followed by a reload, keeping its result. */
  afterCall(call: Ref, type: number, temp: () => number): Ref {
    const m = this.m;
    if (type === binaryen().none) return m.block(null, [call, this.reload(false)]);
    const t = temp();
    return m.block(null, [m.local.set(t, call), this.reload(false), m.local.get(t, type)], type);
  }
}
