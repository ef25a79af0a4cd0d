// Host writes into guest memory, reported to whoever traces them: every GuestMemory write (the
// sequence's `write` steps, WASI functions filling buffers) calls the hook registered for its
// WebAssembly.Memory, after the bytes are in place, and notes the range in its log, if any.
// Keyed by the memory, not the GuestMemory object, because WASI and the heap ledger wrap the
// same memory in views of their own.

export type HostWriteHook = (address: number, length: number, writer: string) => void;

const hooks = new WeakMap<WebAssembly.Memory, HostWriteHook>();
const logs = new WeakMap<WebAssembly.Memory, HostWriteLog>();

/** Ranges a log lists before it only says "too many" (then the capture compares all of memory). */
const LOG_LIMIT = 64;

/**
 * The [start, end) ranges the host wrote into one memory since the log was last taken: for the
 * change capture of a `write` step, where no guest code runs, these are all that can differ.
 */
export class HostWriteLog {
  private ranges: [number, number][] = [];
  private overflowed = false;

  note(address: number, length: number): void {
    if (this.overflowed) return;
    if (this.ranges.length === LOG_LIMIT) {
      this.overflowed = true;
      this.ranges = [];
      return;
    }
    this.ranges.push([address, address + length]);
  }

  /** The ranges written since the last take (null: too many to list); the log starts over. */
  take(): [number, number][] | null {
    const ranges = this.overflowed ? null : this.ranges;
    this.ranges = [];
    this.overflowed = false;
    return ranges;
  }
}

/** Every host write into `memory` from now on is noted in `log` (null: no longer). */
export function logHostWrites(memory: WebAssembly.Memory, log: HostWriteLog | null): void {
  if (log) logs.set(memory, log);
  else logs.delete(memory);
}

/**
 * The writer of the debugger's own writes (a memory editor, a variable set at a pause): not the
 * guest's, so a watch takes in their bytes without reporting a hit or stopping on them (as gdb's
 * watchpoints ignore `set var`).
 */
export const DEBUGGER_WRITER = 'debugger';

/** The host-side writer now: `host` (the sequence), or the import running (`wasi:fd_read`, `env:emscripten_memcpy_big`). */
let writer = 'host';

export function setHostWriteHook(memory: WebAssembly.Memory, hook: HostWriteHook | null): void {
  if (hook) hooks.set(memory, hook);
  else hooks.delete(memory);
}

/** Called by GuestMemory after it wrote [address, address + length). */
export function noteHostWrite(memory: WebAssembly.Memory, address: number, length: number): void {
  if (length <= 0) return;
  // Logged first: a tracing hook may throw (WatchStop) after the bytes are in place.
  logs.get(memory)?.note(address, length);
  hooks.get(memory)?.(address, length, writer);
}

/** Runs `body` with host writes attributed to `name`, an import's `module:name` (`wasi:fd_read`). */
export function asHostWriter<T>(name: string, body: () => T): T {
  const outer = writer;
  writer = name;
  try {
    return body();
  } finally {
    writer = outer;
  }
}

/**
 * Thrown from a write hook when a `watch … stop` range is written: unwinds the guest right
 * after the write. Error handlers on the way (WASI's errno mapping) must let it through.
 */
export class WatchStop extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WatchStop';
  }
}
