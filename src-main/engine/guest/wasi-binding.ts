// Adapts the wasi/ module (preview1; files on preview2-shim) to the runtime: WASI config from the
// session inputs (argv[0] is the module's file name), host sinks from the import context.

import type { GuestMemory } from '../memory/guest-memory.ts';
import type { ImportContext } from './import-context.ts';
import { ProcExit } from './wasi/context.ts';
import { createWasiPreview1 } from './wasi/index.ts';
import type { WorkerInit } from '../protocol.ts';

export interface WasiBinding {
  /** wasi_snapshot_preview1 functions by name. */
  imports: Record<string, unknown>;
  /** wasi_unstable functions by name (the same descriptors). */
  unstable: Record<string, unknown>;
  dispose(): void;
}

/** True when the import plan binds any import to WASI (only then is wasi/ instantiated). */
export function importsWasi(init: WorkerInit): boolean {
  return Object.values(init.bindings).some((b) => b?.binding === 'wasi');
}

export function createWasi(init: WorkerInit, ctx: ImportContext, getMemory: () => GuestMemory): WasiBinding {
  if (!importsWasi(init)) return { imports: {}, unstable: {}, dispose: () => {} };
  const wasi = createWasiPreview1(
    {
      args: [init.moduleName, ...init.args],
      env: init.env,
      preopens: init.preopens,
      stdin: init.stdin,
      deterministic: init.deterministic,
      stdioTty: init.stdioTty,
    },
    { stdout: ctx.stdout, stderr: ctx.stderr, calls: ctx.calls },
    getMemory,
  );
  const all = wasi.imports as Record<string, unknown>;
  const ns = all.wasi_snapshot_preview1;
  return { imports: (ns && typeof ns === 'object' ? ns : all) as Record<string, unknown>, unstable: wasi.unstable, dispose: () => wasi.dispose() };
}

export function isProcExit(error: unknown): error is ProcExit {
  return error instanceof ProcExit;
}
