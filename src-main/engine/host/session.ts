// The controlling side of one loaded module: the command object (open, step, run, stop, reset,
// step back, watches, ad-hoc calls and reads) over the guest's worker, its state and event
// listeners; what the steps left behind (records, memory history, regions, bindings) is the
// StepLog's, and the memory images and files made of them SessionImages'. Never runs guest code
// and never blocks; a stuck guest is stopped by terminating its worker, after which memory is
// the last image captured.

import type {
  Bookmark, BoundValue, CallRecord, HeapSummary, MemscopeError, ModuleInfo, OutputChunk, Region, Result, SessionState, StepRecord, TerminationInfo,
} from '../../shared/dto.ts';
import { MemoryHistory } from '../memory/memory-history.ts';
import type { SparseImage } from '../memory/types.ts';
import { evaluateExpression } from '../sequence/expr.ts';
import type { Disposable, SessionConfig, SessionEvents, WatchSpec } from '../session-api.ts';
import { resolveInputs, withSequence, type OpenOptions, type SequenceSource, type SessionInputs } from './session-inputs.ts';
import { Emitter } from '../../shared/emitter.ts';
import { failedStep } from './failed-step.ts';
import { StepLog, type Interlude } from './step-log.ts';
import { parseCallArgs } from './call-args.ts';
import type { FinishedStep, GlobalValue, WorkerMemoryUsage } from '../protocol.ts';
import { SessionImages, type MemoryRead } from './session-images.ts';
import { terminatedError, WorkerClient } from './worker-client.ts';
import { PreopenSnapshot } from './preopen-snapshot.ts';
import { replayDifference } from './replay-check.ts';
import { sha256Hex } from '../module/sha256.ts';

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
  private client: WorkerClient | null = null;
  private log: StepLog;
  private current: SessionState = 'ready';
  private termination: TerminationInfo | null = null;
  private exit: number | null = null;
  private busy = false;
  private breakpointLines: number[] = [];
  /** The step the worker is running, for TerminationInfo.step (null during ad-hoc calls). */
  private activeStep: number | null = null;
  private startupChunks: OutputChunk[] = [];
  private stopRequested = false;
  private generation = 0;
  private initRecord: CallRecord | null = null;
  private readonly events = new Emitter<SessionEvents>();
  /** Aborts the worker start in progress (open, reset): a start function may never return. */
  private starting: AbortController | null = null;
  /** The read-write preopens as opened (why not, when too large), put back before a replay. */
  private preopens: PreopenSnapshot | string | null = null;
  /** A replay runs (stepping back): its steps and output were shown already, so not emitted. */
  private replaying = false;
  /** The live watch set (setWatches): a debugger's data breakpoints, kept across resets and replays. */
  private liveWatches: readonly WatchSpec[] = [];
  /** Stops already reported in `step` (resumeAfterWatch): its next run lets that many pass. */
  private watchPasses: { step: number; count: number } | null = null;
  /**
   * The heap as the worker walked it right after the last step (step({heap: true})), and how
   * many requests that worker had been sent then: it is the heap now while no request followed.
   */
  private heapAfterStep: { client: WorkerClient; sent: number; summary: HeapSummary | null } | null = null;
  private sha256: string | null = null;
  private readonly images: SessionImages;

  private constructor(private inputs: SessionInputs) {
    this.log = this.newLog();
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

  /** An empty log; buffers its history lets go return to the worker that fills captures (MemoryHistory.recycle). */
  private newLog(): StepLog {
    return new StepLog(new MemoryHistory(undefined, { budgetBytes: this.inputs.config.historyBudgetBytes, recycle: (buffer) => this.client?.recycle(buffer) }));
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
  get nextStep(): number { return this.log.nextStep; }
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
   * Why the next step cannot run now, in words a person can act on; null when it can. The one
   * place this is decided: the shells refuse with it and the UI shows it as it is.
   */
  whyCannotStep(): MemscopeError | null {
    const sequence = this.inputs.sequence;
    const usage = (message: string): MemscopeError => ({ code: 'usage', message });
    if (this.busy || this.current === 'running') return usage('a step is already running; wait for it or press Stop');
    if (this.termination) return { code: 'terminated', message: `the guest worker is gone (${this.termination.message}); reset to continue` };
    if (!sequence) return usage('no sequence is open: open a .wseq file or write one in the editor');
    const first = sequence.errors[0];
    if (first) {
      const message = `the sequence has ${sequence.errors.length} error(s), first at line ${first.where?.line ?? '?'}: ${first.message}`;
      return { code: 'parse-error', message, ...(first.where ? { where: first.where } : {}) };
    }
    if (this.exit !== null) return usage(`the guest exited with code ${this.exit}; reset to run again`);
    if (this.nextStep >= sequence.sequence.steps.length) return usage('every step has run; reset to start again');
    if (this.current === 'failed') return usage('the last step failed; reset to run again');
    if (this.client === null) return { code: 'terminated', message: 'the guest is not running; reset to continue' };
    return null;
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
    this.stopRequested = false;
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
      if (failed && step) keep(this.pushRecord(failedStep(step, failed, client.sinceStepBegan(), this.log.history.sizeAt())));
    }
    this.busy = false;
    this.settle();
    return out;
  }

  /** Where a run from `from` pauses: before `untilLine`, or before a breakpoint after its first step. */
  private runEnd(from: number, options: RunOptions): number {
    const lines = this.stepLines;
    for (let k = from; k < lines.length; k++) {
      if (options.untilLine !== undefined && lines[k]! >= options.untilLine) return k;
      if (k > from && (options.breakpoints ?? this.breakpointLines).includes(lines[k]!)) return k;
    }
    return lines.length;
  }

  /** Stops a running step or run now by terminating the worker (reason 'stopped'). */
  async stop(): Promise<void> {
    this.starting?.abort();
    if (!this.busy || !this.client) return;
    this.stopRequested = true;
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

  /** Whether this session's module is rewritten to name the writer of every changed byte. */
  get traceWrites(): boolean { return this.inputs.init.traceWrites; }

  /** Turns write tracing on or off (explicitly, over the sequence's `trace writes`); resets. */
  async setTraceWrites(on: boolean): Promise<Result<null>> {
    const inputs = withSequence({ ...this.inputs, explicit: { ...this.inputs.explicit, traceWrites: on } }, this.inputs.sequence?.source ?? null);
    if (!inputs.ok) return inputs;
    this.inputs = inputs.value;
    return this.reset();
  }

  /**
   * Goes back to just before step `to` (0-based; default: the last step that ran), so it runs
   * next. Replays steps 0..to-1 in a fresh worker from the same inputs, with read-write preopens
   * put back first, so memory, globals, WASI state, regions, the heap ledger and bindings are
   * what they were, by construction; every replayed step is checked against the first run
   * (record and memory) and a difference is an error ('replay-diverged'), never hidden.
   */
  async stepBack(to = this.nextStep - 1): Promise<Result<null>> {
    if (this.busy) return fail('usage', 'a step is running; wait for it or stop it first');
    if (!Number.isInteger(to) || to < 0 || to >= this.nextStep) {
      return fail('usage', this.nextStep === 0 ? 'no step has run yet: nothing to step back to' : `cannot step back to step ${to + 1}: steps 1..${this.nextStep} ran`);
    }
    this.watchPasses = null;
    return this.replay(to, false);
  }

  /**
   * After a step a watch stopped (code 'watchpoint'): goes back to just before it, so that the
   * next step()/run() runs it again, letting the stops already reported pass and stopping at the
   * next watched write, or running to its end. The guest call cannot go on from inside, so this
   * replays, as stepBack does (same limits).
   */
  async resumeAfterWatch(): Promise<Result<null>> {
    if (this.busy) return fail('usage', 'a step is running; wait for it or stop it first');
    const last = this.log.steps.at(-1);
    if (!last || last.ok || last.error?.code !== 'watchpoint') return fail('usage', 'the last step did not stop at a watched write');
    const count = this.watchPasses?.step === last.index ? this.watchPasses.count + 1 : 1;
    const replayed = await this.replay(last.index, false, count);
    this.watchPasses = replayed.ok ? { step: last.index, count } : null;
    return replayed;
  }

  /** The live watch set (setWatches), apart from the sequence's own `watch` statements. */
  get watches(): readonly WatchSpec[] { return this.liveWatches; }

  /**
   * Replaces the live watch set (a debugger's data breakpoints), effective from the next guest
   * write. Watches need the module rewritten for write tracing: a session started without it is
   * switched on by replaying the steps so far in a traced worker (as stepBack does, so the same
   * limits apply: read-write preopens must be small enough to put back, and a guest that reads
   * the clock or random bytes needs "deterministic"); when that cannot be done the error says
   * to start again with write tracing on.
   */
  async setWatches(watches: readonly WatchSpec[]): Promise<Result<null>> {
    if (this.busy) return fail('usage', 'a step is running; set watches when it stops');
    const bad = watches.map(checkWatch).find((m) => m !== null);
    if (bad) return fail('usage', bad);
    const list = watches.map((w) => ({ ...w }));
    if (list.length > 0 && !this.traceWrites) {
      const restart = 'start the session again with write tracing on ("traceWrites", `trace writes`)';
      if (!this.inputs.config.recording) return fail('usage', `watches need write tracing, which needs recording on: ${restart}`);
      if (typeof this.preopens === 'string') return fail('usage', `watches need write tracing, and turning it on replays the steps so far, which cannot be done here (${this.preopens}): ${restart}`);
      const inputs = withSequence({ ...this.inputs, explicit: { ...this.inputs.explicit, traceWrites: true } }, this.inputs.sequence?.source ?? null);
      if (!inputs.ok) return inputs;
      this.inputs = inputs.value;
      this.liveWatches = list;
      // The first run's records carry no writers: the replay is checked without them.
      const replayed = await this.replay(this.nextStep, true);
      return replayed.ok ? replayed : fail(replayed.error.code, `${replayed.error.message}; or ${restart}`);
    }
    this.liveWatches = list;
    if (!this.client || this.termination || !this.traceWrites) return { ok: true, value: null };
    return this.applyWatches(list);
  }

  /** Sends a watch set to the worker; an interlude, so a replay sets it at the same point. */
  private async applyWatches(watches: readonly WatchSpec[], passStops = 0): Promise<Result<null>> {
    if (!this.client) return { ok: true, value: null };
    const outcome = await this.client.request({ type: 'set-watches', watches: [...watches], passStops });
    if ('terminated' in outcome) return { ok: false, error: terminatedError(outcome.terminated) };
    if (outcome.done.ok) this.log.noteInterlude({ kind: 'watches', watches, passStops });
    return outcome.done;
  }

  /**
   * Replays steps 0..to-1 (and the interludes between them) in a fresh worker; `to` may be
   * nextStep (all of them). Every replayed step is checked against the first run's record and
   * memory; `addsTracing`: the first run was not traced, so its records lack the writers.
   * Then the live watch set is applied as it is now, letting `passStops` stops pass in step `to`.
   */
  private async replay(to: number, addsTracing: boolean, passStops = 0): Promise<Result<null>> {
    if (typeof this.preopens === 'string') return fail('usage', this.preopens);
    const before = this.log;
    const interludes = before.interludes.filter((i) => i.after < to);
    this.busy = true;
    this.setState('running');
    this.generation++;
    await this.client?.dispose();
    this.client = null;
    this.termination = null;
    this.exit = null;
    this.log = this.newLog();
    this.preopens?.restore();
    this.replaying = true;
    let result = await this.start();
    for (let k = 0; result.ok && k <= to; k++) {
      for (const interlude of interludes.filter((i) => i.after === k - 1)) if (result.ok) result = await this.replayInterlude(interlude);
      if (!result.ok || k === to) break;
      const record = await this.runStep();
      const diverged = replayDifference(k, before.steps.at(k), record, before.history, this.log.history, addsTracing);
      if (diverged) result = fail('replay-diverged', `stepping back replays the steps from the start, and ${diverged}: the guest must have read the clock, random bytes or a file that changed. With "deterministic" on, replays are exact`);
    }
    if (result.ok && this.traceWrites && this.client && !this.termination) result = await this.applyWatches(this.liveWatches, passStops);
    this.replaying = false;
    this.busy = false;
    this.settle();
    return result;
  }

  private async replayInterlude(i: Interlude): Promise<Result<null>> {
    // call() and writeMemory() refuse while busy; the replay owns the session meanwhile.
    this.busy = false;
    const done = i.kind === 'call' ? await this.call(i.name, i.args)
      : i.kind === 'write' ? await this.writeMemory(i.address, i.bytes)
      : await this.applyWatches(i.watches, i.passStops);
    this.busy = true;
    return done.ok ? { ok: true, value: null } : done;
  }

  /** The values of the globals the JS API can reach now (exported ones; with write tracing, every mutable one). */
  async globals(): Promise<Result<GlobalValue[]>> {
    if (!this.client || this.termination) return fail('terminated', 'the guest worker is gone; reset to continue');
    const outcome = await this.client.request({ type: 'globals' });
    return 'done' in outcome ? outcome.done : { ok: false, error: terminatedError(outcome.terminated) };
  }

  /**
   * Diagnostics: the guest worker collects its garbage (when the process exposes gc) and says
   * what its heap holds; benchmarks and retention tests sample RSS after it. Answered between
   * steps: the worker serves requests one at a time.
   */
  async collectGarbage(): Promise<Result<WorkerMemoryUsage>> {
    if (!this.client || this.termination) return fail('terminated', 'the guest worker is gone; reset to continue');
    const outcome = await this.client.request({ type: 'collect-garbage' });
    return 'done' in outcome ? outcome.done : { ok: false, error: terminatedError(outcome.terminated) };
  }

  /** An ad-hoc export call (arguments as decimal text), under the same time limit as a step. */
  async call(name: string, args: string[]): Promise<Result<CallRecord>> {
    if (this.busy) return fail('usage', 'the session is busy running a step; wait or stop it');
    if (!this.client || this.termination) return fail('terminated', 'the guest worker is gone; reset to continue');
    const exp = this.info.exports.find((e) => e.name === name && e.kind === 'func');
    const values = parseCallArgs(name, args, exp?.kind === 'func' ? exp.type.params : []);
    if (!values.ok) return values;
    this.busy = true;
    const started = performance.now();
    const outcome = await this.client.request({ type: 'call', name, args: values.value }, this.inputs.config.timeoutMs);
    this.busy = false;
    if ('terminated' in outcome) {
      return { ok: true, value: { export: name, args: values.value, results: [], durationMs: performance.now() - started, imports: [], error: terminatedError(outcome.terminated) } };
    }
    if (!outcome.done.ok) return outcome.done;
    if (outcome.done.value.exitCode !== null) this.exit = outcome.done.value.exitCode;
    this.log.noteInterlude({ kind: 'call', name, args }, outcome.done.value.memorySize);
    return { ok: true, value: outcome.done.value.record };
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
   * The heap now: memory map, live blocks with their owners, leaks so far. Asked of the worker,
   * which walks the heap; an error when the worker is gone or busy running steps.
   */
  async heap(): Promise<Result<HeapSummary>> {
    if (!this.client || this.termination !== null) return { ok: false, error: { code: 'terminated', message: 'the guest is not running; reset to see its heap' } };
    if (this.busy) return { ok: false, error: { code: 'usage', message: 'steps are running; ask for the heap when they stop' } };
    const held = this.heapAfterStep;
    let summary: HeapSummary | null;
    if (held && held.client === this.client && held.sent === this.client.sent) summary = held.summary;
    else {
      const outcome = await this.client.request({ type: 'heap' });
      if (!('done' in outcome)) return { ok: false, error: { code: 'terminated', message: `the guest stopped (${outcome.terminated.reason})` } };
      if (!outcome.done.ok) return outcome.done;
      summary = outcome.done.value;
    }
    if (!summary) return { ok: false, error: { code: 'usage', message: 'the heap is tracked only while recording' } };
    return { ok: true, value: summary };
  }

  /** An expression over the bound names, as a decimal string. */
  evaluate(expression: string): Result<string> {
    const value = evaluateExpression(expression, this.log.bindings);
    return value.ok ? { ok: true, value: value.value.toString() } : value;
  }

  /**
   * Writes bytes into guest memory between steps (a debugger's memory editor). Like an ad-hoc
   * call, the write is not a step: reads go to the live instance until the next step records it.
   */
  async writeMemory(address: number, bytes: Uint8Array): Promise<Result<{ memorySize: number }>> {
    if (this.busy) return fail('usage', 'the session is busy running a step; wait or stop it');
    if (!this.client || this.termination) return fail('terminated', 'the guest worker is gone; reset to continue');
    const outcome = await this.client.request({ type: 'write-memory', address, bytes });
    if ('terminated' in outcome) return { ok: false, error: terminatedError(outcome.terminated) };
    if (!outcome.done.ok) return outcome.done;
    this.log.noteInterlude({ kind: 'write', address, bytes: bytes.slice() }, outcome.done.value.memorySize);
    return outcome.done;
  }

  async dispose(): Promise<void> {
    this.generation++;
    this.events.clear();
    await this.client?.dispose();
    this.client = null;
  }

  private async start(signal?: AbortSignal): Promise<Result<null>> {
    const generation = ++this.generation;
    const abort = new AbortController();
    this.starting = abort;
    signal?.addEventListener('abort', () => abort.abort(), { once: true });
    if (signal?.aborted) abort.abort();
    const mine = () => generation === this.generation;
    const startup: OutputChunk[] = [];
    let inStartup = true;
    const started = await WorkerClient.start(this.inputs.init, {
      output: (chunk) => mine() && (inStartup ? startup.push(chunk) : !this.replaying && this.emit('output', chunk)),
      terminated: (info) => mine() && this.onTerminated(info),
    }, { timeoutMs: this.inputs.config.timeoutMs, signal: abort.signal });
    if (this.starting === abort) this.starting = null;
    inStartup = false;
    this.startupChunks = startup;
    if (!started.ok) return started;
    this.client = started.value.client;
    this.log.begin(started.value.ready.image);
    this.initRecord = started.value.ready.initCall;
    // Later workers (reset, stepping back) start from the module this one prepared for tracing.
    if (started.value.ready.traced) this.inputs = { ...this.inputs, init: { ...this.inputs.init, traced: started.value.ready.traced } };
    if (started.value.ready.exited) this.exit = 0;
    return { ok: true, value: null };
  }

  private canStep(): boolean {
    return this.whyCannotStep() === null;
  }

  private liveReadNeeded(): boolean {
    return this.client !== null && this.termination === null && !this.busy &&
      (this.log.stale || !this.inputs.config.recording);
  }

  private async runStep(heap = false): Promise<StepRecord> {
    const index = this.nextStep;
    const step = this.inputs.sequence!.sequence.steps[index]!;
    const started = performance.now();
    const generation = this.generation;
    this.activeStep = index;
    const client = this.client!;
    const answer = client.request({ type: 'step', index, ...(heap ? { heap } : {}) }, this.inputs.config.timeoutMs);
    // This step's request: the heap it brings is the heap now only while no request followed it.
    const sent = client.sent;
    const outcome = await answer;
    this.activeStep = null;
    let record: StepRecord;
    if (generation !== this.generation) {
      return failedStep(step, { code: 'stopped', message: 'the session was reset or closed' }, performance.now() - started, 0);
    }
    if ('terminated' in outcome) {
      record = failedStep(step, terminatedError(outcome.terminated), performance.now() - started, this.log.history.sizeAt());
    } else if (!outcome.done.ok) {
      record = failedStep(step, outcome.done.error, performance.now() - started, this.log.history.sizeAt());
    } else {
      const done = outcome.done.value;
      if (done.heapAfter !== undefined) this.heapAfterStep = { client, sent, summary: done.heapAfter };
      return this.accept(done);
    }
    return this.pushRecord(record);
  }

  /** Takes in a step the worker ran (the log keeps what it left) and its exit code, then says so. */
  private accept(result: FinishedStep): StepRecord {
    if (result.record.exitCode !== undefined) this.exit = result.record.exitCode;
    return this.announce(this.log.accept(result));
  }

  private pushRecord(record: StepRecord): StepRecord {
    return this.announce(this.log.push(record));
  }

  private announce(record: StepRecord): StepRecord {
    if (!this.replaying) this.emit('step', record);
    return record;
  }

  private onTerminated(info: TerminationInfo): void {
    this.termination = this.activeStep !== null ? { ...info, step: this.activeStep } : info;
    this.emit('terminated', this.termination);
    this.setState('terminated');
  }

  /** The state after a step or run finished. */
  private settle(): void {
    if (this.termination) return this.setState('terminated');
    const last = this.log.steps.at(-1);
    if (last && !last.ok) return this.setState('failed');
    const total = this.inputs.sequence?.sequence.steps.length ?? 0;
    if (this.exit !== null || this.nextStep >= total) return this.setState('done');
    this.setState(this.nextStep === 0 ? 'ready' : 'paused');
  }

  private setState(state: SessionState): void {
    if (state === this.current) return;
    this.current = state;
    this.emit('state', state);
  }

  private emit<E extends keyof SessionEvents>(event: E, payload: SessionEvents[E]): void {
    this.events.emit(event, payload);
  }
}

/** What is wrong with a watch, or null. */
function checkWatch(w: WatchSpec): string | null {
  if (typeof w.name !== 'string' || w.name === '') return 'a watch needs a name';
  if (!Number.isSafeInteger(w.address) || w.address < 0) return `watch '${w.name}': the address must be a non-negative integer`;
  if (!Number.isSafeInteger(w.size) || w.size < 1) return `watch '${w.name}': it needs at least 1 byte`;
  if (w.address + w.size > 2 ** 32) return `watch '${w.name}': [0x${w.address.toString(16)}, +${w.size}) is past the 4 GiB a 32-bit memory can address`;
  return null;
}


function fail(code: MemscopeError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
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
