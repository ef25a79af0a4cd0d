// The controlling side of one loaded module: the command object (open, step, run, stop, reset,
// step back, watches, ad-hoc calls and reads), the one public owner of session state. It never
// runs guest code and never blocks; a stuck guest is stopped by terminating its worker, after
// which memory is the last image captured. Composed of plain parts, each fact with one owner:
//   SessionCore (session-core.ts)     inputs, worker, step log (records, history, regions,
//                                     bindings, current step), state, termination, exit code,
//                                     busy, generation, startup output, events, held heap
//   SessionCalls (session-calls.ts)   nothing: ad-hoc calls, writes, globals, heap, over the core
//   SessionReplay (session-replay.ts) live watches, watch passes, preopen snapshot
//   SessionImages (session-images.ts) nothing: reads, page maps, snapshots, coredumps
//   Session (here)                    breakpoints, module hash; runs steps and resets

import type {
  Bookmark, BoundValue, CallRecord, HeapSummary, MemscopeError, ModuleInfo, OutputChunk, Region, RegisteredFunction, Result, SessionState, StepRecord, TerminationInfo,
} from '../../shared/dto.ts';
import type { SparseImage } from '../memory/types.ts';
import { evaluateExpression } from '../sequence/expr.ts';
import { locatedError } from '../sequence/errors.ts';
import { boundNames } from '../sequence/validate.ts';
import type { GlobalValue, WorkerMemoryUsage } from '../protocol.ts';
import type { Disposable, SessionConfig, SessionEvents, WatchSpec } from '../session-api.ts';
import { resolveInputs, withSequence, type OpenOptions, type SequenceSource, type SessionInputs } from './session-inputs.ts';
import { SessionImages, type MemoryRead } from './session-images.ts';
import { unknownBuiltin } from './import-plan.ts';
import { PreopenSnapshot } from './preopen-snapshot.ts';
import { sha256Hex } from '../module/sha256.ts';
import { SessionCalls } from './session-calls.ts';
import { SessionCore } from './session-core.ts';
import { SessionReplay } from './session-replay.ts';

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

export class Session {
  private readonly core: SessionCore;
  private readonly calls: SessionCalls;
  private readonly replay: SessionReplay;
  private readonly images: SessionImages;
  private breakpointLines: number[] = [];
  private sha256: string | null = null;

  private constructor(inputs: SessionInputs, preopens: PreopenSnapshot | string | null) {
    const core = this.core = new SessionCore(inputs);
    this.calls = new SessionCalls(core);
    this.replay = new SessionReplay(core, this.calls, preopens);
    const session = this;
    this.images = new SessionImages({
      // Getters: a reset or a replay replaces the log and the worker.
      get log() { return core.log; },
      idle: () => core.idle(),
      live: () => (core.log.stale || !core.inputs.config.recording ? core.idle() : null),
      get moduleName() { return session.moduleName; },
      get moduleSha256() { return session.moduleSha256; },
      get moduleBytes() { return session.moduleBytes; },
    });
  }

  /** `signal` ends a start that is still instantiating (an 'stopped' error). */
  static async open(options: OpenOptions & { signal?: AbortSignal }): Promise<Result<Session>> {
    // The sequence's `import` lines are checked by its validator, located; the config's here.
    const unknown = unknownBuiltin(options.config?.importBindings ?? {}, "the config's import binding");
    if (unknown) return unknown;
    const inputs = resolveInputs(options);
    if (!inputs.ok) return inputs;
    const session = new Session(inputs.value, PreopenSnapshot.take(inputs.value.config.preopens));
    const started = await session.core.start(options.signal);
    return started.ok ? { ok: true, value: session } : started;
  }

