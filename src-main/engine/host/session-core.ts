// The one owner of a Session's running state: its inputs, the guest's worker, the step log, the
// session state and its events, and the step intake that feeds them (runStep, runStretch).
// Session (session.ts) composes it with the calls and replay parts, which get narrow views of it.

import type {
  CallRecord, HeapSummary, MemscopeError, OutputChunk, RegisteredFunction, ReplayProgress, Result, SessionState, StepRecord, StreamName, TerminationInfo,
} from '../../shared/dto.ts';
import { Emitter } from '../../shared/emitter.ts';
import { count } from '../../shared/count.ts';
import { MemoryHistory } from '../memory/memory-history.ts';
import type { FinishedStep } from '../protocol.ts';
import type { Disposable, SessionEvents } from '../session-api.ts';
import { failedStep } from './failed-step.ts';
import type { SessionInputs } from './session-inputs.ts';
import { StepLog } from './step-log.ts';
import { terminatedError, WorkerClient } from './worker-client.ts';
import { OutputLog } from './output-log.ts';

export class SessionCore {
  private worker: WorkerClient | null = null;
  private steps: StepLog;
  private current: SessionState = 'ready';
  private termination: TerminationInfo | null = null;
  private exit: number | null = null;
  private running = false;
  /** The step the worker is running, for TerminationInfo.step (null during ad-hoc calls). */
  private activeStep: number | null = null;
  private startupChunks: OutputChunk[] = [];
  /** Bumped by every new worker and by dispose: answers from an older worker are ignored. */
  private epoch = 0;
  private initRecord: CallRecord | null = null;
  private registeredFns: readonly RegisteredFunction[] = [];
  private readonly events = new Emitter<SessionEvents>();
  /** Aborts the worker start in progress (open, reset): a start function may never return. */
  private starting: AbortController | null = null;
  /** A replay runs (stepping back): its steps and output were shown already, so not emitted. */
  private quiet = false;
  /**
   * A replay is under way (SessionReplay.replay): a stop then asks it to end between two steps,
   * the worker kept, and says why; the user's Stop again while a replayed step runs, or any
   * other stop then, terminates that step.
   */
  private replayStop: 'off' | 'armed' | { why: string } = 'off';
  /**
   * Bytes of each stream the step running wrote so far, shown or not, and the last step's when
   * its record came (output comes before its step's record): a step run again after a watch's
   * stop (resumeAfterWatch) skips what its stopped run showed (`skip`), so it is not shown twice.
   */
  private output = { running: { stdout: 0, stderr: 0 }, last: { stdout: 0, stderr: 0 }, skip: { stdout: 0, stderr: 0 } };
  /** What this worker's instance printed after instantiating, shown or not (a quiet replay's too): the view's output. */
  private readonly printed = new OutputLog();
  /**
   * The heap as the worker walked it right after the last step (step({heap: true})), and how
   * many requests that worker had been sent then: it is the heap now while no request followed.
   */
  private heapAfterStep: { client: WorkerClient; sent: number; summary: HeapSummary | null } | null = null;

  constructor(private given: SessionInputs) {
    this.steps = this.newLog();
  }

  /** Written by Session (a new sequence, write tracing), the replay part (tracing for watches) and start(). */
  get inputs(): SessionInputs { return this.given; }
  setInputs(inputs: SessionInputs): void { this.given = inputs; }
  get client(): WorkerClient | null { return this.worker; }
  /** Replaced by a replay (discardWorker), cleared by a reset. */
  get log(): StepLog { return this.steps; }
  get nextStep(): number { return this.steps.nextStep; }
  get state(): SessionState { return this.current; }
  get terminated(): TerminationInfo | null { return this.termination; }
  get exitCode(): number | null { return this.exit; }
  /** A step, a run, an ad-hoc call or a replay owns the worker now. */
  get busy(): boolean { return this.running; }
  get generation(): number { return this.epoch; }
  get startupOutput(): readonly OutputChunk[] { return this.startupChunks; }
  /** What the instance printed so far: while instantiating, then in the steps and calls that ran (the newest KEPT_BYTES of those). */
  get outputSoFar(): OutputChunk[] { return [...this.startupChunks, ...this.printed.kept()]; }
  get initCall(): CallRecord | null { return this.initRecord; }
  /** What the module registered at instantiation to be called by name (embind): ReadyMessage.registered. */
  get registered(): readonly RegisteredFunction[] { return this.registeredFns; }

