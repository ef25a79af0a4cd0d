// wasi_snapshot_preview1 for one guest (files through preview2-shim, loaded lazily): the engine's WASI entry point.

import type { GuestMemory } from '../../memory/guest-memory.ts';
import { bindFunction } from './bind.ts';
import { TrackedMemory } from '../host-call.ts';
import type { WasiConfig, WasiContext, WasiHost } from './context.ts';
import { FdTable, releaseEntry } from './fd-table.ts';
import type { FdEntry } from './fd-table.ts';
import { WASI_FUNCTIONS } from './functions.ts';
import { WASI_UNSTABLE_FUNCTIONS } from './unstable.ts';
import { ShimPreopens } from './shim.ts';
import { deterministicClocks, deterministicRandom, realClocks, realRandom } from './sources.ts';

export { ProcExit } from './context.ts';
export type { WasiConfig, WasiHost } from './context.ts';
export { PREVIEW1_NAMES } from '../../protocol.ts';
export { Errno, errnoName } from './errno.ts';

export interface WasiInstance {
  /** The `wasi_snapshot_preview1` import namespace. */
  imports: Record<string, (...args: any[]) => unknown>;
  /** The legacy `wasi_unstable` namespace on the same descriptors (see unstable.ts). */
  unstable: Record<string, (...args: any[]) => unknown>;
  /** Closes every descriptor the guest still holds. */
  dispose(): void;
}

/**
 * Builds the import object. fds: 0 stdin (config bytes), 1 stdout and 2 stderr (host sinks),
 * then config.preopens from 3 in order. Run it on the guest's worker thread: file calls block
 * it in Atomics.wait on the shim's IO thread, and sleeps block it too. Creating it loads no
 * shim: a preopen's descriptor is made when a call first needs it (shim.ts).
 */
export function createWasiPreview1(
  config: WasiConfig, host: WasiHost, getMemory: () => GuestMemory,
): WasiInstance {
  const initial: FdEntry[] = [{ kind: 'stdin' }, { kind: 'stdout' }, { kind: 'stderr' }];
  const shim = new ShimPreopens(config.preopens.map((p) => p.hostPath));
  config.preopens.forEach((p, i) => {
    const root = { guestPath: p.guestPath, hostPath: p.hostPath, writable: p.writable };
    // A getter, so only code that uses the descriptor loads the shim (fd_prestat_*, fd_fdstat_get
    // and fd_close of a preopen read our own fields).
    initial.push({ kind: 'dir', get desc() { return shim.get(i); }, root, hostPath: p.hostPath, preopen: true });
  });
  const fds = new FdTable(initial);
  const ctx: WasiContext = {
    config, host, fds,
    clocks: config.deterministic ? deterministicClocks() : realClocks(),
    randomBytes: config.deterministic ? deterministicRandom() : realRandom,
    stdinPos: 0,
    // Replaced at the start of every call; this one is never read.
    mem: new TrackedMemory(new WebAssembly.Memory({ initial: 0 })),
  };
  const imports: Record<string, (...args: any[]) => unknown> = {};
  for (const fn of WASI_FUNCTIONS) imports[fn.name] = bindFunction(fn, ctx, getMemory);
  const unstable: Record<string, (...args: any[]) => unknown> = {};
  for (const fn of WASI_UNSTABLE_FUNCTIONS) unstable[fn.name] = bindFunction(fn, ctx, getMemory, 'wasi_unstable');
  return {
    imports,
    unstable,
    dispose() {
      for (const e of fds.all()) releaseEntry(e);
    },
  };
}