  get info(): ModuleInfo { return this.core.inputs.info; }
  get moduleName(): string { return this.core.inputs.moduleName; }
  /** Computed when first asked for (sha256Hex says why); the module never changes in a session. */
  get moduleSha256(): string { return this.sha256 ??= sha256Hex(this.core.inputs.moduleBytes); }
  get config(): Readonly<SessionConfig> { return this.core.inputs.config; }
  get state(): SessionState { return this.core.state; }
  get nextStep(): number { return this.core.nextStep; }
  /** Every record so far, as a new array: O(steps), older records are decoded (RecordStore). For the last one, lastRecord. */
  get steps(): readonly StepRecord[] { return this.core.log.steps.all(); }
  /** The record of the step that ran last (undefined before any). */
  get lastRecord(): StepRecord | undefined { return this.core.log.steps.at(-1); }
  get regions(): Region[] { return this.core.log.regions; }
  get bindings(): Record<string, BoundValue> { return this.core.log.bindings; }
  get memorySize(): number { return this.core.log.memorySize; }
  get sequenceText(): string | null { return this.core.inputs.sequence?.source.text ?? null; }
  /** The sequence's name as it was opened or set (its file name); null without a sequence. */
  get sequenceName(): string | null { return this.core.inputs.sequence ? this.core.inputs.sequence.source.file ?? 'untitled.wseq' : null; }
  /** Lines run() pauses before, unless its options name others; kept across new sequences. */
  get breakpoints(): readonly number[] { return this.breakpointLines; }
  /** The module's bytes as the user gave them (before any rewrite for the memory cap). */
  get moduleBytes(): Uint8Array { return this.core.inputs.init.moduleBytes; }
  get sequenceErrors(): MemscopeError[] { return this.core.inputs.sequence?.errors ?? []; }
  get stepLines(): number[] { return this.core.inputs.sequence?.sequence.steps.map((s) => s.line) ?? []; }
  /**
   * The module the sequence's `module` line names, when its file name is not the open module's:
   * the sequence runs against the module open (a sequence opened beside another module, or
   * --module), which the user should know. Undefined without such a line or when they agree.
   */
  get otherModule(): string | undefined {
    const line = this.core.inputs.sequence?.sequence.directives.find((d) => d.kind === 'module');
    if (!line || line.kind !== 'module') return undefined;
    return line.path.split(/[\\/]/).at(-1) === this.moduleName ? undefined : line.path;
  }
  get terminated(): TerminationInfo | undefined { return this.core.terminated ?? undefined; }
  get exitCode(): number | undefined { return this.core.exitCode ?? undefined; }
  /** What the guest wrote while instantiating (`_initialize`), before anyone could subscribe. */
  get startupOutput(): readonly OutputChunk[] { return this.core.startupOutput; }
  /**
   * What the instance printed so far: while instantiating, then in the steps and calls that ran
   * (the newest 1 MiB of those, output-log.ts). After stepping back, what the steps before printed.
   */
  get output(): OutputChunk[] { return this.core.outputSoFar; }
  /** The `_initialize` call of a reactor, recorded at instantiation. */
  get initCall(): CallRecord | null { return this.core.initCall; }
  /** Functions the module registered at instantiation to be called by name, not exported (embind's). */
  get registered(): readonly RegisteredFunction[] { return this.core.registered; }
  /** The label of each `snapshot "label"` step that ran, by step index. */
  get snapshotLabels(): ReadonlyMap<number, string> { return this.core.log.snapshotLabels; }
  /** Whether this session's module is rewritten to name the writer of every changed byte. */
  get traceWrites(): boolean { return this.replay.traceWrites; }
  /** The live watch set (setWatches), apart from the sequence's own `watch` statements. */
  get watches(): readonly WatchSpec[] { return this.replay.watches; }

  on<E extends keyof SessionEvents>(event: E, listener: (payload: SessionEvents[E]) => void): Disposable {
    return this.core.on(event, listener);
  }

  /**
   * Whether steps are being run again to rebuild the session (stepping back, going on after a
   * watch's stop, turning write tracing on): its step count, records and memory are in between
   * until the replay ends, which a state event says. Not a state to show.
   */
  get replaying(): boolean { return this.core.replaying; }

  /** Whether the run is paused inside its last step, right after a watched write: the next step or run goes on in it. */
  get stoppedAtWatch(): boolean { return this.core.stoppedAtWatch; }