  /** The worker while it is there and idle (no step running, not terminated); null otherwise. */
  idle(): WorkerClient | null {
    return this.worker !== null && this.termination === null && !this.running ? this.worker : null;
  }

  /** An ad-hoc call holds the worker (SessionCalls.call); steps, runs and replays use begin/end. */
  setBusy(on: boolean): void { this.running = on; }
  noteExit(code: number): void { this.exit = code; }
  setQuiet(on: boolean): void { this.quiet = on; }
  /** Says how far a replay has come: its steps are not announced (quiet), so a long one showed nothing. */
  replayProgress(progress: ReplayProgress): void { this.events.emit('replaying', progress); }
  get replaying(): boolean { return this.quiet; }
  /** Lets a stop end the replay under way between two of its steps (see replayStop); end() takes it back. */
  armReplayStop(): void { this.replayStop = 'armed'; }
  /** Why a stop came since armReplayStop, or null: the replay ends before its next step. */
  get replayStopAsked(): string | null { return typeof this.replayStop === 'object' ? this.replayStop.why : null; }

  on<E extends keyof SessionEvents>(event: E, listener: (payload: SessionEvents[E]) => void): Disposable {
    return this.events.on(event, listener);
  }

  /**
   * Why the next step cannot run now, in words a person can act on; null when it can. The one
   * place this is decided: the shells refuse with it and the UI shows it as it is.
   */
  whyCannotStep(): MemscopeError | null {
    const sequence = this.given.sequence;
    // Not 'usage' (a request that is not valid): the press was fine, the session is where no
    // step can run (at the end, say). Errors read `code: message` (errorText) in the CLI and
    // DAP, and the page heads its error bar with the code (errorHeading).
    const refuse = (message: string): MemscopeError => ({ code: 'cannot-step', message });
    if (this.running || this.current === 'running') return refuse('a step is already running; wait for it or press Stop');
    if (this.termination) return { code: 'terminated', message: `the guest worker is gone (${this.termination.message}); reset to continue` };
    if (!sequence) return refuse('no sequence is open: open a .wseq file or write one in the editor');
    const first = sequence.errors[0];
    if (first) {
      const message = `the sequence has ${count(sequence.errors.length, 'error')}, first at line ${first.where?.line ?? '?'}: ${first.message}`;
      return { code: 'parse-error', message, ...(first.where ? { where: first.where } : {}) };
    }
    if (this.exit !== null) return refuse(`the guest exited with code ${this.exit}; reset to run again`);
    if (sequence.sequence.steps.length === 0) return refuse('the sequence has no steps yet: write one in the editor (a call such as `r = add(1, 2)`, a read or a write), then step');
    // A watch's stop is a pause inside its step, its guest still there: stepping goes on past it (Session.step).
    if (this.stoppedAtWatch) return null;
    if (this.nextStep >= sequence.sequence.steps.length) return refuse('every step has run; reset to start again');
    if (this.current === 'failed') return refuse('the last step failed; reset to run again');
    if (this.worker === null) return { code: 'terminated', message: 'the guest is not running; reset to continue' };
    return null;
  }

  /** The last step ended right after a watched write (`watch … stop`, a data breakpoint), its guest still there. */
  get stoppedAtWatch(): boolean {
    const last = this.steps.steps.at(-1);
    return last?.error?.code === 'watchpoint' && last.index === this.nextStep - 1 && this.termination === null && this.worker !== null;
  }

  /** Records a failure of the next step that no worker reported (going on past a watch could not replay), and says so. */
  refuseNext(error: MemscopeError): StepRecord | null {
    const step = this.given.sequence?.sequence.steps[this.nextStep];
    if (!step) return null;
    const record = this.announce(this.steps.push(failedStep(step, this.given.sequence?.sequence.file, error, 0, this.steps.history.sizeAt())));
    this.settle();
    return record;
  }

  /** Takes the worker for a step, a run or a replay; the generation tells a caller whether a reset came meanwhile. */
  begin(): number {
    this.running = true;
    this.setState('running');
    return this.epoch;
  }

  /** Gives the worker back after a step, run or replay, and says the state it left. */
  end(): void {
    this.running = false;
    this.replayStop = 'off';
    this.settle();
  }

