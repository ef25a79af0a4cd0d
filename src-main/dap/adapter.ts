// `memscope dap`: a Debug Adapter Protocol server on @vscode/debugadapter. The .wseq file is the
// program: its steps are the lines, breakpoints sit on them, the top stack frame is the step
// about to run (or the step that failed, with the guest's frames below it). One adapter
// instance serves one client connection and owns the Session it launches.

import { basename, dirname, resolve } from 'node:path';
import {
  BreakpointEvent, DebugSession, ExitedEvent, InitializedEvent, MemoryEvent, OutputEvent, Source, StackFrame, StoppedEvent,
  TerminatedEvent, Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Session } from '../engine/index.ts';
import type { Result, StepRecord } from '../shared/dto.ts';
import { stackLines } from '../shared/error-format.ts';
import { formatHeapSummary, formatProblem, problemsListed } from '../shared/heap-format.ts';
import { dataBreakpointInfo, watchesFor } from './data-breakpoints.ts';
import { checkLaunchArgs, openLaunch } from './launch.ts';
import { memoryReference, parseMemoryReference } from './memory-ref.ts';
import { pointerOf, VariableStore } from './variables.ts';
import { sequenceOver } from '../shared/sequence-over.ts';
import { formatWriter, hitsDroppedText, readingOf } from '../shared/write-format.ts';
import { hitsByWrite } from '../shared/watch-hits.ts';

const THREAD = 1;
/** Frame ids: 0 is the sequence line, 1… the guest frames of a failed step. */
const SEQUENCE_FRAME = 0;
/** Largest readMemory answered at once (VS Code asks for a page or two at a time). */
const MAX_READ = 1 << 20;

export class MemscopeDebugSession extends DebugSession {
  private session: Session | null = null;
  private program = '';
  private moduleDir = '';
  private stopOnEntry = false;
  private breakpoints = new Set<number>();
  private readonly variables = new VariableStore();
  private pauseRequested = false;
  private running = false;
  private finished = false;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  /** Live watch name → data breakpoint id (setDataBreakpoints), for hitBreakpointIds. */
  private dataBreakpointIds = new Map<string, number>();
  /** The data breakpoints on a paused call's locals: name → the step paused in (the session ends them when it returns). */
  private frameWatches = new Map<string, number>();
  private lastBreakpointId = 0;