  /** The step (0-based) paused inside at a watch's stop, whose guest call and its frames are still live; null when not paused so. */
  get pausedInStep(): number | null { return this.core.stoppedAtWatch ? this.core.nextStep - 1 : null; }

  /**
   * The line of the first step not yet finished that binds `name` (the one paused in at a watch's
   * stop included: going on finishes it), or null for none: a name's value is then the one the
   * steps leave it, whatever runs meanwhile.
   */
  nextBindingLine(name: string): number | null {
    const steps = this.core.inputs.sequence?.sequence.steps ?? [];
    for (let k = this.pausedInStep ?? this.nextStep; k < steps.length; k++) {
      if (boundNames(steps[k]!).includes(name)) return steps[k]!.line;
    }
    return null;
  }

  /** Why the next step cannot run now (SessionCore decides it); null when it can. */
  whyCannotStep(): MemscopeError | null { return this.core.whyCannotStep(); }

  /**
   * For an output consumer that cannot take more now (a pipe with a slow reader): the guest
   * waits in its writes, its time limit stopped, until the returned release is called.
   */
  holdOutput(): () => void {
    return this.core.client?.holdOutput() ?? (() => undefined);
  }

  /**
   * Parses and validates a new sequence, then resets (fresh worker). Parse and validation errors
   * are not a failure here: they are in sequenceErrors, and step()/run() refuse to run.
   */
  async setSequence(text: string | SequenceSource, file?: string, baseDir?: string): Promise<Result<null>> {
    const source: SequenceSource = typeof text !== 'string' ? text
      : { text, ...(file !== undefined ? { file } : {}), ...(baseDir !== undefined ? { baseDir } : {}) };
    const inputs = withSequence(this.core.inputs, source);
    if (!inputs.ok) return inputs;
    // Only lines that run nothing changed (a bookmark or a note added below the steps): the run
    // stays as it is, since a reset and replay would give the same records.
    const keep = !this.core.busy && this.core.client !== null && !this.core.terminated && sameRun(this.core.inputs, inputs.value);
    this.core.setInputs(inputs.value);
    return keep ? { ok: true, value: null } : this.reset();
  }

