// Wraps a table entry into an import function: decode args, run, map errors, and leave exactly
// one record through the one recorder (host-call.ts).

import type { GuestMemory } from '../../memory/guest-memory.ts';
import { ProcExit, TrackedMemory } from './context.ts';
import type { WasiArg, WasiContext, WasiFunction } from './context.ts';
import { beforeHostCall, type HostCallEnd, type HostCallEntry } from '../host-call.ts';
import { unsignedText } from '../arg-decoder.ts';
import { Errno, errnoFromThrown, errnoName } from './errno.ts';
import { asHostWriter, WatchStop } from '../../memory/write-hooks.ts';

/** [start, end) ranges sorted and merged. */
function coalesce(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export function bindFunction(
  fn: WasiFunction, ctx: WasiContext, getMemory: () => GuestMemory, module = 'wasi_snapshot_preview1',
): (...args: WasiArg[]) => number | undefined {
  // The data beside the table entry: its spec name, parameter names and how its arguments
  // read (arg-decoder.ts), i32s shown unsigned.
  const entry: HostCallEntry = { module, name: fn.name, binding: 'wasi', params: fn.params, ...(fn.show !== undefined ? { show: fn.show } : {}), arg: unsignedText };
  return (...args: WasiArg[]) => {
    const call = beforeHostCall(entry, args, (r) => ctx.host.record(r), getMemory);
    const note = call.note;
    let errno: number = Errno.SUCCESS;
    let exit: ProcExit | WatchStop | null = null;
    let mem: TrackedMemory | null = null;
    try {
      mem = new TrackedMemory(getMemory().memory);
      ctx.mem = mem;
      errno = asHostWriter(`wasi:${fn.name}`, () => fn.run(ctx, note, args));
    } catch (e) {
      // proc_exit and a `watch … stop` hit unwind the guest; they are not errnos.
      if (e instanceof ProcExit || e instanceof WatchStop) {
        exit = e;
      } else {
        const mapped = errnoFromThrown(e);
        if (mapped === null) note.detail.hostError = e instanceof Error ? e.message : String(e);
        errno = mapped ?? Errno.IO;
        if (e instanceof Error && mapped !== null && e.message !== errnoName(mapped)) note.detail.reason = e.message;
      }
    }
    note.touched = coalesce(mem?.ranges ?? []);
    const end: HostCallEnd = {
      results: fn.noErrno ? [] : [String(errno)],
      outcome: errno !== Errno.SUCCESS ? errnoName(errno) : (note.outcome ?? errnoName(errno)),
      ...(fn.noErrno ? {} : { errno: { value: errno, name: errnoName(errno) } }),
    };
    if (exit) {
      // The call unwinds the guest: its record closes as an abort, then the unwinding goes on.
      call.abort(end);
      throw exit;
    }
    call.after(end);
    return fn.noErrno ? undefined : errno;
  };
}
