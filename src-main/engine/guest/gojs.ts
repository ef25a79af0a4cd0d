// Go's js/wasm runtime imports (module `go`, `gojs` from Go 1.21), hosted as wasm_exec.js
// defines them: enough for a program that prints with println and exits. syscall/js (what
// fmt and os use) is not hosted; the import planner refuses modules that import it.
//
// Every function takes Go's stack pointer `sp`; arguments and results sit after the return
// address at sp + 8 (little-endian, 8-byte slots):
//   wasmExit(code i32 @8)                 wasmWrite(fd i64 @8, p i64 @16, n i32 @24)
//   nanotime1 → i64 @8 (ns)               walltime → sec i64 @8, nsec i32 @16
//   scheduleTimeoutEvent(ms i64 @8) → id i32 @16      clearTimeoutEvent(id i32 @8)
//   getRandomData(slice {ptr i64 @8, len i64 @16})     resetMemoryDataView, debug(value)

import { randomFillSync } from 'node:crypto';
import type { MemscopeError } from '../../shared/dto.ts';
import { ProcExit } from './wasi/context.ts';
import { deterministicRandom } from './wasi/sources.ts';
import { recorded, type HostFunction, type ImportContext } from './import-context.ts';

/** What the guest did through these imports, for the instance to judge a `run` that returned. */
export interface GoRuntimeState {
  exited: boolean;
  /** Timers the guest scheduled and did not clear: events it waits for. */
  timers: Set<number>;
}

const states = new WeakMap<ImportContext, GoRuntimeState & { nextTimer: number; nanos: bigint; random: (n: number) => Uint8Array }>();

function state(ctx: ImportContext) {
  let s = states.get(ctx);
  if (!s) {
    const seeded = ctx.deterministic ? deterministicRandom() : null;
    s = {
      exited: false, timers: new Set(), nextTimer: 1, nanos: 0n,
      random: seeded ?? ((n) => randomFillSync(new Uint8Array(n))),
    };
    states.set(ctx, s);
  }
  return s;
}

/** The Go runtime state of this guest, or null when it never called a Go runtime import. */
export function goRuntimeState(ctx: ImportContext): GoRuntimeState | null {
  return states.get(ctx) ?? null;
}

type Impl = (ctx: ImportContext, sp: number) => { summary: string; touched?: [number, number][] };

const decoder = new TextDecoder();
/** 2024-01-01T00:00:00Z, the deterministic wall clock's start (as in the WASI clocks). */
const FIXED_EPOCH_MS = 1_704_067_200_000;

/** One per name in protocol.ts GO_RUNTIME_IMPORTS (the planner binds exactly those here). */
const IMPLS: Record<string, Impl> = {
  'runtime.wasmExit': (ctx, sp) => {
    const code = ctx.memory().getI32(sp + 8);
    state(ctx).exited = true;
    throw new ProcExit(code);
  },
  'runtime.wasmWrite': (ctx, sp) => {
    const m = ctx.memory();
    const fd = Number(m.getU64(sp + 8));
    const p = Number(m.getU64(sp + 16));
    const n = m.getI32(sp + 24);
    const bytes = m.read(p, n);
    (fd === 2 ? ctx.stderr : ctx.stdout)(bytes);
    return { summary: `wasmWrite(fd=${fd}, ${JSON.stringify(decoder.decode(bytes).slice(0, 200))})`, touched: [[p, p + n]] };
  },
  'runtime.resetMemoryDataView': () => ({ summary: 'resetMemoryDataView() (memory is re-read on every access)' }),
  'runtime.nanotime1': (ctx, sp) => {
    const s = state(ctx);
    // Go's runtime dies with "nanotime returning zero": the clock must start above 0.
    const ns = ctx.deterministic ? (s.nanos += 1_000_000n) : BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
    ctx.memory().setU64(sp + 8, ns);
    return { summary: `nanotime1() → ${ns} ns`, touched: [[sp + 8, sp + 16]] };
  },
  'runtime.walltime': (ctx, sp) => {
    const ms = ctx.deterministic ? FIXED_EPOCH_MS + Number(state(ctx).nanos / 1_000_000n) : Date.now();
    const m = ctx.memory();
    m.setU64(sp + 8, BigInt(Math.floor(ms / 1000)));
    m.setU32(sp + 16, (ms % 1000) * 1_000_000);
    return { summary: `walltime() → ${new Date(ms).toISOString()}`, touched: [[sp + 8, sp + 20]] };
  },
  'runtime.scheduleTimeoutEvent': (ctx, sp) => {
    const s = state(ctx);
    const id = s.nextTimer++;
    s.timers.add(id);
    ctx.memory().setU32(sp + 16, id);
    return { summary: `scheduleTimeoutEvent(${ctx.memory().getU64(sp + 8)} ms) → timer ${id} (never fires: Memscope does not run Go's event loop)` };
  },
  'runtime.clearTimeoutEvent': (ctx, sp) => {
    const id = ctx.memory().getI32(sp + 8);
    state(ctx).timers.delete(id);
    return { summary: `clearTimeoutEvent(${id})` };
  },
  'runtime.getRandomData': (ctx, sp) => {
    const m = ctx.memory();
    const ptr = Number(m.getU64(sp + 8));
    const len = Number(m.getU64(sp + 16));
    m.write(ptr, state(ctx).random(len));
    return { summary: `getRandomData(${len} bytes)`, touched: [[ptr, ptr + len]] };
  },
  debug: (_ctx, sp) => ({ summary: `debug(${sp})` }),
};

/**
 * A Go js/wasm `run` or `resume` that returned without runtime.wasmExit has not finished: the
 * program waits for an event (a timer, a JS callback) that only wasm_exec.js's event loop would
 * deliver. Reported as a failed call, never as success.
 */
export function goUnfinished(ctx: ImportContext, exportName: string, exitCode: number | null): MemscopeError | null {
  const s = states.get(ctx);
  if (!s || s.exited || exitCode !== null || (exportName !== 'run' && exportName !== 'resume')) return null;
  const timers = s.timers.size ? `${s.timers.size} timer event(s) scheduled` : 'an event';
  return {
    code: 'exit',
    message: `Go's ${exportName}() returned without runtime.wasmExit: the program waits for ${timers}, and Memscope does not run Go's js/wasm event loop`,
  };
}

export function goRuntimeFunction(ctx: ImportContext, module: string, name: string): HostFunction {
  const impl = IMPLS[name];
  if (!impl) throw new Error(`no Go runtime function ${module}.${name}`);
  return recorded(ctx, module, name, 'builtin', ([sp]) => {
    const note = impl(ctx, Number(sp) >>> 0);
    return { result: undefined, note };
  });
}
