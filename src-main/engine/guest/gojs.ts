// Go's js/wasm imports (module `go`, `gojs` from Go 1.21), hosted as wasm_exec.js defines them:
// the runtime's here, syscall/js (what fmt, os and time use) in gojs-syscall.ts, and the part
// of wasm_exec.js's event loop a run needs, its timers (goRunTimers).
//
// Every function takes Go's stack pointer `sp` and finds its arguments and results in 8-byte
// slots after the return address; each entry below names its slots (layout: stack-slots.ts).

import type { MemscopeError } from '../../shared/dto.ts';
import { ProcExit } from './wasi/context.ts';
import { deterministicRandom } from './wasi/sources.ts';
import { hostFunction, type ImportContext } from './import-context.ts';
import type { HostFunction } from './host-call.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { readSlots, slots, writeSlots } from './stack-slots.ts';
import { nowMs } from './clock.ts';
import { asHostWriter } from '../memory/write-hooks.ts';
import { goGlobalFunctions, refText, SYSCALL_JS, type GoFunction } from './gojs-syscall.ts';

/** What the guest did through the runtime's imports, for the timers and to judge a `run` that returned. */
interface State {
  exited: boolean;
  /** Timers the guest scheduled and did not clear, by id: when each is due, in ms of `now`. */
  timers: Map<number, number>;
  nextTimer: number;
  nanos: bigint;
  random: (n: number) => Uint8Array;
  /** The clock timers are due by, in ms: virtual (nanotime's) when deterministic. */
  now(): number;
}

const states = new WeakMap<ImportContext, State>();

function state(ctx: ImportContext) {
  let s = states.get(ctx);
  if (!s) {
    const seeded = ctx.deterministic ? deterministicRandom() : null;
    const created: State = {
      exited: false, timers: new Map(), nextTimer: 1, nanos: 0n,
      // node:crypto at the first draw: only a Go guest asks, so other workers never load it.
      random: seeded ?? ((n) => process.getBuiltinModule('node:crypto').randomFillSync(new Uint8Array(n))),
      now: ctx.deterministic ? () => Number(created.nanos / 1000n) / 1000 : nowMs,
    };
    s = created;
    states.set(ctx, s);
  }
  return s;
}

/** 2024-01-01T00:00:00Z, the deterministic wall clock's start (as in the WASI clocks). */
const FIXED_EPOCH_MS = 1_704_067_200_000;

/** One per name in protocol.ts GO_RUNTIME_IMPORTS (the planner binds exactly those here). */
const TABLE: Record<string, GoFunction> = {
  // Throws, so it needs no line: its record is an abort worded by the ProcExit,
  // `runtime.wasmExit(sp) ✗ proc_exit(0)`.
  'runtime.wasmExit': {
    args: 'code i32@8',
    run: ({ ctx, a: { code } }) => {
      state(ctx).exited = true;
      throw new ProcExit(Number(code));
    },
  },
  'runtime.wasmWrite': {
    args: 'fd u64@8, p u64@16, n i32@24', show: 'wasmWrite(fd={fd}, {p:utf8})',
    run: ({ ctx, a: { fd, p, n }, memory }) => {
      (Number(fd) === 2 ? ctx.stderr : ctx.stdout)(memory().read(Number(p), Number(n)));
    },
  },
  'runtime.resetMemoryDataView': { show: 'resetMemoryDataView() (memory is re-read on every access)', run: () => {} },
  'runtime.nanotime1': {
    results: 'ns u64@8', show: 'nanotime1()', then: ' → {ns} ns',
    run: ({ ctx }) => {
      const s = state(ctx);
      // Go's runtime dies with "nanotime returning zero": the clock must start above 0.
      return { ns: ctx.deterministic ? (s.nanos += 1_000_000n) : BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)) };
    },
  },
  'runtime.walltime': {
    results: 'sec u64@8, nsec u32@16', show: 'walltime()', then: ' → {sec:isotime}',
    run: ({ ctx }) => {
      const ms = ctx.deterministic ? FIXED_EPOCH_MS + Number(state(ctx).nanos / 1_000_000n) : Date.now();
      return { sec: BigInt(Math.floor(ms / 1000)), nsec: (ms % 1000) * 1_000_000 };
    },
  },
  'runtime.scheduleTimeoutEvent': {
    args: 'ms u64@8', results: 'id u32@16', show: 'scheduleTimeoutEvent({ms} ms)',
    then: ' → timer {id}',
    run: ({ ctx, a: { ms } }) => {
      const s = state(ctx);
      const id = s.nextTimer++;
      s.timers.set(id, s.now() + Number(ms));
      return { id };
    },
  },
  'runtime.clearTimeoutEvent': {
    args: 'id i32@8', show: 'clearTimeoutEvent({id:s32})',
    run: ({ ctx, a: { id } }) => {
      state(ctx).timers.delete(Number(id));
    },
  },
  'runtime.getRandomData': {
    args: 'ptr u64@8, len u64@16', show: 'getRandomData({len} bytes)',
    run: ({ ctx, a: { ptr, len }, memory }) => {
      memory().write(Number(ptr), state(ctx).random(Number(len)));
    },
  },
  debug: { show: 'debug({sp})', run: () => {} },
};