  constructor(private readonly cwd: string, private readonly onEnd: () => void) {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  /** The spec's default pathFormat is 'path'; the library refuses a client that leaves it out. */
  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (request.command === 'initialize') {
      const args = (request.arguments ?? {}) as DebugProtocol.InitializeRequestArguments;
      request.arguments = { ...args, pathFormat: args.pathFormat ?? 'path' };
    }
    super.dispatchRequest(request);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsEvaluateForHovers: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsSetVariable: true,
      supportsTerminateRequest: true,
      // Step back replays the steps before the target in a fresh worker (Session.stepBack).
      supportsStepBack: true,
      // Data breakpoints are the session's live watches (Session.setWatches), writes only.
      supportsDataBreakpoints: true,
      supportsDataBreakpointBytes: true,
      // The failed step's error: VS Code shows it in a widget at the sequence line.
      supportsExceptionInfoRequest: true,
    };
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, raw: DebugProtocol.LaunchRequestArguments): Promise<void> {
    const args = checkLaunchArgs(raw);
    if (typeof args === 'string') return this.fail(response, args);
    const launched = await openLaunch(args, this.cwd);
    if (!launched.ok) return this.fail(response, launched.message);
    this.session = launched.session;
    this.program = launched.program;
    this.moduleDir = dirname(launched.moduleFile);
    this.stopOnEntry = args.stopOnEntry === true;
    for (const chunk of launched.session.startupOutput) this.output(chunk.stream, chunk.bytes);
    launched.session.on('output', (chunk) => this.output(chunk.stream, chunk.bytes));
    launched.session.on('step', (record) => this.reportStep(record));
    this.sendResponse(response);
    // Ready for breakpoints now that the program's steps are known.
    this.sendEvent(new InitializedEvent());
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const lines = this.session?.stepLines ?? [];
    this.breakpoints = new Set();
    response.body = {
      breakpoints: (args.breakpoints ?? []).map((bp) => {
        // A breakpoint on a comment or blank line moves to the next step.
        const line = lines.find((l) => l >= bp.line);
        if (line === undefined) return { verified: false, line: bp.line, message: 'no step at or after this line' };
        this.breakpoints.add(line);
        return { verified: true, line };
      }),
    };
    // The session's too: its reverse continue goes back to them (Session.reverseContinue).
    this.session?.setBreakpoints([...this.breakpoints]);
    this.sendResponse(response);
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    const first = this.session?.stepLines[0];
    if (this.stopOnEntry) this.stopped('entry');
    else if (first !== undefined && this.breakpoints.has(first)) this.stopped('breakpoint');
    else void this.runToStop();
  }

  protected override dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, args: DebugProtocol.DataBreakpointInfoArguments): void {
    if (!this.session) return this.fail(response, 'nothing is launched');
    const source = args.variablesReference !== undefined ? this.variables.sourceOf(args.variablesReference) : undefined;
    response.body = dataBreakpointInfo(this.session, args, source);
    this.sendResponse(response);
  }

  /**
   * Replaces the live watch set. A session launched without traceWrites turns it on here by
   * replaying the steps so far (Session.setWatches); when it cannot, every breakpoint is
   * unverified with the reason, which says to launch with "traceWrites": true.
   */
  protected override async setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, args: DebugProtocol.SetDataBreakpointsArguments): Promise<void> {
    const session = this.session;
    if (!session) return this.fail(response, 'nothing is launched');
    if (this.running) return this.fail(response, 'steps are running; set data breakpoints when stopped');
    const pausedIn = session.pausedInStep;
    const { watches, answers, ids } = watchesFor(args.breakpoints ?? [], () => ++this.lastBreakpointId, pausedIn);
    this.running = true;
    const set = await session.setWatches(watches);
    this.running = false;
    if (set.ok) {
      this.dataBreakpointIds = ids;
      this.frameWatches = new Map(watches.flatMap((w) => (w.frameStep !== undefined ? [[w.name, w.frameStep] as const] : [])));
    }
    response.body = { breakpoints: set.ok ? answers : answers.map(({ id: _id, ...a }) => ({ ...a, verified: false, message: set.error.message })) };
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(THREAD, this.session?.moduleName ?? 'guest')] };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const frames = this.frames();
    const start = args.startFrame ?? 0;
    const end = args.levels ? start + args.levels : frames.length;
    response.body = { stackFrames: frames.slice(start, end), totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected override async scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): Promise<void> {
    const session = this.session;
    response.body = { scopes: !session ? [] : args.frameId === SEQUENCE_FRAME ? await this.variables.scopes(session) : this.variables.localScopes(session, args.frameId) };
    this.sendResponse(response);
  }

  protected override async variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): Promise<void> {
    response.body = { variables: this.session ? await this.variables.variables(this.session, args.variablesReference) : [] };
    this.sendResponse(response);
  }

  /** Set Value on a static or a part of one that reads as one number: its bytes written in guest memory. */
  protected override async setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): Promise<void> {
    if (!this.session) return this.fail(response, 'nothing is launched');
    const set = await this.variables.set(this.session, args.variablesReference, args.name, args.value);
    if (typeof set === 'string') return this.fail(response, set);
    response.body = { value: set.value };
    this.sendResponse(response);
    this.sendEvent(new MemoryEvent(memoryReference(set.address), 0, set.size));
  }

  /** Stopped on a failed step: its error (a trap, an uncaught exception, a failed expect…) with the guest's stack. */
  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const error = this.session?.lastRecord?.error;
    if (!error) return this.fail(response, 'not stopped on a failed step');
    const stack = stackLines(error.stack);
    response.body = {
      exceptionId: error.code, description: error.message, breakMode: 'always',
      details: { message: error.message, typeName: error.code, ...(stack.length > 0 ? { stackTrace: stack.join('\n') } : {}) },
    };
    this.sendResponse(response);
  }

  protected override async nextRequest(response: DebugProtocol.NextResponse): Promise<void> {
    // A step while steps run would race the run for the session (and report its end twice).
    if (this.running) return this.fail(response, 'steps are running; pause first');
    this.sendResponse(response);
    const session = this.session;
    if (!session || !this.canStep()) return this.finish();
    this.running = true;
    const record = await session.step();
    this.endedFrameWatches();
    this.running = false;
    await this.afterStep(record, 'step');
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    // Stopped at a data breakpoint, the session's next step goes on past it (Session.step).
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    void this.runToStop();
  }

  protected override async stepBackRequest(response: DebugProtocol.StepBackResponse): Promise<void> {
    if (await this.goBack(response, (s) => s.stepBack(s.nextStep - 1))) this.stopped('step');
  }

  /**
   * Back to the last breakpoint before the current step, or to the start; with data breakpoints,
   * to the last write before now that changed their bytes when that comes later, stopped there as
   * a forward data breakpoint stops (Session.reverseContinue).
   */
  protected override async reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): Promise<void> {
    const back = await this.goBack(response, (s) => s.reverseContinue());
    const session = this.session;
    if (!back || !session) return;
    if (back.value.watch && session.lastRecord) return this.dataBreakpointHit(session.lastRecord);
    this.stopped(back.value.step === 0 && !this.breakpoints.has(session.stepLines[0]!) ? 'entry' : 'breakpoint');
  }

  /** Moves the session back as `move` does, holding it meanwhile; what it answered, or null when refused (the response says why). */
  private async goBack<T>(response: DebugProtocol.Response, move: (s: Session) => Promise<Result<T>>): Promise<{ value: T } | null> {
    const session = this.session;
    if (!session || this.running) {
      this.fail(response, this.running ? 'steps are running; pause first' : 'nothing is launched');
      return null;
    }
    this.running = true;
    const moved = await move(session);
    this.endedFrameWatches();
    this.running = false;
    if (!moved.ok) {
      this.fail(response, moved.error.message);
      return null;
    }
    this.sendResponse(response);
    return { value: moved.value };
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    // Steps are atomic: the run stops before the next one (a stuck step ends at its time limit).
    if (this.running) this.pauseRequested = true;
    this.sendResponse(response);
  }

  protected override async evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): Promise<void> {
    const session = this.session;
    if (!session) return this.fail(response, 'nothing is launched');
    const name = args.expression.trim();
    // In a guest frame (its C or Rust source open), a name is the program's: a local, a static.
    const named = args.frameId !== undefined && args.frameId !== SEQUENCE_FRAME ? await this.variables.named(session, args.frameId, name) : null;
    if (named) {
      response.body = { result: named.value, variablesReference: named.variablesReference, ...(named.memoryReference ? { memoryReference: named.memoryReference } : {}) };
      return this.sendResponse(response);
    }
    const bound = session.bindings[name];
    if (bound) {
      const v = this.variables.binding(session, name, bound);
      response.body = { result: v.value, variablesReference: v.variablesReference, ...(v.memoryReference ? { memoryReference: v.memoryReference } : {}) };
      return this.sendResponse(response);
    }
    const value = session.evaluate(name);
    if (!value.ok) return this.fail(response, value.error.message);
    const address = pointerOf(session, '', { kind: 'int', value: value.value });
    response.body = { result: value.value, variablesReference: 0, ...(address !== null ? { memoryReference: memoryReference(address) } : {}) };
    this.sendResponse(response);
  }

  protected override async readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): Promise<void> {
    const session = this.session;
    const address = parseMemoryReference(args.memoryReference, args.offset ?? 0);
    if (!session || address === null) return this.fail(response, `"${args.memoryReference}" is not a memory address`);
    const size = session.memorySize;
    const count = Math.min(Math.max(0, args.count), MAX_READ);
    const readable = Math.max(0, Math.min(count, size - address));
    let data: Uint8Array = new Uint8Array(0);
    if (readable > 0) {
      const read = await session.readMemory(address, readable);
      if (!read.ok) return this.fail(response, read.error.message);
      data = read.value.bytes;
    }
    response.body = { address: memoryReference(address), data: Buffer.from(data).toString('base64'), unreadableBytes: args.count - data.length };
    this.sendResponse(response);
  }

  protected override async writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, args: DebugProtocol.WriteMemoryArguments): Promise<void> {
    const session = this.session;
    const address = parseMemoryReference(args.memoryReference, args.offset ?? 0);
    if (!session || address === null) return this.fail(response, `"${args.memoryReference}" is not a memory address`);
    const bytes = new Uint8Array(Buffer.from(args.data, 'base64'));
    const written = await session.writeMemory(address, bytes);
    if (!written.ok) return this.fail(response, written.error.message);
    response.body = { offset: 0, bytesWritten: bytes.length };
    this.sendResponse(response);
    this.sendEvent(new MemoryEvent(memoryReference(address), 0, bytes.length));
  }

  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.session?.stop();
    this.sendResponse(response);
    await this.finish();
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    const session = this.session;
    this.session = null;
    await session?.dispose();
    this.sendResponse(response);
    this.onEnd();
  }

  /** Steps until a breakpoint, a failed step, a pause, or the end. */
  private async runToStop(): Promise<void> {
    const session = this.session;
    if (!session || this.running) return;
    this.running = true;
    this.pauseRequested = false;
    let record: StepRecord | null = null;
    while (this.canStep()) {
      record = await session.step();
      this.endedFrameWatches();
      if (!record || !record.ok || !this.canStep()) break;
      const next = session.stepLines[session.nextStep];
      if (this.pauseRequested) { this.running = false; return this.stopped('pause'); }
      if (next !== undefined && this.breakpoints.has(next)) { this.running = false; return this.stopped('breakpoint'); }
    }
    this.running = false;
    await this.afterStep(record, 'step');
  }

  private async afterStep(record: StepRecord | null, reason: string): Promise<void> {
    // A `watch … stop` range was written: the guest call ended right after the write.
    if (record && !record.ok && record.error?.code === 'watchpoint') return this.dataBreakpointHit(record);
    if (record && !record.ok) return this.stopped('exception', record.error?.message ?? 'the step failed');
    if (!this.canStep()) return this.finish();
    this.stopped(reason);
  }

  /** Stopped on a watched write: which breakpoint, the writer (from the engine's message), the step, and the static's value written (readingOf). */
  private dataBreakpointHit(record: StepRecord): void {
    // The write's hits (several breakpoints' when it hit more than one); the stop's is the last.
    const write = hitsByWrite(record.watchHits ?? []).at(-1) ?? [];
    const ids = write.flatMap((hit) => this.dataBreakpointIds.get(hit.name) ?? []);
    const reading = write.length > 0 ? readingOf(write.at(-1)!, this.session?.info, record) : '';
    const text = `${record.error?.message ?? 'a watched range was written'}, in step ${record.index + 1} (line ${record.line}: ${record.source})${reading}`;
    this.stopped('data breakpoint', text, ids.length > 0 ? ids : undefined);
  }

  /**
   * The session takes off a data breakpoint on a local once the call whose frame held it has
   * returned (WatchSpec.frameStep): later calls reuse the bytes, and would stop on writes to their
   * own variables. The client is told (a breakpoint event, reason removed) and the debug console
   * says why, as gdb does.
   */
  private endedFrameWatches(): void {
    const live = new Set(this.session?.watches.map((w) => w.name));
    for (const [name, step] of this.frameWatches) {
      if (live.has(name)) continue;
      this.frameWatches.delete(name);
      const id = this.dataBreakpointIds.get(name);
      this.dataBreakpointIds.delete(name);
      if (id !== undefined) this.sendEvent(new BreakpointEvent('removed', { id, verified: false } as DebugProtocol.Breakpoint));
      this.say('console', `data breakpoint ${name} removed: its function returned (in the call of step ${step + 1}), and later calls reuse its frame's bytes\n`);
    }
  }

  /** The engine session decides, as it does for the app's shells (one owner of the rule). */
  private canStep(): boolean {
    return this.session?.whyCannotStep() === null;
  }

  private stopped(reason: string, text?: string, hitBreakpointIds?: number[]): void {
    this.variables.reset();
    const event = new StoppedEvent(reason, THREAD, text) as DebugProtocol.StoppedEvent;
    if (text) event.body.description = text;
    if (hitBreakpointIds) event.body.hitBreakpointIds = hitBreakpointIds;
    this.sendEvent(event);
  }

  /** The end of the program: exited (proc_exit code, else 0 all ok / 1 a step failed), terminated. */
  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const s = this.session;
    // Every step ran: the heap's last word in the debug console, as `memscope run` ends with it
    // (its leaks, and which of them guest memory still points to). Not after a stop: no guest.
    if (s && sequenceOver(s.state, s.nextStep, s.stepLines.length) && s.terminated === undefined) {
      const heap = await s.heap({ references: true });
      if (heap.ok && heap.value.walker) this.say('console', `${formatHeapSummary(heap.value).join('\n')}\n`);
    }
    const failed = s?.steps.some((r) => !r.ok) ?? false;
    this.sendEvent(new ExitedEvent(s?.exitCode ?? (failed ? 1 : 0)));
    this.sendEvent(new TerminatedEvent());
  }

  /** The sequence line first; after a failed step, the guest's frames (innermost first) below it. */
  private frames(): DebugProtocol.StackFrame[] {
    const s = this.session;
    if (!s) return [];
    const last = s.lastRecord;
    const failed = last && !last.ok ? last : null;
    const index = failed ? failed.index : Math.min(s.nextStep, s.stepLines.length - 1);
    const line = s.stepLines[index] ?? 1;
    const text = failed?.source ?? s.sequenceText?.split('\n')[line - 1]?.trim() ?? '';
    const source = new Source(basename(this.program), this.program);
    const top = new StackFrame(SEQUENCE_FRAME, text || `line ${line}`, source, line, 1) as DebugProtocol.StackFrame;
    const guest = (failed?.error?.stack ?? []).map((f, i) => {
      // A frame with a DWARF line opens the guest's own source (a relative path is the module's directory's).
      const place = f.source ? new Source(basename(f.source.file), resolve(this.moduleDir, f.source.file)) : undefined;
      const frame = new StackFrame(i + 1, f.name, place, f.source?.line ?? 0, f.source?.column ?? 0) as DebugProtocol.StackFrame;
      if (f.offset !== undefined) frame.instructionPointerReference = memoryReference(f.offset);
      frame.presentationHint = 'subtle';
      return frame;
    });
    return [top, ...guest];
  }

  private output(stream: 'stdout' | 'stderr', bytes: Uint8Array): void {
    const text = this.decoders[stream].decode(bytes, { stream: true });
    if (text) this.sendEvent(new OutputEvent(text, stream));
  }

  /**
   * In the debug console: a step's heap problems (stderr: a forced double free, a use after
   * free, an overflow or a block handed out twice leave the step green, so nothing stops on
   * them), its watch hits and, with traceWrites, its writers.
   */
  private reportStep(record: StepRecord): void {
    for (const problem of problemsListed(record)) this.say('stderr', `line ${record.line}: ⚠ ${formatProblem(problem)}\n`);
    for (const hit of record.watchHits ?? []) {
      this.say('console', `line ${record.line}: watch ${hit.name} [${memoryReference(hit.address)}, +${hit.size}) written by ${formatWriter(hit)}: ${hit.old} -> ${hit.value}${readingOf(hit, this.session?.info, record)}\n`);
    }
    if (record.watchHitsDropped) this.say('console', `line ${record.line}: ${hitsDroppedText(record.watchHitsDropped)}\n`);
    for (const w of record.writes ?? []) {
      this.say('console', `line ${record.line}: [${memoryReference(w.start)}, ${memoryReference(w.end)}) written by ${formatWriter(w)}\n`);
    }
  }

  private say(category: string, text: string): void {
    this.sendEvent(new OutputEvent(text, category));
  }

  private fail(response: DebugProtocol.Response, message: string): void {
    // `{_message}` is substituted once (names starting with _ are not personal data to hide).
    this.sendErrorResponse(response, { id: 1, format: '{_message}', variables: { _message: message }, showUser: true });
  }
}
