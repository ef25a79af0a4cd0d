// The controlling side of one loaded module: the command object (open, step, run, stop, reset,
// step back, watches, ad-hoc calls and reads) over the guest's worker, its state and event
// listeners; what the steps left behind (records, memory history, regions, bindings) is the
// StepLog's, and the memory images and files made of them SessionImages'. Never runs guest code
// and never blocks; a stuck guest is stopped by terminating its worker, after which memory is
// the last image captured. One class in layers, each over the one before: the shared state and
// step intake (session-core.ts), requests between steps (session-calls.ts), stepping back and
// watches (session-replay.ts), and here opening, stepping, running and resetting.

import type {
  Bookmark, BoundValue, CallRecord, MemscopeError, ModuleInfo, OutputChunk, Region, Result, SessionState, StepRecord, TerminationInfo,
} from '../../shared/dto.ts';
import type { SparseImage } from '../memory/types.ts';
import { evaluateExpression } from '../sequence/expr.ts';
import type { Disposable, SessionConfig, SessionEvents } from '../session-api.ts';
import { resolveInputs, withSequence, type OpenOptions, type SequenceSource, type SessionInputs } from './session-inputs.ts';
import { failedStep } from './failed-step.ts';
import { SessionImages, type MemoryRead } from './session-images.ts';
import { terminatedError, type WorkerClient } from './worker-client.ts';
import { PreopenSnapshot } from './preopen-snapshot.ts';
import { sha256Hex } from '../module/sha256.ts';
import { ReplayingSession } from './session-replay.ts';

export type { OpenOptions, SequenceSource } from './session-inputs.ts';
export type { MemoryRead } from './session-images.ts';

export interface RunOptions {
  /** 1-based lines to pause before (not before the first step of this run); default: the session's. */
  breakpoints?: readonly number[];
  /** Stop before the first step at or past this line. */
  untilLine?: number;
  /**
   * false: run() returns no records. Each still arrives as a 'step' event and in the step log;
   * a caller that prints and drops them (memscope run) then holds none of a long run's.
   */
  collect?: boolean;
}

export class Session extends ReplayingSession {
  private breakpointLines: number[] = [];
  private sha256: string | null = null;
  private readonly images: SessionImages;

  private constructor(inputs: SessionInputs) {
    super(inputs);
    const session = this;
    const idle = (): WorkerClient | null => (this.client !== null && this.termination === null && !this.busy ? this.client : null);
    this.images = new SessionImages({
      // Getters: a reset or a replay replaces the log and the worker.
      get log() { return session.log; },
      idle,
      live: () => (this.liveReadNeeded() ? idle() : null),
      get moduleName() { return session.moduleName; },
      get moduleSha256() { return session.moduleSha256; },
      get moduleBytes() { return session.moduleBytes; },
    });
  }

  /** `signal` ends a start that is still instantiating (an 'stopped' error). */
  static async open(options: OpenOptions & { signal?: AbortSignal }): Promise<Result<Session>> {
    const inputs = resolveInputs(options);
    if (!inputs.ok) return inputs;
    const session = new Session(inputs.value);
    session.preopens = PreopenSnapshot.take(inputs.value.config.preopens);
    const started = await session.start(options.signal);
    return started.ok ? { ok: true, value: session } : started;
  }

  get info(): ModuleInfo { return this.inputs.info; }
  get moduleName(): string { return this.inputs.moduleName; }
  /** Computed when first asked for (sha256Hex says why); the module never changes in a session. */
  get moduleSha256(): string { return this.sha256 ??= sha256Hex(this.inputs.moduleBytes); }
  get config(): Readonly<SessionConfig> { return this.inputs.config; }
  get state(): SessionState { return this.current; }
  /** Every record so far, as a new array: O(steps), older records are decoded (RecordStore). For the last one, lastRecord. */
  get steps(): readonly StepRecord[] { return this.log.steps.all(); }
  /** The record of the step that ran last (undefined before any). */
  get lastRecord(): StepRecord | undefined { return this.log.steps.at(-1); }
  get regions(): Region[] { return this.log.regions; }
  get bindings(): Record<string, BoundValue> { return this.log.bindings; }
  get memorySize(): number { return this.log.memorySize; }
  get sequenceText(): string | null { return this.inputs.sequence?.source.text ?? null; }
  /** The sequence's name as it was opened or set (its file name); null without a sequence. */
  get sequenceName(): string | null { return this.inputs.sequence ? this.inputs.sequence.source.file ?? 'untitled.wseq' : null; }
  /** Lines run() pauses before, unless its options name others; kept across new sequences. */
  get breakpoints(): readonly number[] { return this.breakpointLines; }
  /** The module's bytes as the user gave them (before any rewrite for the memory cap). */
  get moduleBytes(): Uint8Array { return this.inputs.init.moduleBytes; }
  get sequenceErrors(): MemscopeError[] { return this.inputs.sequence?.errors ?? []; }
  get stepLines(): number[] { return this.inputs.sequence?.sequence.steps.map((s) => s.line) ?? []; }
  get terminated(): TerminationInfo | undefined { return this.termination ?? undefined; }
  get exitCode(): number | undefined { return this.exit ?? undefined; }
  /** What the guest wrote while instantiating (`_initialize`), before anyone could subscribe. */
  get startupOutput(): readonly OutputChunk[] { return this.startupChunks; }
  /** The `_initialize` call of a reactor, recorded at instantiation. */
  get initCall(): CallRecord | null { return this.initRecord; }
  /** The label of each `snapshot "label"` step that ran, by step index. */
  get snapshotLabels(): ReadonlyMap<number, string> { return this.log.snapshotLabels; }