/** A word nobody notifies, for real waits; made by the first one, so other guests' workers never make it. */
let never: Int32Array | null = null;

/**
 * What wasm_exec.js's event loop does after `run()`, `resume()` or a call of a js.FuncOf function
 * returns while the program goes on: waits for the earliest timer the runtime scheduled and
 * calls `resume()`, until the program exits or waits only for what no timer brings (goUnfinished). Deterministic sessions jump the
 * clock to the timer instead of waiting, so `time.Sleep(time.Hour)` takes no time. A program
 * that never ends (a ticker) runs until the step's time limit, as any busy guest does.
 */
export function goRunTimers(ctx: ImportContext): void {
  const s = states.get(ctx);
  if (!s) return;
  while (!s.exited && s.timers.size > 0) {
    let next = 0;
    let due = Infinity;
    for (const [id, at] of s.timers) if (at < due) [next, due] = [id, at];
    s.timers.delete(next);
    if (ctx.deterministic) {
      const dueNs = BigInt(Math.ceil(due * 1e6));
      if (s.nanos < dueNs) s.nanos = dueNs;
    } else {
      const wait = due - nowMs();
      // Ends only at its timeout or when the worker is terminated (Stop, the time limit).
      if (wait > 0) Atomics.wait((never ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, wait);
    }
    (ctx.exports().resume as () => void)();
  }
}

/**
 * A Go js/wasm `run` or `resume` that returned without runtime.wasmExit, its timers all run, has
 * not finished: the program waits for a call only JavaScript would make. When it set functions
 * with js.FuncOf (a library), that is its ready state, and the sequence's steps call them; when
 * it set none, nothing will ever come, and the call is reported as failed, never as success.
 */
export function goUnfinished(ctx: ImportContext, exportName: string, exitCode: number | null): MemscopeError | null {
  const s = states.get(ctx);
  if (!s || s.exited || exitCode !== null || (exportName !== 'run' && exportName !== 'resume')) return null;
  if (goGlobalFunctions(ctx).length > 0) return null;
  return {
    code: 'exit',
    message: `Go's ${exportName}() returned without runtime.wasmExit and with no timer left to run: the program waits for an event only JavaScript could send (a call to a js.FuncOf function, or nothing at all: a channel no goroutine sends to)`,
  };
}

export function goRuntimeFunction(ctx: ImportContext, module: string, name: string): HostFunction {
  const fn = TABLE[name] ?? SYSCALL_JS[name];
  if (!fn) throw new Error(`no Go runtime function ${module}.${name}`);
  const stack = { args: slots(fn.args ?? ''), results: slots(fn.results ?? '') };
  // The log reads a re-entering call's results from its facts: its slots moved with Go's stack.
  const logged = fn.reenters ? { ...stack, results: [] } : stack;
  const entry = {
    module, name, binding: 'builtin' as const, params: ['sp'], stack: logged, refs: (bits: bigint) => refText(ctx, bits),
    ...(fn.show ? { show: fn.show } : {}), ...(fn.then ? { then: fn.then } : {}),
  };
  // Every byte the call writes (its result slots, getRandomData's bytes, valueLoadString's and
  // copyBytesToGo's copies) is traced as this import's, `go:runtime.getRandomData`, not as a
  // sequence `write` step's (`host`), as WASI's path names `wasi:fd_read`. While a call
  // re-enters the guest (valueCall of a js.FuncOf function), the guest's stores are still the
  // guest's, and a nested import names its own writes.
  const writer = `${module}:${name}`;
  return hostFunction(entry, ctx, ([sp], { memory, note }) => asHostWriter(writer, () => {
    const at = Number(sp) >>> 0;
    // Argument slots are read as the call's input, not as memory it touched; result slots are.
    const values = readSlots(stack.args, at, ctx.memory());
    const a = Object.fromEntries(stack.args.map((s, i) => [s.name, values[i]!]));
    const out = fn.run({ ctx, a, memory, facts: note.facts, random: (n) => state(ctx).random(n) });
    if (out) writeSlots(stack.results, fn.reenters ? (ctx.exports().getsp as () => number)() >>> 0 : at, memory(), out);
    return undefined;
  }));
}
