// Go's syscall/js imports (what fmt, os, time and crypto/rand call on js/wasm), over the value
// table (gojs-values.ts) and the sandboxed world (gojs-sandbox.ts). Slot layouts are js.go's
// function signatures laid out as stack-slots.ts describes: a ref is one u64 slot, a string
// {ptr, len}, a slice {ptr, len, cap}, a bool a byte.
//
// Calls back into Go: a function Go made with js.FuncOf is a JavaScript function here that
// leaves the call in the Go object's `_pendingEvent` and calls the export `resume`, which runs
// the Go function and leaves its result on the event. fs.write calls its callback that way
// before it returns, so a `valueCall` may run Go code inside it, and Go may move its stack while
// it does: such calls write their results at the stack pointer `getsp()` gives after the call.

import type { BoundValue } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import type { HostValue } from './host-call.ts';
import type { ImportContext } from './import-context.ts';
import { goJsWorld, type GoJsWorld } from './gojs-sandbox.ts';
import { describeRef, GoJsValues } from './gojs-values.ts';

type Values = Readonly<Record<string, HostValue>>;

export interface GoCall {
  readonly ctx: ImportContext;
  /** The argument slots by name. */
  readonly a: Values;
  /** Guest memory, tracked: what the body writes is listed as the call's. */
  memory(): GuestMemory;
  /** Facts for the entry's `then` (HostCallNote.facts). */
  readonly facts: Record<string, string | number>;
  random(n: number): Uint8Array;
}

/**
 * One Go import (the runtime's in gojs.ts, syscall/js's here): its stack slots (stack-slots.ts),
 * how its calls read in the log (templates over the slot names and facts, arg-decoder.ts), and a
 * body that gets the argument slots and returns the result slots.
 */
export interface GoFunction {
  args?: string;
  results?: string;
  show?: string;
  then?: string;
  /**
   * The body may run Go code (a callback), which may move Go's stack: its results go at the
   * stack pointer the export `getsp` gives after it, so the call log reads them from the facts.
   */
  reenters?: boolean;
  run(call: GoCall): Values | void;
}

interface JsState {
  world: GoJsWorld;
  /** The JavaScript functions js.FuncOf made, each calling a Go function. */
  goFuncs: WeakSet<object>;
  values: GoJsValues;
  /** An error unwinding from Go code a callback ran (an exit, a trap): never handed to Go as a JS error. */
  unwinding: unknown;
}

const states = new WeakMap<ImportContext, JsState>();
const encoder = new TextEncoder();

function js(call: GoCall): JsState {
  let s = states.get(call.ctx);
  if (s) return s;
  const { ctx } = call;
  const world = goJsWorld({ stdout: ctx.stdout, stderr: ctx.stderr, stdin: ctx.stdin ?? new Uint8Array(0), random: call.random, maxBytes: ctx.memoryCapBytes });
  // The Go object (ref 6): js.FuncOf asks it for a function, handleEvent reads the pending call.
  const go: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, {
    _pendingEvent: null,
    _makeFuncWrapper: (id: unknown) => goFunction(ctx, state, go, id),
  });
  const state: JsState = { world, goFuncs: new WeakSet(), values: new GoJsValues(world.global, go), unwinding: null };
  states.set(ctx, state);
  return state;
}

/** The JavaScript function that calls Go function `id`: the call waits on `go` as an event, and resume() runs it. */
function goFunction(ctx: ImportContext, s: JsState, go: Record<string, unknown>, id: unknown): object {
  const fn = function goFunc(this: unknown, ...args: unknown[]) {
    // The built worker is not strict code: a plain call's `this` is the worker's real
    // globalThis, which Go must never get a ref to.
    const self = this === globalThis ? undefined : this;
    const event: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, { id, this: self, args });
    s.world.nameAs(event, 'event', true);
    s.world.nameAs(args, 'args', true);
    go._pendingEvent = event;
    const resume = ctx.exports().resume as (() => void) | undefined;
    if (typeof resume !== 'function') throw new Error('the Go module exports no resume(): it cannot run a Go function called from JavaScript');
    try {
      resume();
    } catch (error) {
      s.unwinding = error;
      throw error;
    }
    return event.result;
  };
  s.world.nameAs(fn, `Go func ${text(id)}`);
  s.goFuncs.add(fn);
  return fn;
}

