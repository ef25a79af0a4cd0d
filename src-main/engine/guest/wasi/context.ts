// What every preview1 function sees: config, host sinks, fds, clocks, random, and the call note.

import type { HostCallListener, HostCallNote, TrackedMemory } from '../host-call.ts';
import type { FdTable } from './fd-table.ts';
import type { Clocks } from './sources.ts';

export interface WasiConfig {
  /** Full argv including argv[0]. */
  args: string[];
  /** "KEY=value" entries; nothing else is visible to the guest. */
  env: string[];
  /** Directories the guest may see, as fds 3, 4, … in this order. Read-only unless writable. */
  preopens: { guestPath: string; hostPath: string; writable: boolean }[];
  /** The guest's whole stdin; never the process's real stdin. */
  stdin: Uint8Array;
  /** Fixed clocks and a seeded random_get (see sources.ts for the exact rules). */
  deterministic: boolean;
  /** stdio is a terminal (CHARACTER_DEVICE, no seek/tell) rather than wazero's non-tty default. */
  stdioTty?: boolean;
}

export interface WasiHost {
  /** Called in order, synchronously, with copies. */
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
  /** Sees every WASI call's before and its one after or abort (the one recorder); null: not recording. */
  calls: HostCallListener | null;
}

/** Thrown by proc_exit to unwind the guest; the runtime catches it and records the code. */
export class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
    this.name = 'ProcExit';
  }
}

/** What one call found out, for its record (the one recorder's note). Functions fill it as they go. */
export type CallNote = HostCallNote;

export interface WasiContext {
  readonly config: WasiConfig;
  readonly host: WasiHost;
  readonly fds: FdTable;
  readonly clocks: Clocks;
  randomBytes(len: number): Uint8Array;
  /** Bytes of config.stdin already consumed. */
  stdinPos: number;
  /** Guest memory for this call, tracking the ranges it touches. */
  mem: TrackedMemory;
}

export type WasiArg = number | bigint;

/**
 * One preview1 function: its spec name, parameter names, how its arguments read in the call log
 * (a template over the names, see ../arg-decoder.ts; default `name=value` for each), how its
 * outcome reads when it succeeded (`then`, read after the call over the parameters, what it
 * wrote at its out-pointers and its note's facts and detail; default `success`; a failure reads
 * as its errno's name) and body. Returns an errno.
 */
export interface WasiFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly show?: string;
  readonly then?: string;
  readonly noErrno?: boolean;
  run(ctx: WasiContext, note: CallNote, args: WasiArg[]): number;
}

export function wasiFn(
  name: string, params: readonly string[], run: WasiFunction['run'], options: { show?: string; then?: string; noErrno?: boolean } = {},
): WasiFunction {
  return { name, params, run, ...options };
}

/** i32 arguments as unsigned numbers (pointers above 2 GiB arrive negative). */
export function u32(a: WasiArg): number {
  return typeof a === 'bigint' ? Number(BigInt.asUintN(32, a)) : a >>> 0;
}

export function u64(a: WasiArg): bigint {
  return typeof a === 'bigint' ? BigInt.asUintN(64, a) : BigInt(a >>> 0);
}

export function s64(a: WasiArg): bigint {
  return typeof a === 'bigint' ? BigInt.asIntN(64, a) : BigInt(a);
}