  on<E extends keyof SessionEvents>(event: E, listener: (payload: SessionEvents[E]) => void): Disposable {
    return this.events.on(event, listener);
  }

  /**
   * For an output consumer that cannot take more now (a pipe with a slow reader): the guest
   * waits in its writes, its time limit stopped, until the returned release is called.
   */
  holdOutput(): () => void {
    return this.client?.holdOutput() ?? (() => undefined);
  }

  /**
   * Parses and validates a new sequence, then resets (fresh worker). Parse and validation errors
   * are not a failure here: they are in sequenceErrors, and step()/run() refuse to run.
   */
  async setSequence(text: string | SequenceSource, file?: string, baseDir?: string): Promise<Result<null>> {
    const source: SequenceSource = typeof text !== 'string' ? text
      : { text, ...(file !== undefined ? { file } : {}), ...(baseDir !== undefined ? { baseDir } : {}) };
    const inputs = withSequence(this.inputs, source);
    if (!inputs.ok) return inputs;
    // Only lines that run nothing changed (a bookmark or a note added below the steps): the run
    // stays as it is, since a reset and replay would give the same records.
    const keep = !this.busy && this.client !== null && !this.termination && sameRun(this.inputs, inputs.value);
    this.inputs = inputs.value;
    return keep ? { ok: true, value: null } : this.reset();
  }

  /** The sequence's `bookmark` lines, in order. */
  get bookmarks(): (Bookmark & { line: number })[] {
    return (this.inputs.sequence?.sequence.directives ?? []).flatMap((d) => d.kind === 'bookmark'
      ? [{ name: d.name, start: d.start, size: d.size, colour: d.colour, line: d.line }] : []);
  }

  /** Sets the lines run() pauses before (1-based, sorted and without repeats here). */
  setBreakpoints(lines: readonly number[]): void {
    this.breakpointLines = [...new Set(lines.filter((l) => Number.isInteger(l) && l > 0))].sort((a, b) => a - b);
  }

  /**
   * Runs the next step. Null when nothing can run (whyCannotStep says why). `heap`: the worker
   * walks the heap in the same turn, so heap() right after answers without asking it again.
   */
  async step(options: { heap?: boolean } = {}): Promise<StepRecord | null> {
    if (this.busy || !this.canStep()) return null;
    this.busy = true;
    this.setState('running');
    const generation = this.generation;
    const record = await this.runStep(options.heap === true);
    if (generation !== this.generation) return record;
    this.busy = false;
    this.settle();
    return record;
  }

  /** Runs steps until the end, a failed step, a breakpoint, `untilLine`, or stop(). */
  async run(options: RunOptions = {}): Promise<StepRecord[]> {
    if (this.busy || !this.canStep()) return [];
    this.busy = true;
    this.setState('running');
    const out: StepRecord[] = [];
    const keep = (record: StepRecord): void => { if (options.collect !== false) out.push(record); };
    const generation = this.generation;
    const from = this.nextStep;
    const to = this.runEnd(from, options);
    if (to > from) {
      // One worker request for the whole stretch; records stream back step by step.
      const client = this.client!;
      this.activeStep = from;
      const outcome = await client.run(from, to, this.inputs.config.timeoutMs, (result) => {
        // reset() or dispose() happened meanwhile: this run belongs to the old instance.
        if (generation !== this.generation) return;
        keep(this.accept(result));
        this.activeStep = result.record.index + 1;
      });
      const active = this.activeStep;
      this.activeStep = null;
      if (generation !== this.generation) return out;
      const failed = 'terminated' in outcome ? terminatedError(outcome.terminated) : outcome.done.ok ? null : outcome.done.error;
      const step = this.inputs.sequence!.sequence.steps[active];
      if (failed && step) {
        const times = client.stepTimes();
        keep(this.pushRecord(failedStep(step, failed, times.durationMs, this.log.history.sizeAt(), times.captureMs)));
      }
    }
    this.busy = false;
    this.settle();
    return out;
  }