const loadString = (call: GoCall, p: HostValue, n: HostValue): string => call.ctx.memory().readUtf8(Number(p), Number(n));

function loadRefs(call: GoCall, s: JsState, p: HostValue, n: HostValue): unknown[] {
  const mem = call.ctx.memory();
  return Array.from({ length: Number(n) }, (_, i) => s.values.load(mem.getU64(Number(p) + 8 * i)));
}

const text = (v: unknown): string => (typeof v === 'number' ? String(v) : typeof v);

/**
 * How a value reads in the log: text quoted and cut; a world object by its path (`fs`); one the
 * guest made by what made it and its id (`Uint8Array(20)#14`); anything else as its ref reads.
 */
function shown(s: JsState, v: unknown, ref: bigint): string {
  if (typeof v === 'string') return goValueText(v);
  const plain = describeRef(ref);
  if (!/#\d+$/.test(plain)) return plain;
  const name = s.world.name(v);
  if (name === undefined) return plain;
  return s.world.sharesName(v) ? `${name}#${plain.slice(plain.indexOf('#') + 1)}` : name;
}

/** The names on the global object that hold Go functions (a library's js.FuncOf exports), in order set. */
export function goGlobalFunctions(ctx: ImportContext): string[] {
  const s = states.get(ctx);
  if (!s) return [];
  const global = s.world.global as Record<string, unknown>;
  return Object.keys(global).filter((k) => typeof global[k] === 'function' && s.goFuncs.has(global[k] as object));
}

/** The Go function a js.FuncOf set on the global object as `name`, or null. */
export function goGlobalFunction(ctx: ImportContext, name: string): ((...args: unknown[]) => unknown) | null {
  const s = states.get(ctx);
  if (!s || !Object.hasOwn(s.world.global, name)) return null;
  const fn = (s.world.global as Record<string, unknown>)[name];
  return typeof fn === 'function' && s.goFuncs.has(fn) ? (fn as (...args: unknown[]) => unknown) : null;
}

/**
 * A step's argument for a Go function as JavaScript would pass it: bytes become a Uint8Array the
 * world made (so Go's InstanceOf(Uint8Array) holds and the log names it), the rest as they are.
 */
export function goArgument(ctx: ImportContext, v: number | string | Uint8Array): unknown {
  const s = states.get(ctx);
  if (!(v instanceof Uint8Array) || !s) return v;
  const bytes = s.world.construct(s.world.get(s.world.global, 'Uint8Array'), [v.length]) as Uint8Array;
  bytes.set(v);
  return bytes;
}

/** A value a Go function took or returned, as the call log reads it: text quoted, a world object by its name. */
export function goValueText(v: unknown, ctx?: ImportContext): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v !== 'object' && typeof v !== 'function') return String(v);
  if (v === null) return 'null';
  const name = ctx ? states.get(ctx)?.world.name(v) : undefined;
  return name ?? (Array.isArray(v) ? `Array(${v.length})` : typeof v);
}

/** How a value a Go function returned binds in the sequence: a number as int or float, anything else as a JavaScript value. */
export function goBound(ctx: ImportContext, v: unknown): BoundValue {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? { kind: 'int', value: String(v) } : { kind: 'float', value: v };
  if (typeof v === 'string') return { kind: 'js', type: 'string', value: v };
  const type = v === null ? 'null' : typeof v;
  const known = type === 'boolean' || type === 'null' || type === 'undefined' || type === 'object' || type === 'function';
  return { kind: 'js', type: known ? type : 'other', value: goValueText(v, ctx) };
}

/** A ref in a line read before its call, by what it names now (describeRef when it names nothing live). */
export function refText(ctx: ImportContext, bits: bigint): string {
  const s = states.get(ctx);
  if (!s) return describeRef(bits);
  try {
    return shown(s, s.values.load(bits), bits);
  } catch {
    return describeRef(bits);
  }
}

/** Stores `v` for Go and notes how it reads as the call's `result`. */
function give(call: GoCall, s: JsState, v: unknown): bigint {
  const ref = s.values.store(v);
  call.facts.result = shown(s, v, ref);
  return ref;
}

