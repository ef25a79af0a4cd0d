// Wraps a table entry into an import function: decode args, run, map errors, record once.

import type { ImportCallRecord } from '../../../shared/dto.ts';
import type { GuestMemory } from '../../memory/guest-memory.ts';
import { ProcExit, TrackedMemory } from './context.ts';
import type { CallNote, WasiArg, WasiContext, WasiFunction } from './context.ts';
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

function argText(a: WasiArg): string {
  return typeof a === 'bigint' ? a.toString() : String(a >>> 0);
}

export function bindFunction(
  fn: WasiFunction, ctx: WasiContext, getMemory: () => GuestMemory, module = 'wasi_snapshot_preview1',
): (...args: WasiArg[]) => number | undefined {
  return (...args: WasiArg[]) => {
    const started = performance.now();
    const note: CallNote = { detail: {} };
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
    const argStrings = args.map(argText);
    const shown = note.args ?? fn.params.map((p, i) => `${p}=${argStrings[i] ?? '?'}`).join(', ');
    const outcome = errno !== Errno.SUCCESS ? errnoName(errno) : (note.outcome ?? errnoName(errno));
    const record: ImportCallRecord = {
      module,
      name: fn.name,
      binding: 'wasi',
      args: argStrings,
      summary: `${fn.name}(${shown}) → ${outcome}`,
      detail: note.detail,
      results: fn.noErrno ? [] : [String(errno)],
      durationMs: performance.now() - started,
      touched: coalesce(mem?.ranges ?? []),
    };
    if (!fn.noErrno) {
      record.errno = errno;
      record.errnoName = errnoName(errno);
    }
    ctx.host.record(record);
    if (exit) throw exit;
    return fn.noErrno ? undefined : errno;
  };
}
