// Go's js/wasm runtime imports (module `go`, `gojs` from Go 1.21), hosted as wasm_exec.js
// defines them: enough for a program that prints with println and exits. syscall/js (what
// fmt and os use) is not hosted; the import planner refuses modules that import it.
//
// Every function takes Go's stack pointer `sp` and finds its arguments and results in 8-byte
// slots after the return address; each entry below names its slots (layout: stack-slots.ts).

import type { MemscopeError } from '../../shared/dto.ts';
import { ProcExit } from './wasi/context.ts';
import { deterministicRandom } from './wasi/sources.ts';
import { hostFunction, type ImportContext } from './import-context.ts';
import type { HostFunction, HostValue } from './host-call.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { readSlots, slots, writeSlots } from './stack-slots.ts';

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
      // node:crypto at the first draw: only a Go guest asks, so other workers never load it.
      random: seeded ?? ((n) => process.getBuiltinModule('node:crypto').randomFillSync(new Uint8Array(n))),
    };
    states.set(ctx, s);
  }
  return s;
}

/** The Go runtime state of this guest, or null when it never called a Go runtime import. */
export function goRuntimeState(ctx: ImportContext): GoRuntimeState | null {
  return states.get(ctx) ?? null;
}

/** 2024-01-01T00:00:00Z, the deterministic wall clock's start (as in the WASI clocks). */
const FIXED_EPOCH_MS = 1_704_067_200_000;

type Values = Readonly<Record<string, HostValue>>;

/**
 * One runtime function: its stack slots (stack-slots.ts), how its calls read in the log (templates
 * over the slot names, arg-decoder.ts), and a body that gets the argument slots and returns the
 * result slots.
 */
interface GoFunction {
  args?: string;
  results?: string;
  show?: string;
  then?: string;
  run(ctx: ImportContext, a: Values, memory: () => GuestMemory): Values | void;
}

/** One per name in protocol.ts GO_RUNTIME_IMPORTS (the planner binds exactly those here). */
const TABLE: Record<string, GoFunction> = {
  // Throws, so it needs no line: its record is an abort worded by the ProcExit,
  // `runtime.wasmExit(sp) ✗ proc_exit(0)`.
  'runtime.wasmExit': {
    args: 'code i32@8',
    run: (ctx, { code }) => {
      state(ctx).exited = true;
      throw new ProcExit(Number(code));
    },
  },
  'runtime.wasmWrite': {
    args: 'fd u64@8, p u64@16, n i32@24', show: 'wasmWrite(fd={fd}, {p:utf8})',
    run: (ctx, { fd, p, n }, memory) => {
      (Number(fd) === 2 ? ctx.stderr : ctx.stdout)(memory().read(Number(p), Number(n)));
    },
  },
  'runtime.resetMemoryDataView': { show: 'resetMemoryDataView() (memory is re-read on every access)', run: () => {} },
  'runtime.nanotime1': {
    results: 'ns u64@8', show: 'nanotime1()', then: ' → {ns} ns',
    run: (ctx) => {
      const s = state(ctx);
      // Go's runtime dies with "nanotime returning zero": the clock must start above 0.
      return { ns: ctx.deterministic ? (s.nanos += 1_000_000n) : BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)) };
    },
  },
  'runtime.walltime': {
    results: 'sec u64@8, nsec u32@16', show: 'walltime()', then: ' → {sec:isotime}',
    run: (ctx) => {
      const ms = ctx.deterministic ? FIXED_EPOCH_MS + Number(state(ctx).nanos / 1_000_000n) : Date.now();
      return { sec: BigInt(Math.floor(ms / 1000)), nsec: (ms % 1000) * 1_000_000 };
    },
  },
  'runtime.scheduleTimeoutEvent': {
    args: 'ms u64@8', results: 'id u32@16', show: 'scheduleTimeoutEvent({ms} ms)',
    then: " → timer {id} (never fires: Memscope does not run Go's event loop)",
    run: (ctx) => {
      const s = state(ctx);
      const id = s.nextTimer++;
      s.timers.add(id);
      return { id };
    },
  },
  'runtime.clearTimeoutEvent': {
    args: 'id i32@8', show: 'clearTimeoutEvent({id:s32})',
    run: (ctx, { id }) => {
      state(ctx).timers.delete(Number(id));
    },
  },
  'runtime.getRandomData': {
    args: 'ptr u64@8, len u64@16', show: 'getRandomData({len} bytes)',
    run: (ctx, { ptr, len }, memory) => {
      memory().write(Number(ptr), state(ctx).random(Number(len)));
    },
  },
  debug: { show: 'debug({sp})', run: () => {} },
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
  const fn = TABLE[name];
  if (!fn) throw new Error(`no Go runtime function ${module}.${name}`);
  const stack = { args: slots(fn.args ?? ''), results: slots(fn.results ?? '') };
  const entry = { module, name, binding: 'builtin' as const, params: ['sp'], stack, ...(fn.show ? { show: fn.show } : {}), ...(fn.then ? { then: fn.then } : {}) };
  return hostFunction(entry, ctx, ([sp], { memory }) => {
    const at = Number(sp) >>> 0;
    // Argument slots are read as the call's input, not as memory it touched; result slots are.
    const a = readSlots(stack.args, at, ctx.memory());
    const out = fn.run(ctx, Object.fromEntries(stack.args.map((s, i) => [s.name, a[i]!])), memory);
    if (out) writeSlots(stack.results, at, memory(), out);
    return undefined;
  });
}
