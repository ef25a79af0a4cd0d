// Controlling side of one guest worker: starts it, waits for `ready`, sends requests and
// matches responses by id, forwards events, and terminates it on a time limit (RequestLimit) or
// on request. Never throws and never rejects: every outcome is a value.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { deltaBytes } from '../memory/types.ts';
import type { MemscopeError, OutputChunk, Result, TerminationInfo } from '../../shared/dto.ts';
import { CAPTURE_FLOW_UNIT, OUTPUT_FLOW, REQUEST_BEGUN, importsMadeView, type ReadyMessage, type ResponseValues, type FinishedStep, type WorkerInit, type WorkerMessage, type WorkerRequest } from '../protocol.ts';
import { guestWorkerEntry } from './worker-entry.ts';
import { newStepRingBuffer } from '../step-ring.ts';
import { StepRingReader } from './step-ring-reader.ts';
import { stepSources, type StepSources } from '../step-record-wire.ts';
import { sharedStrings } from '../ring-strings.ts';
import { checkStartup, PREPARE_LIMIT_MS } from './startup-limit.ts';
import { MAX_TIMER_MS, nowMs, RequestLimit, stepBeganAt } from './request-limit.ts';
import { CaptureBudget } from './capture-budget.ts';
import { LimitTimer } from './limit-timer.ts';
import { OutputFlow } from './output-flow.ts';
import { expandCalled } from '../call-reply.ts';

/**
 * How often the controller reads the step ring itself while a run goes on. The worker announces
 * finished steps between steps (worker.ts, FLUSH_MS), so the steps that finished just before one
 * that runs long (a loop, a slow call, a blocking read) stayed unread until it ended: the UI
 * showed a run at step 3 while steps 4-6 had run and step 7 was spinning.
 */
const RING_POLL_MS = 50;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<WorkerRequest, 'id'>;

export interface WorkerEvents {
  output(chunk: OutputChunk): void;
  /** The worker is gone for a reason other than dispose(). Called once. */
  terminated(info: TerminationInfo): void;
}

/** A request's outcome: its result, or the reason the worker went away while it ran. */
export type Outcome<T> = { done: Result<T> } | { terminated: TerminationInfo };

interface Pending {
  resolve(outcome: Outcome<unknown>): void;
  /** The per-step time limit (without timeoutMs, one that never fires). */
  limit: RequestLimit;
  /** The budget of Memscope's own capture after a step, which the step's limit leaves out; made at the first `capturing`. */
  capture: CaptureBudget | null;
  /** A `run` request: each streamed step result, after which the time limit starts again. */
  onStep: ((result: FinishedStep) => void) | undefined;
  /** A `call` request: what its short answer leaves out (call-reply.ts). */
  call: Extract<RequestBody, { type: 'call' }> | undefined;
}