  /** The sequence's `bookmark` lines, in order. */
  get bookmarks(): (Bookmark & { line: number })[] {
    return (this.core.inputs.sequence?.sequence.directives ?? []).flatMap((d) => d.kind === 'bookmark'
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
    if (this.core.busy || this.core.whyCannotStep() !== null) return null;
    // A watch on a frame whose call is not the one paused in never acts (WatchSpec.frameStep).
    if (this.replay.watchesFrames) await this.replay.endFrameWatches(this.pausedInStep);
    const past = this.core.stoppedAtWatch ? await this.pastWatchStop() : null;
    if (past) return past;
    const generation = this.core.begin();
    const record = await this.core.runStep(options.heap === true);
    if (generation !== this.core.generation) return record;
    this.replay.framesReturned(record);
    await this.replay.endFrameWatches(this.pausedInStep);
    this.core.end();
    return record;
  }

  /** Runs steps until the end, a failed step, a breakpoint, `untilLine`, or stop(). */
  async run(options: RunOptions = {}): Promise<StepRecord[]> {
    if (this.core.busy || this.core.whyCannotStep() !== null) return [];
    const out: StepRecord[] = [];
    const keep = (record: StepRecord): void => { if (options.collect !== false) out.push(record); };
    // Only then awaited: a run's request otherwise leaves in this turn, as its caller may expect.
    if (this.replay.watchesFrames) await this.replay.endFrameWatches(this.pausedInStep);
    const past = this.core.stoppedAtWatch ? await this.pastWatchStop() : null;
    if (past) {
      keep(past);
      return out;
    }
    this.core.begin();
    let from = this.core.nextStep;
    const to = this.runEnd(from, options);
    // A watch on the paused call's frame ends when that call returns: its step runs alone first.
    if (to > from && this.replay.watchesFrames) {
      let failed = false;
      if (!(await this.core.runStretch(from, from + 1, (r) => { failed = !r.ok; this.replay.framesReturned(r); keep(r); }))) return out;
      await this.replay.endFrameWatches(this.pausedInStep);
      from = failed ? to : from + 1;
    }
    // One worker request for the whole stretch; false: reset() or dispose() happened meanwhile.
    if (to > from && !(await this.core.runStretch(from, to, keep))) return out;
    this.core.end();
    return out;
  }

  /**
   * Stopped at a watched write, the next step or run goes on past it: the step stopped in is
   * replayed to (resumeAfterWatch) and runs again from its start, letting the stops already
   * reported pass. Null when that was done or not needed; when the replay failed, a failed
   * record of the step next in line that says why (the session is where the replay left it).
   */
  private async pastWatchStop(): Promise<StepRecord | null> {
    const resumed = await this.replay.resumeAfterWatch();
    return resumed.ok ? null : this.core.refuseNext(resumed.error);
  }

  /**
   * Where a run from `from` pauses: before `untilLine`, or before a breakpoint after its first
   * step. Reads the steps from `from` on only, not stepLines (a new array of every line): that
   * cost each run O(all steps), 20 ms a run of a 40,000-step sequence, whatever its length.
   */
  private runEnd(from: number, options: RunOptions): number {
    const steps = this.core.inputs.sequence?.sequence.steps ?? [];
    const breakpoints = options.breakpoints ?? this.breakpointLines;
    for (let k = from; k < steps.length; k++) {
      const line = steps[k]!.line;
      if (options.untilLine !== undefined && line >= options.untilLine) return k;
      if (k > from && breakpoints.includes(line)) return k;
    }
    return steps.length;
  }

  /** Stops a running step or run now by terminating the worker (reason 'stopped'); `why` leads its message. */
  stop(why?: string): Promise<void> { return this.core.stop(why); }

  /** A fresh worker and instance with the same inputs; every record and binding is dropped. */
  async reset(): Promise<Result<null>> {
    this.replay.forgetPasses();
    let started = await this.core.restart();
    // The live set goes on in the new instance, less the watches on the paused call's frames.
    if (started.ok && this.replay.watchesFrames) started = await this.replay.endFrameWatches(null);
    else if (started.ok && this.replay.watches.length > 0) started = await this.replay.applyWatches(this.replay.watches);
    this.core.setState(started.ok ? 'ready' : 'terminated');
    return started;
  }

  /**
   * Turns write tracing on or off (explicitly, over the sequence's `trace writes`), keeping the
   * run's place: the steps that ran are replayed with it (SessionReplay.retrace), so turning it
   * on at step 20 to ask who wrote a byte still shows step 20. Where there is nothing to replay,
   * or it cannot be done (a step running, read-write preopens too large to put back), it resets.
   */
  async setTraceWrites(on: boolean): Promise<Result<null>> {
    const was = this.traceWrites;
    const inputs = withSequence({ ...this.core.inputs, explicit: { ...this.core.inputs.explicit, traceWrites: on } }, this.core.inputs.sequence?.source ?? null);
    if (!inputs.ok) return inputs;
    // The sequence's `watch` lines keep tracing on over the setting (withSequence): off would
    // answer ok and change nothing, so it is refused with the lines that need it.
    if (!on && inputs.value.init.traceWrites) return watchesNeedTracing(inputs.value);
    this.core.setInputs(inputs.value);
    if (this.traceWrites === was) return { ok: true, value: null };
    const keep = this.core.nextStep > 0 && !this.core.busy && this.replay.canReplay;
    return keep ? this.replay.retrace() : this.reset();
  }

  /** Goes back to just before step `to` (default: the last that ran) by a checked replay; see SessionReplay. */
  async stepBack(to?: number): Promise<Result<null>> {
    const back = await this.replay.stepBack(to);
    return back.ok ? this.replay.endFrameWatches(this.pausedInStep) : back;
  }
  /**
   * A debugger's reverse continue: back to the last write that changed a watched byte, or to step
   * `to`'s start when that is later (default: the last step before now on a breakpoint line, else
   * the first); see SessionReplay.
   */
  async reverseContinue(to = this.breakpointBefore()): Promise<Result<{ watch: boolean; step: number }>> {
    const back = await this.replay.reverseContinue(to);
    const ended = back.ok ? await this.replay.endFrameWatches(this.pausedInStep) : back;
    return ended.ok ? back : ended;
  }

  /** The latest step before the current one that starts on a breakpoint line (setBreakpoints), else 0. */
  private breakpointBefore(): number {
    const steps = this.core.inputs.sequence?.sequence.steps ?? [];
    for (let k = this.core.nextStep - 1; k > 0; k--) if (this.breakpointLines.includes(steps[k]!.line)) return k;
    return 0;
  }

  /** After a step a watch stopped: goes back to just before it, so the next run passes that stop. */
  resumeAfterWatch(): Promise<Result<null>> { return this.replay.resumeAfterWatch(); }
  /** Replaces the live watch set (a debugger's data breakpoints); may replay to turn write tracing on. */
  setWatches(watches: readonly WatchSpec[]): Promise<Result<null>> { return this.replay.setWatches(watches); }

  /** The values of the globals the JS API can reach now. */
  globals(): Promise<Result<GlobalValue[]>> { return this.calls.globals(); }
  /** Diagnostics: the guest worker collects its garbage and says what its heap holds. */
  collectGarbage(): Promise<Result<WorkerMemoryUsage>> { return this.calls.collectGarbage(); }
  /** An ad-hoc export call (arguments as decimal text), under the same time limit as a step. */
  call(name: string, args: string[]): Promise<Result<CallRecord>> { return this.calls.call(name, args); }
  /** The heap now (memory map, live blocks with their owners, leaks so far), or as walked right after `step`. */
  heap(options?: { references?: boolean; step?: number }): Promise<Result<HeapSummary>> { return this.calls.heap(options); }
  /** Writes bytes into guest memory between steps, or at a watch's stop (a debugger's memory editor, a variable set). */
  writeMemory(address: number, bytes: Uint8Array): Promise<Result<{ memorySize: number }>> {
    return this.core.stoppedAtWatch ? this.replay.writeAtPause(address, bytes) : this.calls.writeMemory(address, bytes);
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

  /**
   * An expression over the bound names, as a decimal string: the names now, or as they were after
   * `step` (an earlier step looked back at), where a name a later step binds is not bound yet.
   */
  evaluate(expression: string, step?: number): Result<string> {
    const log = this.core.log;
    let bindings = log.bindings;
    let unbound: ((name: string) => string | undefined) | undefined;
    if (step !== undefined) {
      const checked = log.history.checkStep(step);
      if (!checked.ok) return checked;
      bindings = log.stateAt(step).bindings;
      unbound = (name) => {
        const by = log.boundAfter(name, step);
        return by === undefined ? undefined : `not bound yet ${step === -1 ? 'before the first step' : `after step ${step + 1}`}: step ${by + 1} binds it`;
      };
    }
    const value = evaluateExpression(expression, bindings, this.info.statics, unbound);
    return value.ok ? { ok: true, value: value.value.toString() } : value;
  }

  dispose(): Promise<void> { return this.core.dispose(); }
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

/** Refuses write tracing off for a sequence whose `watch` lines need it, located at the first. */
function watchesNeedTracing(inputs: SessionInputs): Result<never> {
  const sequence = inputs.sequence!;
  const watches = sequence.sequence.steps.filter((s) => s.kind === 'watch');
  const lines = watches.map((s) => s.line);
  const listed = lines.length === 1 ? `watch on line ${lines[0]}` : `watches on lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
  const message = `the sequence's ${listed} need${lines.length === 1 ? 's' : ''} write tracing, so it stays on: remove ${lines.length === 1 ? 'it' : 'them'} to turn it off`;
  return { ok: false, error: locatedError('usage', message, { file: sequence.source.file, source: watches[0]!.source }, watches[0]!.span) };
}