  async start(signal?: AbortSignal): Promise<Result<null>> {
    const generation = ++this.epoch;
    const abort = new AbortController();
    this.starting = abort;
    signal?.addEventListener('abort', () => abort.abort(), { once: true });
    if (signal?.aborted) abort.abort();
    const mine = () => generation === this.epoch;
    const startup: OutputChunk[] = [];
    let inStartup = true;
    this.printed.clear();
    const config = this.given.config;
    const started = await WorkerClient.start(this.given.init, {
      output: (chunk) => mine() && (inStartup ? startup.push(chunk) : this.stepOutput(chunk)),
      terminated: (info) => mine() && this.onTerminated(info),
    }, { timeoutMs: config.timeoutMs, captureLimitMs: config.captureLimitMs, signal: abort.signal });
    if (this.starting === abort) this.starting = null;
    inStartup = false;
    this.startupChunks = startup;
    if (!started.ok) return started;
    this.worker = started.value.client;
    this.steps.begin(started.value.ready.image);
    this.initRecord = started.value.ready.initCall;
    this.registeredFns = started.value.ready.registered ?? [];
    // Later workers (reset, stepping back) start from the module this one prepared for tracing.
    const traced = started.value.ready.traced;
    if (traced) this.given = { ...this.given, init: { ...this.given.init, traced } };
    if (started.value.ready.exited) this.exit = 0;
    return { ok: true, value: null };
  }

  /** Drops the worker and what it ran for a replay: a new, empty log; the generation moves on. */
  async discardWorker(): Promise<void> {
    this.epoch++;
    await this.worker?.dispose();
    this.worker = null;
    this.termination = null;
    this.exit = null;
    this.steps = this.newLog();
  }

  /** A fresh worker and instance with the same inputs; every record and binding is dropped. */
  async restart(): Promise<Result<null>> {
    // A new generation first: whatever the old worker still reports is ignored from here on.
    this.epoch++;
    if (this.running) await this.worker?.terminate({ reason: 'stopped', message: 'reset while running' });
    await this.worker?.dispose();
    this.worker = null;
    this.steps.clear();
    this.termination = null;
    this.exit = null;
    this.running = false;
    return this.start();
  }

  /**
   * Stops a running step or run now by terminating the worker (reason 'stopped'). The user's
   * Stop (no `why`) during a replay first asks it to end between two steps, so the steps it
   * replayed stay and the worker with them; terminating threw both away, and a step back
   * stopped half way left nothing to step from but Reset (see replayStop).
   */
  async stop(why?: string): Promise<void> {
    if (this.running && this.replayStop !== 'off') {
      const first = this.replayStop === 'armed' && why === undefined;
      if (this.replayStop === 'armed') this.replayStop = { why: why ?? 'stopped by the user' };
      // Stop again while a replayed step runs (one that hangs, say) or its worker instantiates,
      // or a stop the user did not press (an edit, an open), ends that now; between steps the
      // replay ends before its next step.
      if (first || (this.activeStep === null && this.starting === null)) return;
    }
    this.starting?.abort();
    if (!this.running || !this.worker) return;
    await this.worker.terminate({ reason: 'stopped', message: `${why ?? 'stopped by the user'}; the worker was terminated` });
  }

  async dispose(): Promise<void> {
    this.epoch++;
    this.events.clear();
    await this.worker?.dispose();
    this.worker = null;
  }

  /** The heap the last step brought when no request followed it (so it is the heap now); undefined otherwise. */
  heldHeap(): HeapSummary | null | undefined {
    const held = this.heapAfterStep;
    return held && held.client === this.worker && held.sent === held.client.sent ? held.summary : undefined;
  }

  /** An empty log; buffers its history lets go return to the worker that fills captures (MemoryHistory.recycle). */
  private newLog(): StepLog {
    return new StepLog(new MemoryHistory(undefined, { budgetBytes: this.given.config.historyBudgetBytes, recycle: (buffer) => this.worker?.recycle(buffer) }));
  }

  async runStep(heap = false): Promise<StepRecord> {
    const index = this.nextStep;
    const step = this.given.sequence!.sequence.steps[index]!;
    const started = performance.now();
    const generation = this.epoch;
    this.activeStep = index;
    const client = this.worker!;
    const answer = client.request({ type: 'step', index, ...(heap ? { heap } : {}) }, this.given.config.timeoutMs);
    // This step's request: the heap it brings is the heap now only while no request followed it.
    const sent = client.sent;
    const outcome = await answer;
    this.activeStep = null;
    let record: StepRecord;
    if (generation !== this.epoch) {
      return failedStep(step, this.given.sequence!.sequence.file, { code: 'stopped', message: 'the session was reset or closed' }, performance.now() - started, 0);
    }
    if ('terminated' in outcome) {
      const times = client.stepTimes();
      record = failedStep(step, this.given.sequence!.sequence.file, terminatedError(outcome.terminated), times.durationMs, this.steps.history.sizeAt(), times.captureMs, client.importsMade());
    } else if (!outcome.done.ok) {
      record = failedStep(step, this.given.sequence!.sequence.file, outcome.done.error, performance.now() - started, this.steps.history.sizeAt());
    } else {
      const done = outcome.done.value;
      if (done.heapAfter !== undefined) this.heapAfterStep = { client, sent, summary: done.heapAfter };
      return this.accept(done);
    }
    return this.announce(this.steps.push(record));
  }