export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private gone: TerminationInfo | null = null;
  private ready: ((message: ReadyMessage) => void) | null = null;
  private readonly output: OutputFlow;
  /** The timer the requests' time limits take turns on (limit-timer.ts says why). */
  private readonly limitTimer = new LimitTimer();
  /** Ends the worker when a request's time limit or capture budget runs out. */
  private readonly over = (message: string): void => void this.terminate({ reason: 'timeout', message });
  /**
   * The executor of each request's Promise, which runs at once and leaves its resolve function
   * in `resolveNext`: one function for the client's life rather than a closure per request.
   */
  private readonly takeResolve = (resolve: Pending['resolve']): void => { this.resolveNext = resolve; };
  private resolveNext: Pending['resolve'] | null = null;
  /** Which request the worker took up last, and when (REQUEST_BEGUN). */
  private readonly begun: BigInt64Array;
  /** REQUEST_BEGUN.IMPORTS: the import calls the running step began (recording only). */
  private readonly imports: Int32Array;

  /** The capture channel's controller ends (protocol.ts, CaptureChannel). */
  private readonly recyclePort: MessagePort;
  private readonly captureFlow: Int32Array;
  private readonly ring: StepRingReader;
  /** When the last announced capture began (nowMs clock), until the worker's next message for its request. */
  private capturingAt: number | null = null;
  /** The capture budget of every request (SessionConfig.captureLimitMs); undefined: none. */
  private captureLimitMs: number | undefined;
  /** Reads the ring every RING_POLL_MS while a run is waited on (null: no run). */
  private ringPoll: NodeJS.Timeout | null = null;

  private constructor(
    private readonly worker: Worker, private readonly events: WorkerEvents, flow: SharedArrayBuffer, begun: SharedArrayBuffer,
    /** Where the worker's messages arrive (WorkerMessage says why not on the worker itself). */
    private readonly messages: MessagePort,
    capture: { port: MessagePort; flow: SharedArrayBuffer; ring: SharedArrayBuffer },
    /** The sequence's step texts and the shared strings, which the worker's ring writer has too. */
    sources: StepSources,
    shared: readonly string[],
  ) {
    this.output = new OutputFlow(flow);
    this.begun = new BigInt64Array(begun);
    this.imports = importsMadeView(begun);
    this.recyclePort = capture.port;
    this.captureFlow = new Int32Array(capture.flow);
    this.ring = new StepRingReader(capture.ring, capture.port, sources, shared);
    messages.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => this.end({ reason: 'crashed', message: `the guest worker crashed: ${error.message}` }));
    worker.on('exit', (code) => this.end({ reason: 'crashed', message: `the guest worker exited unexpectedly (code ${code})` }));
  }

  /**
   * Starts a worker and waits until the module is instantiated (or failed to). `timeoutMs`
   * bounds the guest's own start code, counted from when it could first run (a start function
   * or a reactor's initializer may loop forever too); `prepareMs` bounds Memscope's work around
   * it (startup-limit.ts). `captureLimitMs` bounds each change capture after a step (none
   * without it). `signal` ends the start at any point.
   */
  static async start(init: WorkerInit, events: WorkerEvents, options: { timeoutMs?: number; prepareMs?: number; captureLimitMs?: number; signal?: AbortSignal } = {}): Promise<Result<{ client: WorkerClient; ready: Extract<ReadyMessage, { ok: true }> }>> {
    const { signal } = options;
    const limits = { guestMs: options.timeoutMs ?? 30_000, prepareMs: options.prepareMs ?? PREPARE_LIMIT_MS };
    const entry = guestWorkerEntry();
    let worker: Worker;
    const outputFlow = new SharedArrayBuffer(OUTPUT_FLOW.bytes);
    const { port1, port2 } = new MessageChannel();
    const messages = new MessageChannel();
    const captureFlow = new SharedArrayBuffer(4);
    const ring = newStepRingBuffer();
    const begun = new SharedArrayBuffer(REQUEST_BEGUN.bytes);
    const startedAt = nowMs();
    try {
      // env: {} keeps the host's environment out of the guest's thread entirely (defence in
      // depth: WASI also passes only the configured entries).
      worker = new Worker(entry.url, {
        workerData: { entry: entry.entry, codeCache: entry.codeCache, init, outputFlow, begun, messages: messages.port2, capture: { port: port2, flow: captureFlow, ring } },
        transferList: [port2, messages.port2], env: {}, stdin: false,
      });
    } catch (error) {
      port1.close();
      messages.port1.close();
      return { ok: false, error: { code: 'internal', message: `cannot start the guest worker: ${String(error)}` } };
    }
    // The port only sends: unref'd, it never keeps the process alive.
    port1.unref();
    const client = new WorkerClient(worker, events, outputFlow, begun, messages.port1, { port: port1, flow: captureFlow, ring },
      // A malformed init (the worker fails to start on it) gives no shared strings.
      stepSources(init?.sequence), init?.info ? sharedStrings(init) : []);
    client.captureLimitMs = options.captureLimitMs;
    // Listening before anything can end the start: a limit already over at the first check (a
    // new Worker can take longer than a short limit) terminates at once, and reports it here.
    const ready = new Promise<ReadyMessage | TerminationInfo>((resolve) => {
      client.ready = resolve;
      client.startupFailed = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const check = (): void => {
      const due = checkStartup(client.begun, startedAt, nowMs(), limits);
      if ('over' in due) void client.terminate({ reason: 'timeout', message: due.over });
      else timer = setTimeout(check, Math.min(due.checkInMs, MAX_TIMER_MS));
    };
    check();
    // Stop and Reset reach a start function that never returns through `signal`.
    const abort = (): void => {
      void client.terminate({ reason: 'stopped', message: 'stopped while the module was instantiating; the worker was terminated' });
    };
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) abort();
    const started = await ready;
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
    client.startupFailed = null;
    if ('reason' in started) {
      // Its own reason's code: a worker that crashed at start-up (out of memory, a file of
      // Memscope's missing) was said as a link-error, an import problem it is not.
      const code = started.reason === 'crashed' ? 'terminated' : started.reason;
      return { ok: false, error: { code, message: started.message } };
    }
    if (!started.ok) {
      await client.dispose();
      return { ok: false, error: started.error };
    }
    client.keepAlive(false);
    return { ok: true, value: { client, ready: started } };
  }

  private startupFailed: ((info: TerminationInfo) => void) | null = null;

  get terminated(): TerminationInfo | null {
    return this.gone;
  }

  /** Holds the guest in its writes while a consumer cannot take more output (OutputFlow.hold). */
  holdOutput(): () => void {
    return this.output.hold();
  }

  /** How many requests have gone to the worker: equal counts mean nothing reached it in between. */
  get sent(): number {
    return this.nextId - 1;
  }

  /** Sends a request; with `timeoutMs`, terminates the worker if no answer comes in time. */
  request<K extends RequestBody['type']>(
    body: Extract<RequestBody, { type: K }>,
    timeoutMs?: number,
  ): Promise<Outcome<ResponseValues[K]>> {
    return this.send(body, timeoutMs, undefined);
  }

  /**
   * Runs steps from..to-1 in the worker as one request; `onStep` receives each step's result as
   * it arrives (in order, before the outcome). `timeoutMs` limits each step that runs guest
   * code (counted from the batch the worker sent just before it), not the whole run.
   */
  run(from: number, to: number, timeoutMs: number | undefined, onStep: (result: FinishedStep) => void): Promise<Outcome<ResponseValues['run']>> {
    return this.send({ type: 'run', from, to }, timeoutMs, onStep);
  }

  private send<K extends RequestBody['type']>(
    body: Extract<RequestBody, { type: K }>,
    timeoutMs: number | undefined,
    onStep: Pending['onStep'],
  ): Promise<Outcome<ResponseValues[K]>> {
    if (this.gone) return Promise.resolve({ terminated: this.gone });
    const id = this.nextId++;
    const answer = new Promise<Outcome<unknown>>(this.takeResolve);
    this.pending.set(id, {
      resolve: this.resolveNext!, limit: new RequestLimit(id, timeoutMs, this.begun, this.over, this.limitTimer), capture: null,
      onStep, call: body.type === 'call' ? body as Extract<RequestBody, { type: 'call' }> : undefined,
    });
    this.resolveNext = null;
    this.keepAlive(true);
    if (onStep && this.ringPoll === null) {
      this.ringPoll = setInterval(this.pollRing, RING_POLL_MS);
      this.ringPoll.unref();
    }
    this.worker.postMessage({ ...body, id } as WorkerRequest);
    return answer as Promise<Outcome<ResponseValues[K]>>;
  }

  /**
   * The running step's times so far, for the record of a step that never finished: its own
   * work since it began (request-limit.ts, stepBeganAt), up to the capture after it if one ran,
   * and that capture's time since.
   */
  stepTimes(): { durationMs: number; captureMs?: number } {
    const now = nowMs();
    const began = stepBeganAt(this.begun);
    const capturing = this.capturingAt;
    if (capturing === null || capturing < began) return { durationMs: now - began };
    return { durationMs: capturing - began, captureMs: now - capturing };
  }

  /**
   * How many import calls the step running (or the one the worker was ended in) began: their
   * records are lost with an ended worker, this count is not. 0 when not recording.
   */
  importsMade(): number {
    return Atomics.load(this.imports, 0);
  }

  /**
   * Hands a buffer of a delta the history no longer holds back to the worker, which copies
   * later captures into it. It is transferred: nothing on this side may still view it.
   */
  recycle(buffer: ArrayBuffer): void {
    if (!this.gone) this.recyclePort.postMessage(buffer, [buffer]);
  }

  /** Stops the worker now (timeout, user stop); pending requests end with `info`. */
  async terminate(info: TerminationInfo): Promise<void> {
    if (this.gone) return;
    this.end(info);
    await this.worker.terminate();
  }

  /** Stops the worker without reporting a termination. */
  async dispose(): Promise<void> {
    if (!this.gone) this.gone = { reason: 'stopped', message: 'the session was closed' };
    this.settleAll();
    this.stopPolling();
    this.limitTimer.close();
    this.messages.close();
    this.recyclePort.close();
    await this.worker.terminate();
  }

  /** Whether the worker (and the port its messages come by) keeps the process alive: while a request waits. */
  private keepAlive(on: boolean): void {
    if (on) {
      this.worker.ref();
      this.messages.ref();
    } else {
      this.worker.unref();
      this.messages.unref();
    }
  }

  /**
   * Takes in what the worker has published while a run goes on (RING_POLL_MS): the messages
   * queued before, in order, as end() does, so output posted before a step still comes first.
   */
  private readonly pollRing = (): void => {
    let running = false;
    for (const pending of this.pending.values()) running ||= pending.onStep !== undefined;
    if (!running || this.gone) return this.stopPolling();
    const published = this.ring.published;
    for (let got = receiveMessageOnPort(this.messages); got !== undefined; got = receiveMessageOnPort(this.messages)) {
      this.onMessage(got.message as WorkerMessage);
    }
    if (this.ring.holds(published)) this.takeSteps(published);
  };

  private stopPolling(): void {
    if (this.ringPoll !== null) clearInterval(this.ringPoll);
    this.ringPoll = null;
  }

  private onMessage(message: WorkerMessage): void {
    // Steps that finished before the worker posted this message come first (WorkerMessage.ring):
    // output, a response or a wait must not overtake the records of steps before it.
    if (message.ring !== undefined && this.ring.holds(message.ring)) this.takeSteps(message.ring);
    switch (message.type) {
      case 'ready':
        this.ready?.(message);
        this.ready = null;
        break;
      case 'response':
        this.answered(message.id)?.resolve({ done: message.result });
        break;
      case 'called': {
        const pending = this.answered(message.id);
        pending?.resolve({ done: { ok: true, value: expandCalled(message, pending.call!) } });
        break;
      }
      case 'steps-done': {
        const pending = this.pending.get(message.id);
        // Sent between steps, so no earlier than the next one began: its time limit counts from
        // here or from REQUEST_BEGUN.STEP_AT, whichever is later (and starts again after a
        // capture paused it). A capture announced before it has ended.
        pending?.capture?.stop();
        this.capturingAt = null;
        if (pending?.onStep) pending.limit.restart();
        break;
      }
      case 'capturing': {
        // Memscope's own change capture is not the step's time but has its own budget; see protocol.ts.
        const pending = this.pending.get(message.id);
        if (!pending) break;
        pending.limit.stop();
        (pending.capture ??= new CaptureBudget(this.captureLimitMs, this.over)).start(message);
        this.capturingAt = message.at;
        break;
      }
      case 'output-wait': {
        this.pending.get(message.id)?.limit.pause(message.waiting);
        break;
      }
      case 'output':
        this.events.output({ stream: message.stream, bytes: message.bytes });
        // Handed on: the worker may write more (unless a consumer holds output back).
        this.output.release(message.bytes.length);
        break;
    }
  }

  /** Request `id` is answered: stops its limits and returns it to resolve (undefined: not waited on). */
  private answered(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    pending.limit.stop();
    pending.capture?.stop();
    this.capturingAt = null;
    if (this.pending.size === 0) this.keepAlive(false);
    return pending;
  }

  /**
   * Delivers every step the worker has put in the step ring (up to `upTo`) to its run's
   * `onStep` (steps of a request no longer waited on are dropped), and counts their EXTERNAL
   * deltas as taken in.
   */
  private takeSteps(upTo?: number): void {
    let units = 0;
    this.ring.drain((id, step, external) => {
      if (external && step.delta) units += Math.ceil(deltaBytes(step.delta) / CAPTURE_FLOW_UNIT);
      this.pending.get(id)?.onStep?.(step);
    }, upTo);
    if (units === 0) return;
    // Taken in (or dropped): the run may go on.
    Atomics.sub(this.captureFlow, 0, units);
    Atomics.notify(this.captureFlow, 0);
  }

  private end(info: TerminationInfo): void {
    if (this.gone) return;
    // What the worker did before it was stopped is delivered in the order it happened: the steps
    // it had published by now (a stuck step's predecessors, waiting in the ring), with the output
    // it posted before each of them still queued on the port. Every message posted before one of
    // those steps was published is already in the queue; what comes after belongs after them.
    const published = this.ring.published;
    for (let got = receiveMessageOnPort(this.messages); got !== undefined; got = receiveMessageOnPort(this.messages)) {
      const message = got.message as WorkerMessage;
      if (message.ring !== undefined) this.takeSteps(message.ring);
      // Only output: a request still waiting is settled below as ended by `info`.
      if (message.type === 'output') this.events.output({ stream: message.stream, bytes: message.bytes });
    }
    this.takeSteps(published);
    this.stopPolling();
    this.gone = info;
    this.messages.close();
    this.recyclePort.close();
    this.startupFailed?.(info);
    this.settleAll();
    this.limitTimer.close();
    this.events.terminated(info);
  }

  private settleAll(): void {
    const info = this.gone!;
    for (const pending of this.pending.values()) {
      pending.limit.stop();
      pending.capture?.stop();
      pending.resolve({ terminated: info });
    }
    this.pending.clear();
  }
}

export function terminatedError(info: TerminationInfo): MemscopeError {
  const code = info.reason === 'timeout' ? 'timeout' : info.reason === 'stopped' ? 'stopped'
    : info.reason === 'memory-cap' ? 'memory-cap' : 'terminated';
  return { code, message: info.message };
}
