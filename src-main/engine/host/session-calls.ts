// Requests the worker answers between steps: ad-hoc export calls and memory writes
// (interludes: the step log notes them, so a replay repeats them in place), the globals, the
// heap, and the worker's own garbage collection for diagnostics. Owns no state: it reads and
// writes the session's through the narrow view of SessionCore it is given.

import type { CallRecord, HeapSummary, ModuleInfo, Result, ValType } from '../../shared/dto.ts';
import type { GlobalValue, WorkerMemoryUsage } from '../protocol.ts';
import { parseCallArgs } from './call-args.ts';
import { fail, type SessionCore } from './session-core.ts';
import type { Interlude } from './step-log.ts';
import { terminatedError } from './worker-client.ts';

/** What the calls need of the session: its worker and inputs, the busy flag, the log and exit code. */
export type CallsHost = Pick<SessionCore, 'client' | 'terminated' | 'busy' | 'setBusy' | 'inputs' | 'log' | 'noteExit' | 'heldHeap' | 'stoppedAtWatch'>;

const NO_PARAMS: readonly ValType[] = [];

export class SessionCalls {
  /** Each function export's parameter types, for the module `paramsFrom` describes (paramsOf). */
  private params = new Map<string, readonly ValType[]>();
  private paramsFrom: ModuleInfo | null = null;

  constructor(private readonly core: CallsHost) {}

  /** The values of the globals the JS API can reach now (exported ones; with write tracing, every mutable one). */
  async globals(): Promise<Result<GlobalValue[]>> {
    if (!this.core.client || this.core.terminated) return fail('terminated', 'the guest worker is gone; reset to continue');
    const outcome = await this.core.client.request({ type: 'globals' });
    return 'done' in outcome ? outcome.done : { ok: false, error: terminatedError(outcome.terminated) };
  }

  /**
   * Diagnostics: the guest worker collects its garbage (when the process exposes gc) and says
   * what its heap holds; benchmarks and retention tests sample RSS after it. Answered between
   * steps: the worker serves requests one at a time.
   */
  async collectGarbage(): Promise<Result<WorkerMemoryUsage>> {
    if (!this.core.client || this.core.terminated) return fail('terminated', 'the guest worker is gone; reset to continue');
    const outcome = await this.core.client.request({ type: 'collect-garbage' });
    return 'done' in outcome ? outcome.done : { ok: false, error: terminatedError(outcome.terminated) };
  }

  /**
   * An ad-hoc export call (arguments as decimal text), under the same time limit as a step. Not
   * while paused at a watch's stop: that call was cut short right after a write, its stack
   * pointer is the cut call's, and stepping on runs it again from its start (a replay) with
   * nothing to repeat a call at the pause by. (A write there is SessionReplay.writeAtPause's.)
   */
  call(name: string, args: string[]): Promise<Result<CallRecord>> {
    const refused = this.whyBusy() ?? (this.core.stoppedAtWatch
      ? fail('usage', "cannot call an export while paused at a watch's stop: the paused call is cut short and stepping on runs it again from its start; do it before that call (a step above it) or after it")
      : null);
    return refused ? Promise.resolve(refused) : this.callNow(name, args, true);
  }

  /** Why an ad-hoc call or write cannot go in now (a step runs), or null. */
  private whyBusy(): Result<never> | null {
    return this.core.busy ? fail('usage', 'the session is busy running a step; wait or stop it') : null;
  }

  /**
   * Repeats an ad-hoc call or write where a replay meets it in the step log. The replay holds
   * the worker (busy) throughout, so this is call()/writeMemory() without their busy guard.
   */
  repeat(i: Extract<Interlude, { kind: 'call' | 'write' }>): Promise<Result<unknown>> {
    return i.kind === 'call' ? this.callNow(i.name, i.args, false) : this.writeNow(i.address, i.bytes);
  }

