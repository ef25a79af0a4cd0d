// The one recorder of host calls (WASI, builtins, Go's runtime, Emscripten's glue, stubs: every
// host function an import is bound to), with wazero's function-listener guarantee: a call opens
// with `before` and closes with exactly one `after` (it returned) or `abort` (it threw: a trap,
// proc_exit, AssemblyScript's abort, a stub that ends the program), and the close is what leaves
// its ImportCallRecord, so a call that unwinds the guest is in the log too. A second close is our
// bug and throws. Bodies only do the work: how a call reads in the log is data beside its table
// entry (HostCallEntry), decoded here through arg-decoder.ts.

import type { FuncType, ImportBinding, ImportCallRecord, ValType, WasmValue } from '../../shared/dto.ts';
import { fromJs } from '../../shared/value-format.ts';
import { GuestMemory } from '../memory/guest-memory.ts';
import { decodeLine, plainArgs, type CallView, type HostValue, type Line } from './arg-decoder.ts';
import { readSlots, type Slot } from './stack-slots.ts';
import { nowMs } from './clock.ts';

export type { HostValue };
export type HostResult = HostValue | HostValue[] | undefined;
export type HostFunction = (...args: HostValue[]) => HostResult;

/** What a body found out about one call (facts for its line, details for its record), and what it touched. */
export interface HostCallNote {
  /**
   * Facts only the body knows (an fd's kind, a preopen's name), for the entry's `then`; not kept
   * in the record. Noted only when the call succeeds, as `then` is read only then.
   */
  facts: Record<string, string | number>;
  detail: Record<string, string | number>;
  /** Guest memory [start, end) ranges the call read or wrote. */
  touched?: [number, number][];
}

/** The data that sits beside a host function: who it is and how its calls read in the log. */
export interface HostCallEntry {
  module: string;
  name: string;
  binding: ImportBinding;
  /** Parameter names, in order (WASI: the witx names). */
  params?: readonly string[];
  /** The record's line as the arguments tell it, read before the call; default `name(param=value, …)`. */
  show?: Line;
  /**
   * Read after the call and appended to the line (over the results, the note's facts and detail),
   * unless the end words its outcome itself (a failed WASI call: its errno's name).
   */
  then?: Line;
  /** Names of the wasm results, for `then`. */
  results?: readonly string[];
  /** The record's detail fields, each read before the call. */
  detail?: Readonly<Record<string, Line>>;
  /** Go: arguments and results in stack slots at the first parameter (stack-slots.ts). */
  stack?: { args: readonly Slot[]; results: readonly Slot[] };
  /** How the line's `jsref` values read (Go's syscall/js refs, by what they name now). */
  refs?: (bits: bigint) => string;
  /** Turns a raw argument into text for the line's fallbacks (default: decimal). */
  arg?: (value: HostValue) => string;
  /**
   * The import's declared type, which types the record's values. Without it (WASI, whose
   * preview1 signatures hold only i32 and i64; Go's, Emscripten's and tempret's i32s) a bigint
   * is an i64 and a number an i32.
   */
  type?: FuncType;
}

/** How a closed call ends its record. */
export interface HostCallEnd {
  /** The wasm results as JavaScript got them (the record types them; the entry's `then` reads them). */
  results: readonly HostValue[];
  outcome?: string;
  /** WASI's errno, when it has one. */
  errno?: { value: number; name: string };
  /** Why the call threw: the line becomes `name(args) ✗ error`. */
  error?: string;
}

/** wazero's FunctionListener: one `before`, then exactly one `after` or `abort`, per call. */
export interface HostCallListener {
  before?(entry: HostCallEntry, args: readonly HostValue[]): void;
  after(record: ImportCallRecord): void;
  abort(record: ImportCallRecord, error: unknown): void;
}

/** A listener that keeps every closed call's record, however it closed. */
export function recordsTo(push: (record: ImportCallRecord) => void): HostCallListener {
  return { after: push, abort: (record) => push(record) };
}

export class HostCall {
  readonly note: HostCallNote = { facts: {}, detail: {} };
  private closed = false;
  private readonly started = nowMs();
  /** The arguments (and Go's stack slots) by name, read before the call ran (it may change memory). */
  private view: CallView | undefined;
  private line: string | undefined;

  constructor(
    private readonly entry: HostCallEntry,
    readonly args: readonly HostValue[],
    private readonly listener: HostCallListener,
    memory?: () => GuestMemory,
  ) {
    listener.before?.(entry, args);
    if (!memory || (entry.show === undefined && entry.then === undefined && !entry.detail)) return;
    let sizeBefore: number | undefined;
    if (typeof entry.then === 'function') {
      try {
        sizeBefore = memory().size;
      } catch {
        // No memory: a decoder that compares sizes has nothing to compare.
      }
    }
    try {
      const view = viewOf(entry, args, memory, sizeBefore);
      this.view = view;
      if (entry.show !== undefined) this.line = decodeLine(entry.show, view);
      for (const [key, line] of Object.entries(entry.detail ?? {})) this.note.detail[key] = decodeLine(line, view);
    } catch {
      // A pointer outside memory (the call itself answers EFAULT or traps): the raw values say more.
    }
  }

