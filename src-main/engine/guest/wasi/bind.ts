// Wraps a table entry into an import function: the body maps host errors to an errno, and the
// one wrapper (import-context.ts hostFunction) records the call through the one recorder.

import type { GuestMemory } from '../../memory/guest-memory.ts';
import { ProcExit } from './context.ts';
import type { WasiArg, WasiContext, WasiFunction } from './context.ts';
import type { HostCallEnd, HostCallEntry } from '../host-call.ts';
import { hostFunction, type HostEnds } from '../import-context.ts';
import { unsignedText } from '../arg-decoder.ts';
import { Errno, errnoFromThrown, errnoName } from './errno.ts';
import { asHostWriter, WatchStop } from '../../memory/write-hooks.ts';

export function bindFunction(
  fn: WasiFunction, ctx: WasiContext, getMemory: () => GuestMemory, module = 'wasi_snapshot_preview1',
): (...args: WasiArg[]) => number | undefined {
  // The data beside the table entry: its spec name, parameter names and how its arguments and
  // its outcome read (arg-decoder.ts), i32s shown unsigned.
  const entry: HostCallEntry = {
    module, name: fn.name, binding: 'wasi', params: fn.params, arg: unsignedText,
    ...(fn.show !== undefined ? { show: `${fn.name}(${fn.show})` } : {}),
    ...(fn.then !== undefined ? { then: ` → ${fn.then}` } : {}),
  };
  // A failure reads as its errno's name; a success by the entry's `then` when it has one
  // (`completed`: the body got to the end, so its facts and out-pointers are written).
  const end = (errno: number, completed: boolean): HostCallEnd => ({
    results: fn.noErrno ? [] : [errno],
    ...(errno !== Errno.SUCCESS || fn.then === undefined || !completed ? { outcome: errnoName(errno) } : {}),
    ...(fn.noErrno ? {} : { errno: { value: errno, name: errnoName(errno) } }),
  });
  // proc_exit and a `watch … stop` hit unwind the guest (the only throws that pass the body):
  // the record reads as the call it was, closed by abort. proc_exit has done all it does when it
  // throws; a watch stop cuts the body short.
  const ends: HostEnds = {
    after: (errno) => end(Number(errno ?? Errno.SUCCESS), true),
    abort: (error) => end(Errno.SUCCESS, error instanceof ProcExit),
  };
  // proc_exit, the one function without an errno, never returns.
  return hostFunction(entry, { memory: getMemory, calls: ctx.host.calls }, (args, { memory, note }) => {
    try {
      ctx.mem = memory();
      const errno = asHostWriter(`wasi:${fn.name}`, () => fn.run(ctx, note, args));
      return fn.noErrno ? undefined : errno;
    } catch (e) {
      if (e instanceof ProcExit || e instanceof WatchStop) throw e;
      const mapped = errnoFromThrown(e);
      if (mapped === null) note.detail.hostError = e instanceof Error ? e.message : String(e);
      if (e instanceof Error && mapped !== null && e.message !== errnoName(mapped)) note.detail.reason = e.message;
      return mapped ?? Errno.IO;
    }
  }, ends) as (...args: WasiArg[]) => number | undefined;
}
