// `memscope dap`: a Debug Adapter Protocol server on @vscode/debugadapter. The .wseq file is the
// program: its steps are the lines, breakpoints sit on them, the top stack frame is the step
// about to run (or the step that failed, with the guest's frames below it). One adapter
// instance serves one client connection and owns the Session it launches.

import { basename, dirname } from 'node:path';
import {
  BreakpointEvent, DebugSession, ExitedEvent, InitializedEvent, MemoryEvent, OutputEvent, Response, Source, StackFrame, StoppedEvent,
  TerminatedEvent, Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Session } from '../engine/index.ts';
import type { BoundValue, Result, StepRecord } from '../shared/dto.ts';
import { formatBinding } from '../shared/value-format.ts';
import { formatNotRun, formatStepError } from '../cli/run-format.ts';
import { signalStatus } from '../cli/interrupt.ts';
import { stackLines } from '../shared/error-format.ts';
import { formatHeapSummary, formatProblem, problemsListed } from '../shared/heap-format.ts';
import { Args, RequestError } from './args.ts';
import { expressionError } from './expression-error.ts';
import { GuestOutput } from './guest-output.ts';
import { notTheProgram, sameLineAsLaunched } from './breakpoint-source.ts';
import { dataBreakpointInfo, watchesFor } from './data-breakpoints.ts';
import { checkLaunchArgs, openLaunch, type LaunchArgs } from './launch.ts';
import { memoryReference } from './memory-ref.ts';
import { bytesThatFit, readArgs, readMemory, writeArgs } from './memory-requests.ts';
import { unsupported } from './unsupported.ts';
import { sourcePath } from './source-path.ts';
import { pointerOf, VariableStore } from './variables.ts';
import { ReplayProgressEvents } from './replay-progress.ts';
import { sequenceOver } from '../shared/sequence-over.ts';
import { formatWriter, hitsDroppedText, readingOf } from '../shared/write-format.ts';
import { hitsByWrite } from '../shared/watch-hits.ts';
import { sequenceLines } from '../shared/sequence-text.ts';

const THREAD = 1;
/** Frame id 0 is the sequence line at every stop; a failed step's guest frames have ids of their stop's own (frames()). */
const SEQUENCE_FRAME = 0;
/** Requests that need a launched session: before launch each is refused, and sends no events. */
const NEEDS_SESSION = new Set([
  'configurationDone', 'setBreakpoints', 'dataBreakpointInfo', 'setDataBreakpoints', 'stackTrace', 'scopes', 'variables',
  'setVariable', 'exceptionInfo', 'next', 'continue', 'stepBack', 'reverseContinue', 'pause', 'evaluate', 'readMemory',
  'writeMemory', 'terminate',
]);
/**
 * Requests that look at the stop (its stack, its scopes and variables, an evaluate): refused while
 * steps run. The stop's references end when the run starts (movesOn); answered meanwhile, scopes
 * and evaluate gave out new ones, read from the memory of a guest in mid-call, and stackTrace the
 * running step as if stopped there.
 */
const LOOKS_AT_STOP = new Set(['stackTrace', 'scopes', 'variables', 'evaluate']);
/** What a request refused once the program has ended begins with (its reason follows). */
const ENDED = 'the program has ended (terminated was sent)';
/** Requests that move the program: refused once it has ended (terminated was sent). */
const MOVES = new Set(['next', 'continue', 'stepBack', 'reverseContinue']);

export class MemscopeDebugSession extends DebugSession {
  private session: Session | null = null;
  private program = '';
  private moduleDir = '';
  private stopOnEntry = false;
  /** Run Without Debugging: every step runs to the end or the first failure, which ends the program; nothing stops. */
  private noDebug = false;
  private breakpoints = new Set<number>();
  private readonly variables = new VariableStore();
  private pauseRequested = false;
  /** What holds the session now: steps running (pause stops them), or a replay (step back, data breakpoints). */
  private busy: 'steps' | 'replay' | null = null;
  /** The launch in flight (reading and instantiating the module): disconnect waits for it to be answered. */
  private launching: Promise<void> | null = null;
  /** Disconnect came while launch was in flight: the launch is answered refused, and nothing is launched. */
  private disconnecting = false;
  /** configurationDone came: the program has started (a second one would start it again). */
  private configured = false;
  private finished = false;
  /** The client's stream closed: nothing is sent, and a launch that completes now is disposed. */
  private ended = false;
  /** The guest's output, joined into events (guest-output.ts); sent before any other event or response. */
  private readonly guestOutput = new GuestOutput((text, stream) => this.sendEvent(new OutputEvent(text, stream)));
  /** Live watch name → data breakpoint id (setDataBreakpoints), for hitBreakpointIds. */
  private dataBreakpointIds = new Map<string, number>();
  /** The data breakpoints on a paused call's locals: name → the step paused in (the session ends them when it returns). */
  private frameWatches = new Map<string, number>();
  private lastBreakpointId = 0;
  /**
   * The first guest frame id of this stop's stack, given out when frames() first lists it; null
   * until then. Ids were positions (1 the innermost at every stop), so an id kept from an earlier
   * stop (a Watch expression's frame, a late hover) was answered for whatever frame the new stop
   * had there. Each stop's are new numbers now, as its variablesReferences are (StopHandles).
   */
  private guestFrameBase: number | null = null;
  private nextGuestFrameId = 1;
  /** initialize's supportsMemoryEvent: the spec sends the memory event only to a client that said it takes one. */
  private memoryEvents = false;
  /** Terminate is stopping the guest: the step it ends is no stop to report (finish follows). */
  private terminating = false;
  /** A replay's progress, for a client that shows progress (initialize's supportsProgressReporting). */
  private readonly replayProgress = new ReplayProgressEvents((event) => this.sendEvent(event));