  /** The call returned. */
  after(end: HostCallEnd): void {
    this.listener.after(this.close(end));
  }

  /** The call threw `error`; `end` says how the record words it (the error unwinds the guest after). */
  abort(end: HostCallEnd, error: unknown): void {
    this.listener.abort(this.close(end), error);
  }

  private close(end: HostCallEnd): ImportCallRecord {
    if (this.closed) throw new Error(`host call ${this.entry.module}.${this.entry.name} closed twice`);
    this.closed = true;
    const { module, name, binding, params } = this.entry;
    const text = this.args.map(this.entry.arg ?? String);
    const summary = end.error !== undefined
      ? `${name}(${text.join(', ')}) ✗ ${end.error}`
      : `${this.line ?? `${name}(${plainArgs(params, text)})`}${this.tail(end)}`;
    const type = this.entry.type;
    const record: ImportCallRecord = {
      module,
      name,
      binding,
      args: typed(this.args, type?.params),
      summary,
      ...(Object.keys(this.note.detail).length > 0 || binding === 'wasi' ? { detail: this.note.detail } : {}),
      results: typed(end.results, type?.results),
      durationMs: nowMs() - this.started,
      ...(this.note.touched?.length ? { touched: this.note.touched } : {}),
    };
    if (end.errno) {
      record.errno = end.errno.value;
      record.errnoName = end.errno.name;
    }
    return record;
  }

  /** What follows the arguments: ` → outcome` when the end words it, else the entry's `then`. */
  private tail(end: HostCallEnd): string {
    const { then, results = [], stack } = this.entry;
    if (end.outcome !== undefined || then === undefined || !this.view) return end.outcome !== undefined ? ` → ${end.outcome}` : '';
    try {
      const before = this.view;
      const out = stack ? readSlots(stack.results, Number(this.args[0]) >>> 0, before.memory()) : [];
      const { facts, detail } = this.note;
      const view = {
        ...before,
        names: [...before.names, ...results, ...(stack?.results ?? []).map((s) => s.name), ...Object.keys(facts), ...Object.keys(detail)],
        // The results the entry names (a WASI entry names none: its errno is the end's).
        values: [...before.values, ...end.results.slice(0, results.length), ...out, ...Object.values(facts), ...Object.values(detail)],
      };
      return decodeLine(then, view);
    } catch {
      return '';
    }
  }
}

/** The values a line reads: parameters, then stack slots at the first parameter (Go's sp). */
function viewOf(entry: HostCallEntry, args: readonly HostValue[], memory: () => GuestMemory, sizeBefore: number | undefined): CallView {
  const params = entry.params ?? [];
  const stack = entry.stack?.args;
  const slotted = stack ? readSlots(stack, Number(args[0]) >>> 0, memory()) : [];
  return {
    names: [...params, ...(stack ?? []).map((s) => s.name)],
    // Named values only: results and facts are named after them, so an unnamed argument (an
    // entry without params) must not shift them.
    values: [...args.slice(0, params.length), ...slotted],
    args,
    memory,
    ...(sizeBefore !== undefined ? { sizeBefore } : {}),
    ...(entry.refs ? { refs: entry.refs } : {}),
  };
}

/** `before`: opens the record of one call; the caller closes it with after() or abort(). */
export function beforeHostCall(
  entry: HostCallEntry, args: readonly HostValue[], listener: HostCallListener, memory?: () => GuestMemory,
): HostCall {
  return new HostCall(entry, args, listener, memory);
}

/** A host function's return value as the list of its wasm results. */
export function resultList(result: HostResult): readonly HostValue[] {
  return result === undefined ? [] : Array.isArray(result) ? result : [result];
}

/** Raw values as WasmValues, of the declared types, else by their JavaScript type (see HostCallEntry.type). */
function typed(values: readonly HostValue[], types: readonly ValType[] | undefined): WasmValue[] {
  return values.map((v, i) => fromJs(types?.[i] ?? (typeof v === 'bigint' ? 'i64' : 'i32'), v));
}

/** GuestMemory that remembers every range it checked, so records can list `touched`. */
export class TrackedMemory extends GuestMemory {
  readonly ranges: [number, number][] = [];

  override check(address: number, length: number): void {
    super.check(address, length);
    if (length > 0) this.ranges.push([address, address + length]);
  }

  /** Bounds check only (EFAULT before any side effect); not counted as touched. */
  validate(address: number, length: number): void {
    super.check(address, length);
  }

  /** What was touched, as [start, end) ranges sorted and merged. */
  touched(): [number, number][] {
    const sorted = [...this.ranges].sort((x, y) => x[0] - y[0]);
    const out: [number, number][] = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    }
    return out;
  }
}