  /** `holdBusy`: the session is busy until the call is done (call()). One async function per call, not two. */
  private async callNow(name: string, args: string[], holdBusy: boolean): Promise<Result<CallRecord>> {
    const client = this.core.client;
    if (!client || this.core.terminated) return fail('terminated', 'the guest worker is gone; reset to continue');
    const values = parseCallArgs(name, args, this.paramsOf(name));
    if (!values.ok) return values;
    if (holdBusy) this.core.setBusy(true);
    const started = performance.now();
    const outcome = await client.request({ type: 'call', name, args: values.value }, this.core.inputs.config.timeoutMs);
    if (holdBusy) this.core.setBusy(false);
    if ('terminated' in outcome) {
      return { ok: true, value: { export: name, args: values.value, results: [], durationMs: performance.now() - started, imports: [], error: terminatedError(outcome.terminated) } };
    }
    if (!outcome.done.ok) return outcome.done;
    if (outcome.done.value.exitCode !== null) this.core.noteExit(outcome.done.value.exitCode);
    this.core.log.noteInterlude({ kind: 'call', name, args }, outcome.done.value.memorySize);
    return { ok: true, value: outcome.done.value.record };
  }

  /** The parameter types of export `name` (none when it is no function), from a table made once per module. */
  private paramsOf(name: string): readonly ValType[] {
    const info = this.core.inputs.info;
    if (this.paramsFrom !== info) {
      this.params = new Map();
      for (const e of info.exports) if (e.kind === 'func' && !this.params.has(e.name)) this.params.set(e.name, e.type.params);
      this.paramsFrom = info;
    }
    return this.params.get(name) ?? NO_PARAMS;
  }

  /**
   * The heap now: memory map, live blocks with their owners, leaks so far. Asked of the worker,
   * which walks the heap; an error when the worker is gone or busy running steps. `references`:
   * also which leaks guest memory still points to (a scan of memory: the CLI's last summary).
   * `step`: the heap as walked right after that step, when it was (StepHeaps), with no walk now.
   */
  async heap(options: { references?: boolean; step?: number } = {}): Promise<Result<HeapSummary>> {
    if (options.step !== undefined) return this.core.log.heaps.at(options.step);
    if (!this.core.client || this.core.terminated !== null) return { ok: false, error: { code: 'terminated', message: 'the guest is not running; reset to see its heap' } };
    if (this.core.busy) return { ok: false, error: { code: 'usage', message: 'steps are running; ask for the heap when they stop' } };
    let summary = options.references ? undefined : this.core.heldHeap();
    if (summary === undefined) {
      const outcome = await this.core.client.request(options.references ? { type: 'heap', references: true } : { type: 'heap' });
      if (!('done' in outcome)) return { ok: false, error: { code: 'terminated', message: `the guest stopped (${outcome.terminated.reason})` } };
      if (!outcome.done.ok) return outcome.done;
      summary = outcome.done.value;
      // Nothing ran since the last step ended: this is the heap after it, which a page showing
      // that step later asks for (the walk after a run's last step, the sequence's end). Not at
      // a watch's stop: that step has not ended, and its walk is the heap part-way through it.
      if (summary && !this.core.log.stale && !this.core.stoppedAtWatch) this.core.log.heaps.keep(this.core.log.nextStep - 1, summary);
    }
    if (!summary) return { ok: false, error: { code: 'usage', message: 'the heap is tracked only while recording' } };
    return { ok: true, value: summary };
  }

  /**
   * Writes bytes into guest memory between steps (a debugger's memory editor). Like an ad-hoc
   * call, the write is not a step: reads go to the live instance until the next step records it.
   * At a watch's stop SessionReplay.writeAtPause writes instead (it goes in again when going on).
   */
  async writeMemory(address: number, bytes: Uint8Array): Promise<Result<{ memorySize: number }>> {
    return this.whyBusy() ?? this.writeNow(address, bytes);
  }

  /** `noted`: the step log notes it as an interlude between steps, so a replay writes it again there. */
  async writeNow(address: number, bytes: Uint8Array, noted = true): Promise<Result<{ memorySize: number }>> {
    if (!this.core.client || this.core.terminated) return fail('terminated', 'the guest worker is gone; reset to continue');
    const outcome = await this.core.client.request({ type: 'write-memory', address, bytes });
    if ('terminated' in outcome) return { ok: false, error: terminatedError(outcome.terminated) };
    if (!outcome.done.ok) return outcome.done;
    if (noted) this.core.log.noteInterlude({ kind: 'write', address, bytes: bytes.slice() }, outcome.done.value.memorySize);
    else this.core.log.noteChange(outcome.done.value.memorySize);
    return outcome.done;
  }
}
