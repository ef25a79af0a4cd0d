// Host writes into guest memory, reported to whoever traces them: every GuestMemory write (the
// sequence's `write` steps, WASI functions filling buffers) calls the hook registered for its
// WebAssembly.Memory, after the bytes are in place. Keyed by the memory, not the GuestMemory
// object, because WASI and the heap ledger wrap the same memory in views of their own.

export type HostWriteHook = (address: number, length: number, writer: string) => void;

const hooks = new WeakMap<WebAssembly.Memory, HostWriteHook>();

/** The host-side writer now: `host` (the sequence), or `wasi:<name>` while a WASI function runs. */
let writer = 'host';

export function setHostWriteHook(memory: WebAssembly.Memory, hook: HostWriteHook | null): void {
  if (hook) hooks.set(memory, hook);
  else hooks.delete(memory);
}

/** Called by GuestMemory after it wrote [address, address + length). */
export function noteHostWrite(memory: WebAssembly.Memory, address: number, length: number): void {
  if (length <= 0) return;
  hooks.get(memory)?.(address, length, writer);
}

/** Runs `body` with host writes attributed to `name` (a WASI function's `wasi:fd_read`). */
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
