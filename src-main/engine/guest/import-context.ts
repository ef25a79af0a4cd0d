// What host functions bound to imports may use: the guest's memory, the output sinks, and the
// call recorder. Provided by the worker; the memory getter re-reads after every growth.

import type { ImportBinding, ImportCallRecord } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { beforeHostCall, resultText, type HostCallEntry, type HostCallNote, type HostValue } from './host-call.ts';

export interface ImportContext {
  /** The guest's memory (throws when the module has none). */
  memory(): GuestMemory;
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
  /** Adds an import call record to the current guest call. */
  record(record: ImportCallRecord): void;
  /** False: skip building records (config.recording off). */
  recording: boolean;
  /** Fixed clocks and seeded random for host functions that provide them (Go's runtime). */
  deterministic: boolean;
  /** The session's memory cap in bytes: a host function that grows memory stays within it. */
  memoryCapBytes: number;
}

export type HostFunction = (...args: HostValue[]) => HostValue | HostValue[] | undefined;

/** How a host function's arguments read in the call log, as data (see arg-decoder.ts). */
export type ArgShape = Required<Pick<HostCallEntry, 'params' | 'show'>>;

/**
 * Wraps `impl` so each call leaves one ImportCallRecord through the one recorder (host-call.ts),
 * also when it throws: the record closes with abort before the exception unwinds the guest.
 * `impl` returns its result and what it found out (a summary line, details, touched ranges);
 * with a `shape` and no summary, the summary is the shape's template read over the arguments.
 */
export function recorded(
  ctx: ImportContext,
  module: string,
  name: string,
  binding: ImportBinding,
  impl: (args: HostValue[]) => { result: HostValue | HostValue[] | undefined; note: Partial<HostCallNote> },
  shape?: ArgShape,
): HostFunction {
  const entry: HostCallEntry = { module, name, binding, ...shape };
  return (...args) => {
    if (!ctx.recording) return impl(args).result;
    const call = beforeHostCall(entry, args, (r) => ctx.record(r), shape && (() => ctx.memory()));
    let outcome: ReturnType<typeof impl>;
    try {
      outcome = impl(args);
    } catch (error) {
      call.note.summary = `${name}(${args.join(', ')}) ✗ ${error instanceof Error ? error.message : String(error)}`;
      call.abort({ results: [] });
      throw error;
    }
    const { summary, detail, touched } = outcome.note;
    call.note.summary = summary ?? (shape ? call.argText() : name);
    if (detail) call.note.detail = detail;
    if (touched) call.note.touched = touched;
    call.after({ results: resultText(outcome.result) });
    return outcome.result;
  };
}