  /**
   * Runs steps from..to-1 in one worker request; records stream back step by step to `keep`.
   * False when a reset or dispose came meanwhile: the run belonged to the old instance.
   */
  async runStretch(from: number, to: number, keep: (record: StepRecord) => void): Promise<boolean> {
    const generation = this.epoch;
    const client = this.worker!;
    this.activeStep = from;
    const outcome = await client.run(from, to, this.given.config.timeoutMs, (result) => {
      if (generation !== this.epoch) return;
      keep(this.accept(result));
      this.activeStep = result.record.index + 1;
    });
    const active = this.activeStep;
    this.activeStep = null;
    if (generation !== this.epoch) return false;
    const failed = 'terminated' in outcome ? terminatedError(outcome.terminated) : outcome.done.ok ? null : outcome.done.error;
    const step = this.given.sequence!.sequence.steps[active];
    if (failed && step) {
      const times = client.stepTimes();
      // Only an ended worker loses the step's import records: a step it answered has them.
      const imports = 'terminated' in outcome ? client.importsMade() : 0;
      keep(this.announce(this.steps.push(failedStep(step, this.given.sequence!.sequence.file, failed, times.durationMs, this.steps.history.sizeAt(), times.captureMs, imports))));
    }
    return true;
  }

  /** Takes in a step the worker ran (the log keeps what it left) and its exit code, then says so. */
  private accept(result: FinishedStep): StepRecord {
    if (result.record.exitCode !== undefined) this.exit = result.record.exitCode;
    return this.announce(this.steps.accept(result));
  }

  /** A chunk of a step's output: counted, and shown unless quiet or already shown by the stopped run of the same step. */
  private stepOutput(chunk: OutputChunk): void {
    const stream = chunk.stream;
    const length = chunk.bytes.length;
    this.printed.push(chunk);
    this.output.running[stream] += length;
    const skipped = Math.min(this.output.skip[stream], length);
    this.output.skip[stream] -= skipped;
    if (this.quiet || (length > 0 && skipped === length)) return;
    this.events.emit('output', skipped > 0 ? { ...chunk, bytes: chunk.bytes.subarray(skipped) } : chunk);
  }

  /** The output of the step that ran last, in bytes per stream (a watch's stop: up to the write). */
  get lastStepOutput(): Readonly<Record<StreamName, number>> { return this.output.last; }

  /** The next step's first bytes of each stream were shown already (resumeAfterWatch): not again. */
  skipOutput(bytes: Readonly<Record<StreamName, number>>): void {
    this.output.skip = { ...bytes };
  }

  private announce(record: StepRecord): StepRecord {
    // Its output is all in: the next step's starts from zero, and a skip it did not use up ends.
    const output = this.output;
    output.last = output.running;
    output.running = { stdout: 0, stderr: 0 };
    output.skip.stdout = 0;
    output.skip.stderr = 0;
    if (!this.quiet) this.events.emit('step', record);
    return record;
  }

  private onTerminated(info: TerminationInfo): void {
    this.termination = this.activeStep !== null ? { ...info, step: this.activeStep } : info;
    this.events.emit('terminated', this.termination);
    this.setState('terminated');
  }

  /** The state after a step or run finished. */
  settle(): void {
    if (this.termination) return this.setState('terminated');
    const last = this.steps.steps.at(-1);
    if (this.stoppedAtWatch) return this.setState('paused');
    if (last && !last.ok) return this.setState('failed');
    const total = this.given.sequence?.sequence.steps.length ?? 0;
    if (this.exit !== null || this.nextStep >= total) return this.setState('done');
    this.setState(this.nextStep === 0 ? 'ready' : 'paused');
  }

  setState(state: SessionState): void {
    if (state === this.current) return;
    this.current = state;
    this.events.emit('state', state);
  }
}

export function fail(code: MemscopeError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
