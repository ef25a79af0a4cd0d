// What host functions bound to imports may use (the guest's memory, the output sinks, the call
// listener), and the one wrapper that turns a table entry and its body into an import function
// recorded by the one recorder (host-call.ts). Provided by the worker; the memory getter
// re-reads after every growth.

import type { GuestMemory } from '../memory/guest-memory.ts';
import {
  beforeHostCall, resultList, TrackedMemory,
  type HostCallEnd, type HostCallEntry, type HostCallListener, type HostCallNote, type HostFunction, type HostResult, type HostValue,
} from './host-call.ts';

export interface ImportContext {
  /** The guest's memory (throws when the module has none). */
  memory(): GuestMemory;
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
  /** The session's stdin (the `stdin` directive), for a runtime that reads it itself: Go's fs.read of fd 0. */
  stdin?: Uint8Array;
  /** Sees every host call's before and its one after or abort; null: recording is off. */
  calls: HostCallListener | null;
  /** Fixed clocks and seeded random for host functions that provide them (Go's runtime). */
  deterministic: boolean;
  /** The session's memory cap in bytes: a host function that grows memory stays within it. */
  memoryCapBytes: number;
  /**
   * The instance's exports, for host functions that call back into the guest (Emscripten's
   * invoke_* wrappers, its exception runtime's malloc and free). Throws while the module is
   * still being instantiated: no import can use them from a start function.
   */
  exports(): WebAssembly.Exports;
  /** Function names from the name section, by function index, for lines that name what they call. */
  functionNames: Readonly<Record<number, string>>;
}

/** What a body gets: the guest's memory, tracked so the record lists what the call touched. */
export interface CallIO {
  memory(): TrackedMemory;
  /** WASI functions note their facts and details here. */
  readonly note: HostCallNote;
}

export type HostBody = (args: HostValue[], io: CallIO) => HostResult;

/** How a call's record closes: after it returned, or after it threw. */
export interface HostEnds {
  after(result: HostResult, note: HostCallNote): HostCallEnd;
  abort(error: unknown, note: HostCallNote): HostCallEnd;
}

const PLAIN_ENDS: HostEnds = {
  after: (result) => ({ results: resultList(result) }),
  abort: (error) => ({ results: [], error: error instanceof Error ? error.message : String(error) }),
};

/**
 * The import function for `entry`: runs `body`, and, while recording, opens the call's record
 * before it and closes it with exactly one after or abort (then the throw goes on unwinding).
 */
export function hostFunction(
  entry: HostCallEntry, host: Pick<ImportContext, 'memory' | 'calls'>, body: HostBody, ends: HostEnds = PLAIN_ENDS,
): HostFunction {
  return (...args) => {
    let tracked: TrackedMemory | null = null;
    const memory = (): TrackedMemory => (tracked ??= new TrackedMemory(host.memory().memory));
    if (!host.calls) return body(args, { memory, note: { facts: {}, detail: {} } });
    const call = beforeHostCall(entry, args, host.calls, host.memory);
    const note = call.note;
    let result: HostResult;
    try {
      result = body(args, { memory, note });
    } catch (error) {
      if (tracked) note.touched = (tracked as TrackedMemory).touched();
      call.abort(ends.abort(error, note), error);
      throw error;
    }
    if (tracked) note.touched = (tracked as TrackedMemory).touched();
    call.after(ends.after(result, note));
    return result;
  };
}
