// The engine's session surface, as the CLI, the web shell and the Electron shell see it.
// Implemented by host/session.ts; everything here is controlling-side (never runs guest code).

import type {
  BoundValue, CallRecord, MemscopeError, ModuleInfo, OutputChunk, Region, ReplayProgress, Result, StepRecord,
  SessionState, TerminationInfo, WatchSpec,
} from '../shared/dto.ts';

export type { WatchSpec } from '../shared/dto.ts';

/** A host directory the guest may see, under `guestPath`. Read-only unless `writable`. */
export interface Preopen {
  guestPath: string;
  hostPath: string;
  writable: boolean;
}

/** Capabilities and limits. Safe defaults: nothing granted. */
export interface SessionConfig {
  /** argv after argv[0]; argv[0] is the module's file name. */
  args: string[];
  /** "KEY=value" entries; the host's environment is never passed through. */
  env: string[];
  preopens: Preopen[];
  stdin: Uint8Array;
  /** Per-call (per-step) time limit in ms. Default 5000. */
  timeoutMs: number;
  /**
   * Upper bound on both time limits, timeoutMs and captureLimitMs, whoever sets them (a
   * sequence's `timeout` and `capture limit` lines included): `serve` caps uploads at 60 s.
   */
  timeoutCapMs: number;
  /** Memory cap in bytes. Default 1 GiB. */
  memoryCapBytes: number;
  /** Fixed WASI clocks and seeded random_get, so two runs record the same. */
  deterministic: boolean;
  /**
   * stdio (fds 0-2) reports a terminal: a character device without seek rights, so isatty() is
   * true and C's stdout is line-buffered. Off by default, as in wazero: output is not a tty.
   */
  stdioTty: boolean;
  /** Fail instantiation on an unresolved import instead of stubbing it. */
  strictImports: boolean;
  /** `module.name` → builtin host function name (print_utf8, print_utf16, abort, trace). */
  importBindings: Record<string, string>;
  /** Record import calls and memory changes (on by default; off for raw speed). */
  recording: boolean;
  /**
   * Record which function wrote each changed byte: the module is instrumented before it is
   * instantiated (off by default: the module runs unmodified). A `watch` step turns it on.
   */
  traceWrites: boolean;
  /**
   * Bytes of memory history (the blocks each step changed) kept before old steps are deflated,
   * then dropped (the latest 16 steps and some keyframes stay exact). Default 256 MiB.
   */
  historyBudgetBytes: number;
  /**
   * Time limit in ms of Memscope's own change capture after a step (StepRecord.captureMs), which
   * the step's timeoutMs leaves out: past it the worker is stopped and the step fails. Only a
   * large memory's capture (64 MiB or more, or grown in the step) is announced and bounded; a
   * smaller one counts against the step's own limit. Default 60 s: a 1 GiB growth's capture
   * takes ~20-40 ms where the kernel can say which pages were touched (memory/resident-pages.ts),
   * ~150 ms to seconds where every new page must be read.
   */
  captureLimitMs: number;
}

export const DEFAULT_SESSION_CONFIG: SessionConfig = {
  args: [],
  env: [],
  preopens: [],
  stdin: new Uint8Array(0),
  timeoutMs: 5000,
  // The longest a Node timer can wait (~24.8 days); larger limits are this.
  timeoutCapMs: 2 ** 31 - 1,
  memoryCapBytes: 1 << 30,
  deterministic: false,
  stdioTty: false,
  strictImports: false,
  importBindings: {},
  recording: true,
  traceWrites: false,
  historyBudgetBytes: 256 * 1024 * 1024,
  captureLimitMs: 60_000,
};


/**
 * A live watch set the next step runs with before the set given, and the stops of it that step
 * lets pass (they were reported when it ran before): going on after a watch's stop replays the
 * step paused in, under each set it ran with in turn, so a set changed at the pause takes effect
 * from the paused write on, not from the call's start.
 */
export interface StopsToPass {
  watches: readonly WatchSpec[];
  stops: number;
  /** What the debugger wrote at the pause its last stop made: written again right after that stop passes. */
  writes?: readonly MemoryWrite[];
}

/** Bytes the debugger put into guest memory at `address`. */
export interface MemoryWrite {
  address: number;
  bytes: Uint8Array;
}

export interface SessionEvents {
  output: OutputChunk;
  step: StepRecord;
  state: SessionState;
  terminated: TerminationInfo;
  /** A replay's progress: at its start, then as it goes (at most once per hundredth of it). */
  replaying: ReplayProgress;
}

export type Disposable = () => void;
