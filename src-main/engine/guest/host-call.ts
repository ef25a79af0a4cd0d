// The one recorder of host calls (WASI, builtins, stubs, and every other host function an
// import is bound to), with wazero's function-listener guarantee: a call opens with `before`
// and closes with exactly one `after` (it returned) or `abort` (it threw: a trap, proc_exit,
// AssemblyScript's abort), and the close is what leaves its ImportCallRecord, so a call that
// unwinds the guest is in the log too. A second close is our bug and throws.

import type { ImportBinding, ImportCallRecord } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { decodeArgs, plainArgs } from './arg-decoder.ts';

export type HostValue = number | bigint;

/** What a host function found out about one call, for its record. Filled in as it goes. */
export interface HostCallNote {
  /** The whole summary line; default: `name(args) → outcome`, args decoded from the entry's data. */
  summary?: string;
  /** Decoded outcome, e.g. `6 bytes`. */
  outcome?: string;
  detail: Record<string, string | number>;
  /** Guest memory [start, end) ranges the call read or wrote. */
  touched?: [number, number][];
}

/** The data that sits beside a host function: who it is and how its arguments read. */
export interface HostCallEntry {
  module: string;
  name: string;
  binding: ImportBinding;
  /** Parameter names, in order (WASI: the witx names). */
  params?: readonly string[];
  /** How the arguments read, as data over `params` (see arg-decoder.ts); default: `param=value`. */
  show?: string;
  /** Turns a raw argument into text (default: decimal). */
  arg?: (value: HostValue) => string;
}

/** How a closed call ends its record: results as text, and WASI's errno when it has one. */
export interface HostCallEnd {
  results: string[];
  outcome?: string;
  errno?: { value: number; name: string };
}

export class HostCall {
  readonly note: HostCallNote = { detail: {} };
  private closed = false;
  private readonly started = performance.now();
  /** The entry's template read over the arguments before the call ran (it may change memory). */
  private readonly decoded: string | undefined;

  constructor(
    private readonly entry: HostCallEntry,
    readonly args: readonly HostValue[],
    private readonly sink: (record: ImportCallRecord) => void,
    memory?: () => GuestMemory,
  ) {
    if (entry.show !== undefined && entry.params && memory) {
      try {
        this.decoded = decodeArgs(entry.show, entry.params, args, memory);
      } catch {
        // A pointer outside memory (the call itself answers EFAULT): the raw values say more.
      }
    }
  }

  /** The arguments as the record shows them: decoded from the entry's data, else `param=value` pairs. */
  argText(): string {
    return this.decoded ?? plainArgs(this.entry.params, this.args.map(this.entry.arg ?? String));
  }

  /** The call returned. */
  after(end: HostCallEnd): void {
    this.close(end);
  }

  /** The call threw; `end` says how the record words it (the error unwinds the guest after). */
  abort(end: HostCallEnd): void {
    this.close(end);
  }

  private close(end: HostCallEnd): void {
    if (this.closed) throw new Error(`host call ${this.entry.module}.${this.entry.name} closed twice`);
    this.closed = true;
    const { module, name, binding } = this.entry;
    const record: ImportCallRecord = {
      module,
      name,
      binding,
      args: this.args.map(this.entry.arg ?? String),
      summary: this.note.summary ?? `${name}(${this.argText()})${end.outcome !== undefined ? ` → ${end.outcome}` : ''}`,
      ...(Object.keys(this.note.detail).length > 0 || binding === 'wasi' ? { detail: this.note.detail } : {}),
      results: end.results,
      durationMs: performance.now() - this.started,
      ...(this.note.touched ? { touched: this.note.touched } : {}),
    };
    if (end.errno) {
      record.errno = end.errno.value;
      record.errnoName = end.errno.name;
    }
    this.sink(record);
  }
}

/** `before`: opens the record of one call; the caller closes it with after() or abort(). */
export function beforeHostCall(
  entry: HostCallEntry, args: readonly HostValue[], sink: (record: ImportCallRecord) => void, memory?: () => GuestMemory,
): HostCall {
  return new HostCall(entry, args, sink, memory);
}

/** Text for records: JSON-quoted, cut at `max` characters (an ellipsis after the quote says so). */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? text.slice(0, max) : text) + (text.length > max ? '…' : '');
}

/** Results as record text. */
export function resultText(result: HostValue | HostValue[] | undefined | null): string[] {
  return result === undefined || result === null ? [] : Array.isArray(result) ? result.map(String) : [String(result)];
}