  /**
   * Where a run from `from` pauses: before `untilLine`, or before a breakpoint after its first
   * step. Reads the steps from `from` on only, not stepLines (a new array of every line): that
   * cost each run O(all steps), 20 ms a run of a 40,000-step sequence, whatever its length.
   */
  private runEnd(from: number, options: RunOptions): number {
    const steps = this.inputs.sequence?.sequence.steps ?? [];
    const breakpoints = options.breakpoints ?? this.breakpointLines;
    for (let k = from; k < steps.length; k++) {
      const line = steps[k]!.line;
      if (options.untilLine !== undefined && line >= options.untilLine) return k;
      if (k > from && breakpoints.includes(line)) return k;
    }
    return steps.length;
  }

  /** Stops a running step or run now by terminating the worker (reason 'stopped'). */
  async stop(): Promise<void> {
    this.starting?.abort();
    if (!this.busy || !this.client) return;
    await this.client.terminate({ reason: 'stopped', message: 'stopped by the user; the worker was terminated' });
  }

  /** A fresh worker and instance with the same inputs; every record and binding is dropped. */
  async reset(): Promise<Result<null>> {
    // A new generation first: whatever the old worker still reports is ignored from here on.
    this.generation++;
    if (this.busy) await this.client?.terminate({ reason: 'stopped', message: 'reset while running' });
    await this.client?.dispose();
    this.client = null;
    this.log.clear();
    this.termination = null;
    this.exit = null;
    this.watchPasses = null;
    this.busy = false;
    let started = await this.start();
    if (started.ok && this.liveWatches.length > 0) started = await this.applyWatches(this.liveWatches);
    this.setState(started.ok ? 'ready' : 'terminated');
    return started;
  }

  /** Turns write tracing on or off (explicitly, over the sequence's `trace writes`); resets. */
  async setTraceWrites(on: boolean): Promise<Result<null>> {
    const inputs = withSequence({ ...this.inputs, explicit: { ...this.inputs.explicit, traceWrites: on } }, this.inputs.sequence?.source ?? null);
    if (!inputs.ok) return inputs;
    this.inputs = inputs.value;
    return this.reset();
  }

  /** Memory now, or as it was after `step` (-1: initial); SessionImages says from where. */
  readMemory(address: number, length: number, step?: number): Promise<Result<MemoryRead>> {
    return this.images.readMemory(address, length, step);
  }

  /** One byte per 64 KiB page (0 zero, 1 data, 2 changed by that step). */
  pageMap(step?: number): Result<Uint8Array> {
    return this.images.pageMap(step);
  }

  /** The whole memory now, or exactly as it was after `step`: what snapshots export and diffs compare. */
  imageAt(step?: number): Promise<Result<SparseImage>> {
    return this.images.imageAt(step);
  }

  /** Memory after `step` (default: now) as a raw `.bin` or a sparse snapshot with manifest. */
  exportSnapshot(options: { step?: number; format: 'bin' | 'sparse'; label?: string }): Promise<Result<{ fileName: string; bytes: Uint8Array }>> {
    return this.images.exportSnapshot(options);
  }

  /** A standard Wasm coredump of memory after `step` (default: now); see SessionImages. */
  exportCoredump(options: { step?: number } = {}): Promise<Result<{ fileName: string; bytes: Uint8Array; initialOnly: number[] }>> {
    return this.images.exportCoredump(options);
  }

  /** An expression over the bound names, as a decimal string. */
  evaluate(expression: string): Result<string> {
    const value = evaluateExpression(expression, this.log.bindings);
    return value.ok ? { ok: true, value: value.value.toString() } : value;
  }

  async dispose(): Promise<void> {
    this.generation++;
    this.events.clear();
    await this.client?.dispose();
    this.client = null;
  }

  private liveReadNeeded(): boolean {
    return this.client !== null && this.termination === null && !this.busy &&
      (this.log.stale || !this.inputs.config.recording);
  }
}

/**
 * Whether two sets of inputs run the same: no errors, the same explicit config and base
 * directory, and every step and every directive but bookmarks on the same line with the same
 * text. The worker keeps the sequence it started with, which runs the same steps.
 */
function sameRun(a: SessionInputs, b: SessionInputs): boolean {
  const key = (i: SessionInputs): string | null => {
    const seq = i.sequence;
    if (!seq || seq.errors.length > 0) return null;
    const lines = [...seq.sequence.directives.filter((d) => d.kind !== 'bookmark'), ...seq.sequence.steps].map((x) => [x.line, x.source]);
    // The directives' relative paths resolve in baseDir; the explicit config is the session's own.
    return JSON.stringify([seq.source.baseDir ?? null, lines]);
  };
  const ka = key(a);
  return ka !== null && ka === key(b) && a.explicit === b.explicit;
}