  constructor(private readonly cwd: string, private readonly onEnd: () => void) {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    this.guardHandlers();
    this.skipUnreadableMessages();
  }

  /**
   * The library emits 'error' both for a broken stream and for a message it could not read (a
   * body that is not JSON: a Content-Length counted in characters, not bytes), and ended the
   * session on either. After an unreadable one the client went on unanswered: its launch got no
   * response and no event came again, while the connection stayed open. That one is said on
   * stderr and skipped; any other error (the library's words differ) still ends the session.
   */
  private skipUnreadableMessages(): void {
    const UNREADABLE = 'Error handling data: ';
    this.removeAllListeners('error');
    this.on('error', (event: DebugProtocol.Event) => {
      const text = String(event.body);
      if (text.startsWith(UNREADABLE)) this.say('stderr', `memscope dap: a message that could not be read was skipped: ${text.slice(UNREADABLE.length)}\n`);
      else this.shutdown();
    });
  }

  /**
   * The library calls a request's handler and drops what it returns: an async handler's rejection
   * went unhandled (the process exited, with --port every client's) and a sync throw was answered
   * with a JS stack. Each handler is wrapped here, once, so that any failure is an error response
   * for that request alone; the argument checks (Args) rely on it, throwing RequestError.
   */
  private guardHandlers(): void {
    const proto = MemscopeDebugSession.prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      // The descriptor, not proto[name]: that would run getters (live throws before a launch).
      const handler: unknown = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (!name.endsWith('Request') || name === 'dispatchRequest' || typeof handler !== 'function') continue;
      (this as unknown as Record<string, unknown>)[name] = (response: DebugProtocol.Response, ...rest: unknown[]): void => {
        try {
          const done: unknown = handler.call(this, response, ...rest);
          if (done instanceof Promise) done.catch((e: unknown) => this.failed(response, e));
        } catch (e) {
          this.failed(response, e);
        }
      };
    }
  }

  private failed(response: DebugProtocol.Response, e: unknown): void {
    const reason = e instanceof RequestError ? e.message : `failed: ${e instanceof Error ? e.message : String(e)}`;
    // Already answered (a step's work goes on after its response): the debug console says it.
    if (response.seq > 0) this.say('stderr', `memscope dap: ${response.command}: ${reason}\n`);
    else this.fail(response, reason);
  }

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    // The spec's default pathFormat is 'path'; the library refuses a client that leaves it out.
    if (request.command === 'initialize') {
      const args = (request.arguments ?? {}) as DebugProtocol.InitializeRequestArguments;
      request.arguments = { ...args, pathFormat: args.pathFormat ?? 'path' };
    }
    const refusal = !this.session && NEEDS_SESSION.has(request.command) ? 'nothing is launched yet: send launch first'
      : this.finished && MOVES.has(request.command) ? `${ENDED}: nothing more runs in this session`
        : this.busy === 'steps' && LOOKS_AT_STOP.has(request.command) ? this.runningRefusal(request) : null;
    if (refusal) return this.fail(new Response(request), refusal);
    // What no handler here serves is refused (the library would answer it success, doing nothing).
    const other = unsupported(request);
    if (other && 'message' in other) return this.fail(new Response(request), other.message);
    if (other) {
      const response = new Response(request) as DebugProtocol.Response;
      response.body = other.body;
      return this.sendResponse(response);
    }
    // A thread the adapter never named: answered as thread 1, a client would take another
    // thread's stack (or a step of it) for what it asked.
    const thread = unknownThread(request, THREAD);
    if (thread) return this.fail(new Response(request), thread);
    super.dispatchRequest(request);
  }

  /** The session; dispatchRequest refuses the requests that need one before launch, so this throws only after a disconnect. */
  private get live(): Session {
    if (!this.session) throw new Error('the session was disconnected');
    return this.session;
  }

  /** The client's stream closed or failed (the library calls this then): the guest must not run on unseen. */
  override shutdown(): void {
    void this.end();
  }

  private async end(): Promise<void> {
    this.ended = true;
    const session = this.session;
    this.session = null;
    await session?.dispose();
  }

  /** Holds the session for a replay, shown as progress titled `doing`, closed however it ends; `cancellable`: see ReplayProgressEvents. */
  private async replaying<T>(doing: string, cancellable: boolean, work: () => Promise<T>): Promise<T> {
    this.replayProgress.begin(doing, cancellable);
    try {
      return await this.hold('replay', work);
    } finally {
      this.replayProgress.end();
    }
  }

  /** Holds the session while `work` runs, let go even when it throws. */
  private async hold<T>(what: 'steps' | 'replay', work: () => Promise<T>): Promise<T> {
    this.busy = what;
    try {
      return await work();
    } finally {
      this.busy = null;
    }
  }

  /**
   * Why `request`, which looks at the stop, is refused while steps run; null for an evaluate (in
   * the sequence frame) of a plain name the finished steps bound and no step still to run binds
   * again. The host keeps bindings as each step finishes, so that value is read without the
   * guest, and it is the one the run leaves: a hover answers it, as other debuggers answer a
   * constant during a run. A name a later step binds again may change before the answer is read.
   */
  private runningRefusal(request: DebugProtocol.Request): string | null {
    const args = (request.arguments ?? {}) as Partial<DebugProtocol.EvaluateArguments>;
    const name = typeof args.expression === 'string' ? args.expression.trim() : '';
    const inSequence = args.frameId === undefined || args.frameId === SEQUENCE_FRAME;
    if (request.command !== 'evaluate' || !inSequence || !this.session?.bindings[name]) return this.busyMessage();
    const line = this.session.nextBindingLine(name);
    return line === null ? null
      : `steps are running, and '${name}' is bound again by line ${line}, which has not run yet: its value may change before this answer is read; pause first`;
  }

  private busyMessage(): string {
    return this.busy === 'steps' ? 'steps are running; pause first' : 'steps are being replayed (a step back, or data breakpoints being set); wait for it';
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse, args: DebugProtocol.InitializeRequestArguments): void {
    this.memoryEvents = args.supportsMemoryEvent === true;
    this.replayProgress.enabled = args.supportsProgressReporting === true;
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
      // A step back's replay, by its progress (ReplayProgressEvents.cancels).
      supportsCancelRequest: true,
    };
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, raw: DebugProtocol.LaunchRequestArguments): Promise<void> {
    // One session per adapter: a second launch would leave the first's worker running unseen.
    if (this.session || this.launching) return this.fail(response, 'already launched; restart or disconnect first');
    const args = checkLaunchArgs(raw);
    if (typeof args === 'string') return this.fail(response, args);
    this.launching = this.launch(response, args).finally(() => { this.launching = null; });
    await this.launching;
  }

  private async launch(response: DebugProtocol.LaunchResponse, args: LaunchArgs): Promise<void> {
    const launched = await openLaunch(args, this.cwd);
    // The client went away, or disconnected, while the module instantiated: a disconnect waits
    // for this answer (it went unanswered, the client waiting for it forever).
    if (this.ended || this.disconnecting) {
      if (launched.ok) await launched.session.dispose();
      if (!this.ended) this.fail(response, 'disconnect came while the module was loading: nothing was launched');
      return;
    }
    if (!launched.ok) return this.fail(response, launched.message);
    this.session = launched.session;
    this.program = launched.program;
    this.moduleDir = dirname(launched.moduleFile);
    this.noDebug = args.noDebug === true;
    this.stopOnEntry = args.stopOnEntry === true && !this.noDebug;
    for (const chunk of launched.session.startupOutput) this.guestOutput.push(chunk.stream, chunk.bytes);
    launched.session.on('output', (chunk) => this.guestOutput.push(chunk.stream, chunk.bytes));
    launched.session.on('step', (record) => this.reportStep(record));
    launched.session.on('replaying', (progress) => this.replayProgress.report(progress));
    this.sendResponse(response);
    // Ready for breakpoints now that the program's steps are known.
    this.sendEvent(new InitializedEvent());
  }

  /**
   * Breakpoints on the sequence's lines. VS Code sends one request per file that has any (a C
   * source's, another sequence's): those are answered unverified, and the sequence's stay as set.
   */
  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, raw: unknown): void {
    const args = new Args(raw, '{"source": {"path": "x.wseq"}, "breakpoints": [{"line": 3}]}');
    // Lines as the client counts them (initialize's linesStartAt1): its first line is the least.
    const asked = args.objects('breakpoints', '{"line": 3}').map((bp) => ({ line: bp.integer('line', { min: this.clientLine(1) }), unsupported: notPlain(bp) }));
    const wanted = asked.map((bp) => bp.line);
    const elsewhere = notTheProgram(args.object('source', '{"path": "x.wseq"}'), this.program, this.cwd);
    if (elsewhere !== null) {
      response.body = { breakpoints: wanted.map((line) => ({ verified: false, line, message: elsewhere })) };
      return this.sendResponse(response);
    }
    const session = this.live;
    const lines = session.stepLines;
    const unchanged = sameLineAsLaunched(this.program, session.sequenceText);
    this.breakpoints = new Set();
    response.body = {
      breakpoints: asked.map(({ line: clientLine, unsupported: why }) => {
        // Set anyway, it would stop every time: a false condition or a logpoint would stop the run.
        if (why) return { verified: false, line: clientLine, message: why };
        const wantedLine = this.convertClientLineToDebugger(clientLine);
        // A breakpoint on a comment or blank line moves to the next step.
        const line = lines.find((l) => l >= wantedLine);
        if (line === undefined) return { verified: false, line: clientLine, message: 'no step at or after this line' };
        // Edited since launch: the launched text's step at this line is not the one the editor shows.
        if (!unchanged(line)) {
          return { verified: false, line: clientLine, message: `line ${this.clientLine(line)} has changed since launch, and this session runs the sequence as launched: restart to debug the edited file` };
        }
        // After the end nothing runs, so it can never stop: it was answered verified (a red dot
        // in VS Code) all the same. Unverified with the reason, as setDataBreakpoints answers then.
        if (this.finished) return { verified: false, line: this.clientLine(line), message: `${ENDED}: nothing more runs in this session` };
        this.breakpoints.add(line);
        return { verified: true, line: this.clientLine(line) };
      }),
    };
    // The session's too: its reverse continue goes back to them (Session.reverseContinue).
    session.setBreakpoints([...this.breakpoints]);
    this.sendResponse(response);
  }

  /**
   * A line or column as the client counts them. The adapter counts from 1 (the constructor says
   * so to the library); initialize's linesStartAt1 / columnsStartAt1: false ask for 0-based, and
   * the library keeps them for these conversions. 0 stays 0: "no line" (a guest frame without
   * DWARF) or "no column" (DWARF's), which a 0-based client would otherwise get as -1.
   */
  private clientLine(line: number): number {
    return line > 0 ? this.convertDebuggerLineToClient(line) : 0;
  }

  private clientColumn(column: number): number {
    return column > 0 ? this.convertDebuggerColumnToClient(column) : 0;
  }

  /**
   * Where a frame id of this stop's stack (frames()) is in it: 0 the sequence line, 1… the guest
   * frames innermost first; or a refusal naming the ids there are. An unknown one was answered as
   * the sequence line's (or with no scopes), and one kept from an earlier stop as the frame now there.
   */
  private frameOf(args: Args, name: string): number;
  private frameOf(args: Args, name: string, optional: true): number | undefined;
  private frameOf(args: Args, name: string, optional = false): number | undefined {
    const id = optional ? args.optionalInteger(name) : args.integer(name);
    if (id === undefined) return undefined;
    const ids = this.frames().map((f) => f.id);
    const index = ids.indexOf(id);
    if (index < 0) {
      const guest = ids.length === 2 ? `, ${ids[1]}` : ids.length > 2 ? `, ${ids[1]}–${ids.at(-1)}` : '';
      const listed = ids.length === 1 ? `one frame, ${SEQUENCE_FRAME}` : `frames ${SEQUENCE_FRAME}${guest}`;
      return args.refuse(`no frame ${id} at this stop: its stack has ${listed} (stackTrace lists them; a frame's id ends when the program moves on)`);
    }
    return index;
  }

  /**
   * A variablesReference this stop gave out. Each stop's are new numbers, so one kept from an
   * earlier stop (or never given) is refused here, not answered with today's values for another thing.
   */
  private referenceOf(args: Args): number {
    const reference = args.integer('variablesReference');
    if (this.variables.sourceOf(reference) === undefined) {
      return args.refuse(`variablesReference ${reference} is not one of this stop's (a stop's references end when the program moves on); ask scopes again`);
    }
    return reference;
  }

  protected override async configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): Promise<void> {
    // A second one would start the program again: stop on entry again wherever it is, or run on from a stop.
    if (this.configured) return this.fail(response, 'already done; the program has started (continue, next or step back move it)');
    this.configured = true;
    this.sendResponse(response);
    // Stopped (terminate) before it started: VS Code's Stop during a launch sends terminate, and
    // configurationDone may still follow. The run started then, after terminated was sent: a
    // stuck guest spun on unseen until the client disconnected.
    if (this.finished) return;
    const first = this.live.stepLines[0];
    if (this.stopOnEntry) this.stopped('entry');
    else if (first !== undefined && this.breakpoint(first)) this.stopped('breakpoint');
    else await this.runToStop();
  }

  protected override dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, raw: unknown): void {
    const a = new Args(raw, '{"name": "p + 4", "bytes": 4}');
    const args: DebugProtocol.DataBreakpointInfoArguments = {
      // Refused when this stop did not give it out, as variables refuses it: it was answered as
      // "from an earlier stop", a success, for a number never given.
      name: a.string('name'), variablesReference: a.optionalInteger('variablesReference') === undefined ? undefined : this.referenceOf(a), bytes: a.optionalInteger('bytes'),
      // The frame's place in the stack (1… the guest's), as dataBreakpointInfo reads it, not its id.
      asAddress: a.optionalBoolean('asAddress'), frameId: this.frameOf(a, 'frameId', true),
    };
    const source = args.variablesReference !== undefined ? this.variables.sourceOf(args.variablesReference) : undefined;
    response.body = dataBreakpointInfo(this.live, args, source);
    this.sendResponse(response);
  }

  /**
   * Replaces the live watch set. A session launched without traceWrites turns it on here by
   * replaying the steps so far (Session.setWatches); when it cannot, every breakpoint is
   * unverified with the reason, which says to launch with "traceWrites": true.
   */
  protected override async setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, raw: unknown): Promise<void> {
    const args = new Args(raw, '{"breakpoints": [{"dataId": "0x1040/4/pt.y"}]}');
    const breakpoints = args.objects('breakpoints', '{"dataId": "0x1040/4/pt.y"}').map((bp): DebugProtocol.DataBreakpoint => ({
      dataId: bp.string('dataId', 'a dataId from dataBreakpointInfo'),
      accessType: bp.optionalString('accessType') as DebugProtocol.DataBreakpointAccessType | undefined,
      condition: bp.optionalString('condition'), hitCondition: bp.optionalString('hitCondition'),
    }));
    const session = this.live;
    const { watches, answers, ids } = watchesFor(breakpoints, () => ++this.lastBreakpointId, session.pausedInStep, session.memorySize);
    // Nothing runs again, so none can stop: each was verified, after a replay of every step.
    // Without debugging nothing stops either (a line breakpoint never does): a watched write
    // ended the program there as a failed step, exit code 1, the steps after it unrun. VS Code
    // sends the data breakpoints it keeps to that session too. What could not be set anyway
    // keeps its own reason; nothing is replayed, so a run in progress is no reason to refuse.
    const never = this.finished ? `${ENDED}: nothing more runs in this session` : this.noDebug ? 'Run Without Debugging: nothing stops, so no data breakpoint is set' : null;
    if (never) {
      response.body = { breakpoints: answers.map(({ id: _id, ...a }) => (a.verified ? { ...a, verified: false, message: never } : a)) };
      return this.sendResponse(response);
    }
    if (this.busy) return this.fail(response, this.busyMessage());
    const set = await this.replaying('Setting data breakpoints', false, () => session.setWatches(watches));
    if (set.ok) {
      this.dataBreakpointIds = ids;
      this.frameWatches = new Map(watches.flatMap((w) => (w.frameStep !== undefined ? [[w.name, w.frameStep] as const] : [])));
    }
    response.body = { breakpoints: set.ok ? answers : answers.map(({ id: _id, ...a }) => ({ ...a, verified: false, message: set.error.message })) };
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    // No guest before launch (or after disconnect): thread 1 was listed all the same, named 'guest'.
    response.body = { threads: this.session ? [new Thread(THREAD, this.session.moduleName)] : [] };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, raw: unknown): void {
    const args = new Args(raw, '{"threadId": 1}');
    const start = args.integer('startFrame', { min: 0, fallback: 0 });
    const levels = args.integer('levels', { fallback: 0 });
    const frames = this.frames();
    // levels 0 (or less, or absent) is every frame, as the spec says of 0.
    const end = levels > 0 ? start + levels : frames.length;
    response.body = { stackFrames: frames.slice(start, end), totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected override async scopesRequest(response: DebugProtocol.ScopesResponse, raw: unknown): Promise<void> {
    const frame = this.frameOf(new Args(raw, '{"frameId": 0}'), 'frameId');
    const session = this.live;
    response.body = { scopes: frame === 0 ? await this.variables.scopes(session) : this.variables.localScopes(session, frame) };
    this.sendResponse(response);
  }

  /**
   * The children of a reference, or the page of them a paging client asks (start, count, filter):
   * every child was answered whatever the page, so a client that pages listed each one again
   * under every page. No variable is announced with indexedVariables, so all children are named
   * ones and an 'indexed' page has none (the spec's split of the two kinds).
   */
  protected override async variablesRequest(response: DebugProtocol.VariablesResponse, raw: unknown): Promise<void> {
    const args = new Args(raw, '{"variablesReference": 1}');
    const reference = this.referenceOf(args);
    const start = args.integer('start', { min: 0, fallback: 0 });
    // Absent or 0: every child from start on.
    const count = args.integer('count', { min: 0, fallback: 0 });
    const filter = args.optionalString('filter');
    if (filter !== undefined && filter !== 'named' && filter !== 'indexed') return args.wrong('filter', `"named" or "indexed", not "${filter}"`);
    const children = filter === 'indexed' ? [] : await this.variables.variables(this.live, reference);
    response.body = { variables: children.slice(start, count > 0 ? start + count : undefined) };
    this.sendResponse(response);
  }

  /** Set Value on a static or a part of one that reads as one number: its bytes written in guest memory. */
  protected override async setVariableRequest(response: DebugProtocol.SetVariableResponse, raw: unknown): Promise<void> {
    const args = new Args(raw, '{"variablesReference": 1, "name": "count", "value": "42"}');
    const [reference, name, value] = [this.referenceOf(args), args.string('name'), args.string('value')];
    // The engine's own refusal ("busy running a step; wait or stop it") named neither the request nor pause.
    if (this.busy) return this.fail(response, this.busyMessage());
    const gone = this.workerGone();
    if (gone) return this.fail(response, gone);
    const set = await this.variables.set(this.live, reference, name, value);
    if (typeof set === 'string') return this.fail(response, set);
    response.body = { value: set.value };
    this.sendResponse(response);
    this.memoryChanged(set.address, set.size);
  }

  /** Stopped on a failed step: its error (a trap, an uncaught exception, a failed expect…) with the guest's stack. */
  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    // The spec's exceptionInfo describes the exception a stop is at. Once the program has ended
    // there is no stop: the last failed step's error was answered as if the program still stood
    // there (after a terminate, or a failure without debugging that ended it).
    if (this.finished) return this.fail(response, `${ENDED}: it is stopped at no exception`);
    const error = this.session?.lastRecord?.error;
    // Named, as every other refusal is: VS Code shows the bare message with no request beside it.
    if (!error) return this.fail(response, 'not stopped on a failed step (the steps so far ran without error)');
    const stack = stackLines(error);
    response.body = {
      exceptionId: error.code, description: error.message, breakMode: 'always',
      details: { message: error.message, typeName: error.code, ...(stack.length > 0 ? { stackTrace: stack.join('\n') } : {}) },
    };
    this.sendResponse(response);
  }

  protected override async nextRequest(response: DebugProtocol.NextResponse): Promise<void> {
    // A step while steps run would race the run for the session (and report its end twice).
    if (this.busy) return this.fail(response, this.busyMessage());
    const stuck = this.stoppedAtFailure();
    if (stuck) return this.fail(response, stuck);
    const session = this.live;
    this.sendResponse(response);
    this.movesOn();
    if (!this.canStep()) return this.finish();
    const record = await this.hold('steps', () => session.step());
    if (this.session !== session) return;
    this.endedFrameWatches();
    await this.afterStep(record, 'step');
  }

  protected override async continueRequest(response: DebugProtocol.ContinueResponse): Promise<void> {
    if (this.busy) return this.fail(response, this.busyMessage());
    const stuck = this.stoppedAtFailure();
    if (stuck) return this.fail(response, stuck);
    // Stopped at a data breakpoint, the session's next step goes on past it (Session.step).
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    await this.runToStop();
  }

  /**
   * Why nothing runs forward from this stop, or null: the step it is stopped at failed (a trap,
   * an uncaught exception, a failed expect, a guest that exited with an error) or was ended by
   * pause, and the session runs no step after that. `next` and `continue` here ended the
   * program (exited, terminated), and VS Code closed the session with it: one F5 or F10 on the
   * exception lost the step back a reverse debugger offers, as rr keeps its replay at the end
   * rather than ending it. Refused instead, the client stays at the stop (VS Code shows a
   * continue or next that fails as an error and keeps the exception widget); Stop (terminate)
   * ends the program, with exit code 1 (or the guest's proc_exit code). The line is the file's,
   * counted from 1 as the stop's text counts it, whatever the client's linesStartAt1.
   */
  private stoppedAtFailure(): string | null {
    const record = this.session?.lastRecord;
    if (!record || record.ok || this.canStep()) return null;
    // A guest that called proc_exit with a non-zero code did not fail: it exited, and the user
    // looks for that code (the exit code Stop reports), not for a trap that is not there.
    const exit = record.exitCode ?? this.session?.exitCode;
    const what = record.error?.code === 'stopped' ? 'was stopped by pause, which ended its guest worker'
      : record.error?.code === 'exit' && exit !== undefined ? `exited with code ${exit} (the guest called proc_exit)` : 'failed';
    return `step ${record.index + 1} (line ${record.line}) ${what}, and no step runs after it: step back or reverse continue to go to an earlier step, or stop (terminate) to end the program`;
  }

  protected override async stepBackRequest(response: DebugProtocol.StepBackResponse): Promise<void> {
    if (await this.goBack(response, 'Step back', (s) => s.stepBack(s.nextStep - 1))) this.stopped('step');
  }

  /**
   * Back to the last breakpoint before the current step, or to the start; with data breakpoints,
   * to the last write before now that changed their bytes when that comes later, stopped there as
   * a forward data breakpoint stops (Session.reverseContinue).
   */
  protected override async reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): Promise<void> {
    const back = await this.goBack(response, 'Reverse continue', (s) => s.reverseContinue());
    const session = this.session;
    if (!back || !session) return;
    if (back.value.watch && session.lastRecord) return this.dataBreakpointHit(session.lastRecord);
    this.stopped(back.value.step === 0 && !this.breakpoints.has(session.stepLines[0]!) ? 'entry' : 'breakpoint');
  }

  /** Moves the session back as `move` does (`doing` names it), holding it meanwhile; what it answered, or null when refused (the response says why). */
  private async goBack<T>(response: DebugProtocol.Response, doing: string, move: (s: Session) => Promise<Result<T>>): Promise<{ value: T } | null> {
    const session = this.live;
    if (this.busy) {
      this.fail(response, this.busyMessage());
      return null;
    }
    const moved = await this.replaying(doing, true, () => move(session));
    if (this.session !== session) return null;
    this.endedFrameWatches();
    // Cancelled, or paused: the replay ended between two steps, its worker kept (Session.stop),
    // and the program stops there. 'cancelled' is the answer the spec gives a cancelled request.
    if (!moved.ok && moved.error.code === 'stopped' && session.whyCannotStep()?.code !== 'terminated') {
      this.movesOn();
      response.success = false;
      response.message = 'cancelled';
      this.sendResponse(response);
      this.stopped('pause', moved.error.message);
      return null;
    }
    if (!moved.ok) {
      // Named, as every other refusal is: the engine's words ("no step has run yet: nothing to
      // step back to") came bare, and VS Code shows the message with no request beside it.
      this.fail(response, moved.error.message);
      return null;
    }
    // Only once it moved: refused (already at the start), the stop and its references stay.
    this.movesOn();
    this.sendResponse(response);
    return { value: moved.value };
  }

  /**
   * A guest call cannot be suspended mid-step, only ended: pause stops the running step by
   * terminating its worker (Session.stop, the app's Stop), and the run loop reports the stop with
   * reason pause, at that step, failed. Step back replays up to it in a fresh worker.
   */
  protected override async pauseRequest(response: DebugProtocol.PauseResponse): Promise<void> {
    // Already paused at a stop: what pause asks is so (a client racing its own stopped event
    // sends it), so it succeeds, with no second stopped event; it was refused as an error.
    if (!this.busy && this.configured && !this.finished) return this.sendResponse(response);
    // A step back or reverse continue replaying: it ends between two steps and stops there (goBack).
    if (this.busy === 'replay' && this.replayProgress.cancellable) {
      this.sendResponse(response);
      return this.live.stop();
    }
    if (this.busy !== 'steps') {
      const why = this.busy ? 'steps are being replayed for data breakpoints being set, which cannot be paused; terminate ends them'
        : !this.configured ? 'nothing is running: the program starts at configurationDone' : 'nothing is running: the program has ended';
      return this.fail(response, why);
    }
    this.pauseRequested = true;
    this.sendResponse(response);
    await this.live.stop();
  }

  /** Cancels a step back's or reverse continue's replay by its progress; a request id, or anything else, cannot be. */
  protected override async cancelRequest(response: DebugProtocol.CancelResponse, raw: DebugProtocol.CancelArguments): Promise<void> {
    if (!this.replayProgress.cancels(raw?.progressId)) {
      return this.fail(response, raw?.progressId === undefined ? 'only a replay\'s progress can be cancelled (a request runs to its end)' : `no replay that can be cancelled has progress '${raw.progressId}'`);
    }
    this.sendResponse(response);
    await this.live.stop();
  }

  protected override async evaluateRequest(response: DebugProtocol.EvaluateResponse, raw: unknown): Promise<void> {
    const args = new Args(raw, '{"expression": "ret + 4"}');
    const name = args.string('expression').trim();
    // While steps run, only a binding is let through (runningRefusal): its frame is the sequence's, whatever stop the id came from.
    const frame = this.busy ? SEQUENCE_FRAME : this.frameOf(args, 'frameId', true);
    const context = args.optionalString('context');
    const session = this.live;
    const guest = frame !== undefined && frame !== 0;
    const bound = session.bindings[name];
    // In a guest frame (its C or Rust source open), a name is the program's first: a local, a
    // static. In the sequence frame the sequence's own names come first, then the statics: they
    // sit at fixed places, read between calls as the Statics scope reads them, and evaluate said
    // "unknown name 'counter'" there of a static Variables listed.
    const named = guest || !bound ? await this.variables.named(session, guest ? frame : 0, name) : null;
    if (named) {
      response.body = { result: named.value, variablesReference: named.variablesReference, ...(named.memoryReference ? { memoryReference: named.memoryReference } : {}) };
      return this.sendResponse(response);
    }
    if (bound) {
      const v = this.variables.binding(session, name, bound);
      response.body = { result: v.value, variablesReference: v.variablesReference, ...(v.memoryReference ? { memoryReference: v.memoryReference } : {}) };
      return this.sendResponse(response);
    }
    const value = session.evaluate(name);
    // The debug console shows the expression with a caret under the place; a watch or a hover has one line.
    if (!value.ok) return this.fail(response, expressionError(value.error, context === undefined || context === 'repl'));
    // An address reads as a bound pointer does in Variables (`67092 (0x10614)` beside `p`'s
    // `67088 (0x10610)`); any other number stays bare (`s.len * 2` is `24`).
    const int: BoundValue = { kind: 'int', value: value.value };
    const address = pointerOf(session, '', int);
    response.body = { result: address !== null ? formatBinding(int) : value.value, variablesReference: 0, ...(address !== null ? { memoryReference: memoryReference(address) } : {}) };
    this.sendResponse(response);
  }

  protected override async readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, raw: unknown): Promise<void> {
    const { address, count } = readArgs(raw);
    const read = await readMemory(this.live, address, count);
    if (!read.ok) return this.fail(response, read.error.message);
    response.body = read.value;
    this.sendResponse(response);
  }

  protected override async writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, raw: unknown): Promise<void> {
    const write = writeArgs(raw);
    const session = this.live;
    if (this.busy) return this.fail(response, this.busyMessage());
    const gone = this.workerGone();
    if (gone) return this.fail(response, gone);
    const fit = bytesThatFit(session, write);
    if (fit.length > 0) {
      const written = await session.writeMemory(write.address, fit);
      if (!written.ok) return this.fail(response, written.error.message);
      this.variables.memoryWritten();
    }
    response.body = { offset: 0, bytesWritten: fit.length };
    this.sendResponse(response);
    if (fit.length > 0) this.memoryChanged(write.address, fit.length);
  }

  /** Tells a client that takes memory events (initialize's supportsMemoryEvent) that bytes changed; the spec sends it to no other. */
  private memoryChanged(address: number, count: number): void {
    if (this.memoryEvents) this.sendEvent(new MemoryEvent(memoryReference(address), 0, count));
  }

  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    // Set first: stop() ends the running step (its error 'stopped') before finish below runs, and
    // that step was reported as a stopped event (an exception) just before exited and terminated.
    this.terminating = true;
    await this.live.stop();
    this.sendResponse(response);
    await this.finish();
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    // What the guest wrote and is still held (a partial line waiting for its rest, the start of
    // a character) goes out first: end() stops every event, and it was dropped there.
    this.guestOutput.end();
    if (this.launching) {
      this.disconnecting = true;
      await this.launching.catch(() => undefined);
    }
    // A replay still running ends with the session: its progress is closed while events still go out.
    this.replayProgress.end();
    await this.end();
    this.sendResponse(response);
    this.onEnd();
  }

  /**
   * Why guest memory cannot be written now, or null: a pause or terminate ended the guest worker.
   * The engine's own words ("reset to continue") name the app's Reset, which a DAP client has
   * not; here the way on is a step back, which replays the steps in a fresh worker.
   */
  private workerGone(): string | null {
    // Ended by its last step too, its worker still there: a Set Value or a writeMemory then was
    // answered success, changing memory no step will run on, where an ended program is read-only.
    if (this.finished) return `${ENDED}: its memory can be read, not written`;
    if (this.session?.terminated === undefined) return null;
    return 'the stopped step ended its guest worker: memory can be read, not written; step back to replay the steps before it in a fresh worker';
  }

  /** Steps until a breakpoint, a failed step, a pause, or the end. */
  private async runToStop(): Promise<void> {
    const session = this.session;
    if (!session || this.busy) return;
    this.pauseRequested = false;
    this.movesOn();
    const stop = await this.hold('steps', async () => {
      let record: StepRecord | null = null;
      while (this.canStep()) {
        record = await session.step();
        if (this.session !== session) return null;
        this.endedFrameWatches();
        if (!record || !record.ok || !this.canStep()) break;
        const next = session.stepLines[session.nextStep];
        if (this.pauseRequested) return 'pause';
        if (next !== undefined && this.breakpoint(next)) return 'breakpoint';
      }
      return { record };
    });
    if (stop === null) return;
    if (typeof stop === 'string') {
      this.pauseRequested = false;
      return this.stopped(stop);
    }
    await this.afterStep(stop.record, 'step');
  }

  private async afterStep(record: StepRecord | null, reason: string): Promise<void> {
    // Stopped by pause (Session.stop ended the step's worker): a pause at that step, failed.
    const paused = this.pauseRequested;
    this.pauseRequested = false;
    if (paused && record && record.error?.code === 'stopped') {
      return this.stopped('pause', `paused: step ${record.index + 1} (line ${record.line}) was stopped, which ends its guest worker; step back to replay the steps before it, or stop (terminate) to end the program`);
    }
    // Without debugging a failure ends the program, said as `memscope run` says it (at the
    // step's place, its line and caret, the guest stack).
    if (record && !record.ok && this.noDebug) {
      const failure = record.error ? formatStepError(record.error) : [`✗ step ${record.index + 1} (line ${record.line}) failed`];
      this.say('stderr', `${failure.join('\n')}\n`);
      return this.finish();
    }
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

  /**
   * The program moves from this stop (a step, a run, a step back) or has ended: the stop's
   * variablesReferences end now, not at the next stop, so one asked for meanwhile, or after
   * the program ended with no stop, is refused rather than read from memory that moved on.
   */
  private movesOn(): void {
    this.variables.reset();
    this.guestFrameBase = null;
  }

  /** A breakpoint on this sequence line stops the run (never without debugging). */
  private breakpoint(line: number): boolean {
    return !this.noDebug && this.breakpoints.has(line);
  }

  /** The engine session decides, as it does for the app's shells (one owner of the rule). */
  private canStep(): boolean {
    return this.session?.whyCannotStep() === null;
  }

  private stopped(reason: string, text?: string, hitBreakpointIds?: number[]): void {
    // A run that ends after terminate (its step stopped) stops nothing: the program has ended.
    if (this.finished || this.terminating) return;
    this.variables.reset();
    this.guestFrameBase = null;
    const event = new StoppedEvent(reason, THREAD, text) as DebugProtocol.StoppedEvent;
    if (text) event.body.description = text;
    if (hitBreakpointIds) event.body.hitBreakpointIds = hitBreakpointIds;
    this.sendEvent(event);
  }

  /**
   * The end of the program: exited, then terminated. Its code is `memscope run`'s: the guest's
   * proc_exit code, else 1 a step failed, 0 every step ran and passed, 143 stopped (terminate)
   * before the steps were over or while one ran, as `run` exits on SIGTERM: with steps left
   * unrun, 0 read as all ok.
   */
  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    // Terminate during a replay: its progress closes before the program's end is said.
    this.replayProgress.end();
    this.movesOn();
    this.guestOutput.end();
    const s = this.session;
    const over = !s || sequenceOver(s.state, s.nextStep, s.stepLines.length, s.exitCode !== undefined);
    // The steps a proc_exit left (any code), in `memscope run`'s words, before the heap's as there:
    // the console said nothing of them, and the program read as if its sequence had run through.
    const exit = s?.lastRecord?.exitCode !== undefined ? { line: s.lastRecord.line, exitCode: s.lastRecord.exitCode, left: s.stepLines.slice(s.lastRecord.index + 1) } : null;
    if (exit && exit.left.length > 0) this.say('console', `${formatNotRun(exit.left, exit).trimStart()}\n`);
    // Every step ran: the heap's last word in the debug console, as `memscope run` ends with it
    // (its leaks, and which of them guest memory still points to). Not after a stop: no guest.
    if (s && over && s.terminated === undefined) {
      const heap = await s.heap({ references: true });
      if (heap.ok && heap.value.walker) this.say('console', `${formatHeapSummary(heap.value).join('\n')}\n`);
    }
    // A step ended by terminate or pause (error 'stopped') did not fail: the user stopped the
    // program, and `run` exits 143 when SIGTERM ends a step; it was 1, "a step failed". Such a
    // step counts as run, so a stopped last step left `over` true, and 0 would read as all ok.
    const stopped = s?.steps.some((r) => r.error?.code === 'stopped') ?? false;
    const failed = s?.steps.some((r) => !r.ok && r.error?.code !== 'stopped') ?? false;
    this.sendEvent(new ExitedEvent(s?.exitCode ?? (failed ? 1 : over && !stopped ? 0 : signalStatus('SIGTERM'))));
    this.sendEvent(new TerminatedEvent());
  }

  /** The sequence line first; after a failed step, the guest's frames (innermost first) below it. */
  private frames(): DebugProtocol.StackFrame[] {
    const s = this.session;
    if (!s) return [];
    const last = s.lastRecord;
    const failed = last && !last.ok ? last : null;
    // A guest that exited (proc_exit, even 0) ran its last step: the frame stays on it, as it
    // stays on the last step after a normal end, not on the next line as if that could still run.
    const stays = failed ?? (last?.exitCode !== undefined ? last : null);
    const index = stays ? stays.index : Math.min(s.nextStep, s.stepLines.length - 1);
    const line = s.stepLines[index] ?? 1;
    const text = stays?.source ?? (s.sequenceText ? sequenceLines(s.sequenceText)[line - 1]?.trim() : undefined) ?? '';
    const source = new Source(basename(this.program), this.program);
    // A failed step is shown where run places it: at the part of the line that failed (the
    // call's name, the write's address, the expect's comparison), that part as the frame's range.
    const at = failed?.error?.where?.line === line ? failed.error.where : undefined;
    const top = new StackFrame(SEQUENCE_FRAME, text || `line ${line}`, source, this.clientLine(line), this.clientColumn(at?.column ?? 1)) as DebugProtocol.StackFrame;
    if (at?.column !== undefined) {
      top.endLine = top.line;
      top.endColumn = this.clientColumn(at.column + Math.max(1, at.length ?? 1));
    }
    const stack = failed?.error?.stack ?? [];
    if (this.guestFrameBase === null) {
      this.guestFrameBase = this.nextGuestFrameId;
      this.nextGuestFrameId += stack.length;
    }
    const base = this.guestFrameBase;
    const guest = stack.map((f, i) => {
      // A frame with a DWARF line opens the guest's own source, where it is on this machine.
      const place = f.source ? new Source(basename(f.source.file), sourcePath(this.moduleDir, f.source.file)) : undefined;
      const frame = new StackFrame(base + i, f.name, place, this.clientLine(f.source?.line ?? 0), this.clientColumn(f.source?.column ?? 0)) as DebugProtocol.StackFrame;
      // No instructionPointerReference: f.offset is a code offset, and a memory reference names
      // linear memory (a readMemory on it read data bytes). The offset is in exceptionInfo's stack.
      frame.presentationHint = 'subtle';
      return frame;
    });
    return [top, ...guest];
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

  override sendEvent(event: DebugProtocol.Event): void {
    this.guestOutput.flush();
    if (!this.ended) super.sendEvent(event);
  }

  override sendResponse(response: DebugProtocol.Response): void {
    this.guestOutput.flush();
    super.sendResponse(response);
  }

  /**
   * The one place an error response is worded: the request's name, then why. Refusals came both
   * ways (setVariable's and writeMemory's from the engine bare), and VS Code shows the message
   * with no request beside it.
   */
  private fail(response: DebugProtocol.Response, reason: string): void {
    const message = `${response.command}: ${reason}`;
    // `{_message}` is substituted once (names starting with _ are not personal data to hide).
    this.sendErrorResponse(response, { id: 1, format: '{_message}', variables: { _message: message }, showUser: true });
  }
}

/** Why a source breakpoint cannot be set as asked (a condition, a hit count, a log message), or null for a plain one. */
function notPlain(bp: Args): string | null {
  if (bp.optionalString('logMessage')) return 'logpoints are not supported: a breakpoint here stops the run';
  if (bp.optionalString('condition') || bp.optionalString('hitCondition')) return 'conditions on breakpoints are not supported: it would stop every time';
  return null;
}

/** Why `request` names a thread other than the adapter's one (its name follows in fail), or null (absent is the one). */
function unknownThread(request: DebugProtocol.Request, thread: number): string | null {
  const id = (request.arguments as { threadId?: unknown } | undefined)?.threadId;
  if (id === undefined || id === thread) return null;
  return `no thread ${JSON.stringify(id)}: memscope dap has one thread, ${thread} (threads lists it)`;
}
