// The state every Session command shares and the step intake under it: starting the guest's
// worker, taking in each step it ran (runStep, accept), the session state (whyCannotStep,
// settle) and its events. The layers above: session-calls.ts, session-replay.ts, session.ts.

import type { CallRecord, HeapSummary, MemscopeError, OutputChunk, Result, SessionState, StepRecord, TerminationInfo } from '../../shared/dto.ts';
import { Emitter } from '../../shared/emitter.ts';
import { MemoryHistory } from '../memory/memory-history.ts';
import type { FinishedStep } from '../protocol.ts';
import type { SessionEvents } from '../session-api.ts';
import { failedStep } from './failed-step.ts';
import type { PreopenSnapshot } from './preopen-snapshot.ts';
import type { SessionInputs } from './session-inputs.ts';
import { StepLog } from './step-log.ts';
import { terminatedError, WorkerClient } from './worker-client.ts';

export abstract class SessionCore {
  protected client: WorkerClient | null = null;
  protected log: StepLog;
  protected current: SessionState = 'ready';
  protected termination: TerminationInfo | null = null;
  protected exit: number | null = null;
  protected busy = false;
  /** The step the worker is running, for TerminationInfo.step (null during ad-hoc calls). */
  protected activeStep: number | null = null;
  protected startupChunks: OutputChunk[] = [];
  protected generation = 0;
  protected initRecord: CallRecord | null = null;
  protected readonly events = new Emitter<SessionEvents>();
  /** Aborts the worker start in progress (open, reset): a start function may never return. */
  protected starting: AbortController | null = null;
  /** The read-write preopens as opened (why not, when too large), put back before a replay. */
  protected preopens: PreopenSnapshot | string | null = null;
  /** A replay runs (stepping back): its steps and output were shown already, so not emitted. */
  protected replaying = false;
  /**
   * The heap as the worker walked it right after the last step (step({heap: true})), and how
   * many requests that worker had been sent then: it is the heap now while no request followed.
   */
  protected heapAfterStep: { client: WorkerClient; sent: number; summary: HeapSummary | null } | null = null;

  protected constructor(protected inputs: SessionInputs) {
    this.log = this.newLog();
  }

  get nextStep(): number { return this.log.nextStep; }

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

  protected canStep(): boolean {
    return this.whyCannotStep() === null;
  }

  /** An empty log; buffers its history lets go return to the worker that fills captures (MemoryHistory.recycle). */
  protected newLog(): StepLog {
    return new StepLog(new MemoryHistory(undefined, { budgetBytes: this.inputs.config.historyBudgetBytes, recycle: (buffer) => this.client?.recycle(buffer) }));
  }

  protected async start(signal?: AbortSignal): Promise<Result<null>> {
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
    }, { timeoutMs: this.inputs.config.timeoutMs, captureLimitMs: this.inputs.config.captureLimitMs, signal: abort.signal });
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

  protected async runStep(heap = false): Promise<StepRecord> {
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
      const times = client.stepTimes();
      record = failedStep(step, terminatedError(outcome.terminated), times.durationMs, this.log.history.sizeAt(), times.captureMs);
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
  protected accept(result: FinishedStep): StepRecord {
    if (result.record.exitCode !== undefined) this.exit = result.record.exitCode;
    return this.announce(this.log.accept(result));
  }

  protected pushRecord(record: StepRecord): StepRecord {
    return this.announce(this.log.push(record));
  }

  protected announce(record: StepRecord): StepRecord {
    if (!this.replaying) this.emit('step', record);
    return record;
  }

  protected onTerminated(info: TerminationInfo): void {
    this.termination = this.activeStep !== null ? { ...info, step: this.activeStep } : info;
    this.emit('terminated', this.termination);
    this.setState('terminated');
  }

  /** The state after a step or run finished. */
  protected settle(): void {
    if (this.termination) return this.setState('terminated');
    const last = this.log.steps.at(-1);
    if (last && !last.ok) return this.setState('failed');
    const total = this.inputs.sequence?.sequence.steps.length ?? 0;
    if (this.exit !== null || this.nextStep >= total) return this.setState('done');
    this.setState(this.nextStep === 0 ? 'ready' : 'paused');
  }

  protected setState(state: SessionState): void {
    if (state === this.current) return;
    this.current = state;
    this.emit('state', state);
  }

  protected emit<E extends keyof SessionEvents>(event: E, payload: SessionEvents[E]): void {
    this.events.emit(event, payload);
  }
}

export function fail(code: MemscopeError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
