// Emscripten's i64 legalisation helpers: env.setTempRet0(high) / env.getTempRet0() as its JS
// glue defines them (one i32 slot), plus the join of a legalised export's result.
//
// A legalised export `f` returning i64 x returns (i32) x & 0xffffffff and, just before, calls
// setTempRet0(x >>> 32). The instance reads the slot right after the call and joins the halves.

import { hostFunction, type ImportContext } from './import-context.ts';
import type { HostCallEntry, HostFunction } from './host-call.ts';

interface TempRet {
  value: number;
  /** Set by setTempRet0 since the last takeTempRet: the high half belongs to this call. */
  fresh: boolean;
}

const slots = new WeakMap<ImportContext, TempRet>();

function slot(ctx: ImportContext): TempRet {
  let s = slots.get(ctx);
  if (!s) slots.set(ctx, (s = { value: 0, fresh: false }));
  return s;
}

/** How the two helpers' calls read in the log: what the i32 slot holds, said as data. */
const ENTRIES: Record<string, Omit<HostCallEntry, 'module' | 'name' | 'binding'>> = {
  getTempRet0: { params: [], results: ['value'], show: 'getTempRet0()', then: ' → {value:s32}' },
  setTempRet0: {
    params: ['high'],
    // Also how Emscripten's setjmp bookkeeping returns its second value (saveSetjmp's table size).
    show: "setTempRet0({high}): a second i32 result kept beside the return value (the high half of an i64 Emscripten split for JavaScript, or its setjmp bookkeeping)",
  },
};

export function tempRetFunction(ctx: ImportContext, module: string, name: string): HostFunction {
  const entry: HostCallEntry = { module, name, binding: 'builtin', ...ENTRIES[name === 'getTempRet0' ? name : 'setTempRet0'] };
  if (name === 'getTempRet0') return hostFunction(entry, ctx, () => slot(ctx).value);
  return hostFunction(entry, ctx, ([high]) => {
    const s = slot(ctx);
    s.value = Number(high) | 0;
    s.fresh = true;
    return undefined;
  });
}

/** Sets the slot from the host: a second result of a host function (Emscripten's catch selector), not an i64's high half. */
export function setTempRet(ctx: ImportContext, value: number): void {
  slot(ctx).value = value | 0;
}

/** The high half set during the call that just ended (0 when none was), and clears it. */
export function takeTempRet(ctx: ImportContext): number {
  const s = slots.get(ctx);
  if (!s || !s.fresh) return 0;
  s.fresh = false;
  return s.value >>> 0;
}

/** `low` (the i32 result) joined with the high half: the i64 the guest computed, unsigned. */
export function joinI64(low: number | bigint, high: number): bigint {
  return (BigInt(high >>> 0) << 32n) | BigInt(Number(low) >>> 0);
}
