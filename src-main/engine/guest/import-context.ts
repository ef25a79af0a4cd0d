// What host functions bound to imports may use: the guest's memory, the output sinks, and the
// call recorder. Provided by the worker; the memory getter re-reads after every growth.

import type { ImportBinding, ImportCallRecord } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';

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
}

export type HostFunction = (...args: (number | bigint)[]) => number | bigint | (number | bigint)[] | undefined;

/** What a host function tells the recorder about one call. */
export interface CallNote {
  summary: string;
  detail?: Record<string, string | number>;
  touched?: [number, number][];
}

/**
 * Wraps `impl` so each call leaves one ImportCallRecord, also when it throws (the record is made
 * before the exception continues to unwind the guest). `impl` returns its result and a note.
 */
export function recorded(
  ctx: ImportContext,
  module: string,
  name: string,
  binding: ImportBinding,
  impl: (args: (number | bigint)[]) => { result: number | bigint | (number | bigint)[] | undefined; note: CallNote },
): HostFunction {
  return (...args) => {
    if (!ctx.recording) return impl(args).result;
    const started = performance.now();
    let outcome: ReturnType<typeof impl> | undefined;
    try {
      outcome = impl(args);
      return outcome.result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { result: undefined, note: { summary: `${name}(${args.join(', ')}) ✗ ${message}` } };
      throw error;
    } finally {
      const result = outcome?.result;
      ctx.record({
        module,
        name,
        binding,
        args: args.map(String),
        summary: outcome?.note.summary ?? name,
        ...(outcome?.note.detail ? { detail: outcome.note.detail } : {}),
        ...(outcome?.note.touched ? { touched: outcome.note.touched } : {}),
        results: result === undefined ? [] : Array.isArray(result) ? result.map(String) : [String(result)],
        durationMs: performance.now() - started,
      });
    }
  };
}

/** Text for a summary: quoted, escaped, and cut at 200 characters. */
export function quote(text: string): string {
  const cut = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return JSON.stringify(cut);
}