/**
 * A call into the world that may throw: a throw is Go's to handle (ok = 0, the thrown value as
 * the result, which js.Value.Call turns into a panic with js.Error) unless it is unwinding from
 * Go code a callback ran.
 */
function attempt(call: GoCall, s: JsState, run: () => unknown): Values {
  try {
    const r = give(call, s, run());
    return { r, ok: 1 };
  } catch (error) {
    if (error === s.unwinding) throw error;
    const r = give(call, s, error);
    call.facts.result = `threw ${errorText(error)}`;
    return { r, ok: 0 };
  }
}

function errorText(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  return JSON.stringify(String(message));
}

/** One per import of Go's syscall/js package (Go 1.12–1.23 names; `go` or `gojs` module). */
export const SYSCALL_JS: Record<string, GoFunction> = {
  'syscall/js.finalizeRef': {
    args: 'v u64@8', show: 'finalizeRef({v:jsref})',
    run: (call) => { js(call).values.finalize(BigInt(call.a.v!)); },
  },
  'syscall/js.stringVal': {
    args: 'p u64@8, n u64@16', results: 'r u64@24', show: 'stringVal({p:utf8})', then: ' → {result}',
    run: (call) => ({ r: give(call, js(call), loadString(call, call.a.p!, call.a.n!)) }),
  },
  'syscall/js.valueGet': {
    args: 'v u64@8, p u64@16, n u64@24', results: 'r u64@32', show: 'valueGet({v:jsref}, {p:utf8})', then: ' → {result}',
    run: (call) => {
      const s = js(call);
      return { r: give(call, s, s.world.get(s.values.load(BigInt(call.a.v!)), loadString(call, call.a.p!, call.a.n!))) };
    },
  },
  'syscall/js.valueSet': {
    args: 'v u64@8, p u64@16, n u64@24, x u64@32', show: 'valueSet({v:jsref}, {p:utf8}, {x:jsref})',
    run: (call) => {
      const s = js(call);
      s.world.set(s.values.load(BigInt(call.a.v!)), loadString(call, call.a.p!, call.a.n!), s.values.load(BigInt(call.a.x!)));
    },
  },
  'syscall/js.valueDelete': {
    args: 'v u64@8, p u64@16, n u64@24', show: 'valueDelete({v:jsref}, {p:utf8})',
    run: (call) => {
      const s = js(call);
      s.world.remove(s.values.load(BigInt(call.a.v!)), loadString(call, call.a.p!, call.a.n!));
    },
  },
  'syscall/js.valueIndex': {
    args: 'v u64@8, i u64@16', results: 'r u64@24', show: 'valueIndex({v:jsref}, {i:s64})', then: ' → {result}',
    run: (call) => {
      const s = js(call);
      return { r: give(call, s, s.world.get(s.values.load(BigInt(call.a.v!)), Number(BigInt.asIntN(64, BigInt(call.a.i!))))) };
    },
  },
  'syscall/js.valueSetIndex': {
    args: 'v u64@8, i u64@16, x u64@24', show: 'valueSetIndex({v:jsref}, {i:s64}, {x:jsref})',
    run: (call) => {
      const s = js(call);
      s.world.set(s.values.load(BigInt(call.a.v!)), Number(BigInt.asIntN(64, BigInt(call.a.i!))), s.values.load(BigInt(call.a.x!)));
    },
  },
  'syscall/js.valueCall': {
    args: 'v u64@8, m u64@16, mn u64@24, p u64@32, n u64@40', results: 'r u64@56, ok u8@64', reenters: true,
    show: 'valueCall({v:jsref}, {m:utf8}, {n} args)', then: ' → {result}',
    run: (call) => {
      const s = js(call);
      const target = s.values.load(BigInt(call.a.v!));
      const method = loadString(call, call.a.m!, call.a.mn!);
      const args = loadRefs(call, s, call.a.p!, call.a.n!);
      return attempt(call, s, () => s.world.call(target, method, args));
    },
  },
  'syscall/js.valueInvoke': {
    args: 'v u64@8, p u64@16, n u64@24', results: 'r u64@40, ok u8@48', reenters: true,
    show: 'valueInvoke({v:jsref}, {n} args)', then: ' → {result}',
    run: (call) => {
      const s = js(call);
      const fn = s.values.load(BigInt(call.a.v!));
      const args = loadRefs(call, s, call.a.p!, call.a.n!);
      return attempt(call, s, () => s.world.invoke(fn, args));
    },
  },
  'syscall/js.valueNew': {
    args: 'v u64@8, p u64@16, n u64@24', results: 'r u64@40, ok u8@48', reenters: true,
    show: 'valueNew({v:jsref}, {n} args)', then: ' → {result}',
    run: (call) => {
      const s = js(call);
      const ctor = s.values.load(BigInt(call.a.v!));
      const args = loadRefs(call, s, call.a.p!, call.a.n!);
      return attempt(call, s, () => s.world.construct(ctor, args));
    },
  },
  'syscall/js.valueLength': {
    args: 'v u64@8', results: 'len u64@16', show: 'valueLength({v:jsref})', then: ' → {len}',
    run: (call) => {
      const s = js(call);
      return { len: BigInt(s.world.length(s.values.load(BigInt(call.a.v!)))) };
    },
  },
  'syscall/js.valuePrepareString': {
    // The string's UTF-8 bytes are made here and kept as a value; valueLoadString copies them.
    args: 'v u64@8', results: 'r u64@16, len u64@24', show: 'valuePrepareString({v:jsref})', then: ' → {len} bytes',
    run: (call) => {
      const s = js(call);
      const v = s.values.load(BigInt(call.a.v!));
      const bytes = encoder.encode(typeof v === 'string' ? v : String(v));
      s.world.nameAs(bytes, `Uint8Array(${bytes.length})`, true);
      return { r: s.values.store(bytes), len: BigInt(bytes.length) };
    },
  },
  'syscall/js.valueLoadString': {
    args: 'v u64@8, b u64@16, bn u64@24', show: 'valueLoadString({v:jsref}, {bn} bytes at {b:hex})',
    run: (call) => {
      const s = js(call);
      const bytes = s.values.load(BigInt(call.a.v!));
      if (!(bytes instanceof Uint8Array)) throw new TypeError('syscall/js.valueLoadString: the value is not a prepared string');
      call.memory().write(Number(call.a.b!), bytes.subarray(0, Number(call.a.bn!)));
    },
  },
  'syscall/js.valueInstanceOf': {
    args: 'v u64@8, t u64@16', results: 'ok u8@24', show: 'valueInstanceOf({v:jsref}, {t:jsref})', then: ' → {ok}',
    run: (call) => {
      const s = js(call);
      return { ok: s.world.instanceOf(s.values.load(BigInt(call.a.v!)), s.values.load(BigInt(call.a.t!))) ? 1 : 0 };
    },
  },
  'syscall/js.copyBytesToGo': {
    args: 'b u64@8, bn u64@16, src u64@32', results: 'n u64@40, ok u8@48', show: 'copyBytesToGo({bn} bytes at {b:hex}, {src:jsref})', then: ' → {n} copied',
    run: (call) => {
      const src = js(call).values.load(BigInt(call.a.src!));
      if (!(src instanceof Uint8Array)) return { n: 0n, ok: 0 };
      const part = src.subarray(0, Number(call.a.bn!));
      call.memory().write(Number(call.a.b!), part);
      return { n: BigInt(part.length), ok: 1 };
    },
  },
  'syscall/js.copyBytesToJS': {
    args: 'dst u64@8, b u64@16, bn u64@24', results: 'n u64@40, ok u8@48', show: 'copyBytesToJS({dst:jsref}, {bn} bytes at {b:hex})', then: ' → {n} copied',
    run: (call) => {
      const dst = js(call).values.load(BigInt(call.a.dst!));
      if (!(dst instanceof Uint8Array)) return { n: 0n, ok: 0 };
      const part = call.ctx.memory().read(Number(call.a.b!), Math.min(Number(call.a.bn!), dst.length));
      dst.set(part);
      return { n: BigInt(part.length), ok: 1 };
    },
  },
};
