// The guest's worker thread: instantiates the module from workerData, sends `ready` with the
// initial memory image, then serves the controller's requests one at a time (protocol.ts).
// Guest code runs only here; the controller terminates this thread to stop it.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { HeapSummary, Result, StreamName } from '../../shared/dto.ts';
import { toJs } from '../../shared/value-format.ts';
import { ChangeTracker } from '../memory/change-tracker.ts';
import { sparseImageFromBytes } from '../memory/sparse-image.ts';
import { asHostWriter, DEBUGGER_WRITER, HostWriteLog, logHostWrites } from '../memory/write-hooks.ts';
import { deltaBytes, deltaTransferList, type MemoryDelta } from '../memory/types.ts';
import { GuestInstance, type TracingKit } from './instance.ts';
import { REQUEST_BEGUN, importsMadeView, type CaptureChannel, type ResponseValues, type WorkerInit, type WorkerMemoryUsage, type WorkerMessage, type WorkerRequest } from '../protocol.ts';
import { MAX_INLINE_DATA } from '../step-ring.ts';
import { callReply } from '../call-reply.ts';
import { StepRingWriter } from './step-ring-writer.ts';
import { stepSources } from '../step-record-wire.ts';
import { sharedStrings } from '../ring-strings.ts';
import { CaptureBuffers } from './capture-buffers.ts';
import { StepRunner } from './step-runner.ts';
import { OutputFlow } from './output-flow.ts';
import { saveCodeCache } from '../../boot/code-cache.ts';
import { nowMs } from './clock.ts';

// Deep guest stacks (recursion, stack overflow) keep enough frames to name the culprit.
Error.stackTraceLimit = 64;

const port = parentPort!;
/**
 * Longest a `run` leaves finished steps unannounced to the controller. Short, so the
 * controller decodes steps on its own core while the worker runs the next ones: announced
 * every 20 ms, a run's decoding happened after the run, in series with it, which on a loaded
 * 2-core machine (load 25) made a 200-step run request 3-5x slower than with 1 ms. Still so
 * with the step ring's binary form: at 10 ms, a 200-step request (~4 ms) was 1.3-2x slower at
 * load 20, though each announcement wakes the controller.
 */
const FLUSH_MS = 1;
/**
 * Memories at least this large (or that grew in the step) announce their change capture, which
 * scans every page, so its time is not charged to the step's limit; smaller ones capture in
 * well under a millisecond and send nothing extra.
 */
const ANNOUNCE_CAPTURE_BYTES = 64 * 1024 * 1024;
/** The data of a step that cannot change memory (cloned, never transferred: it is empty). */
const NO_BYTES = new Uint8Array(0);
const { init, outputFlow, begun, messages, capture: channel } = workerData as {
  init: WorkerInit; outputFlow: SharedArrayBuffer; begun: SharedArrayBuffer; messages: MessagePort; capture: CaptureChannel;
};
/**
 * Keeps this thread's event loop alive from the start, not only once `serve` listens. While the
 * loop has nothing referenced (awaiting Binaryen's asynchronous wasm compile, below), libuv
 * returns and Node drains the platform instead: it runs our code from inside that drain, and
 * after it blocks until every background job is done, V8's optimising compiles of the
 * Binaryen code the preparation made hot among them. Under load that held the thread 5-8 s
 * after `ready`, before it could read the first step.
 */
port.ref();
const requestBegun = new BigInt64Array(begun);
/** REQUEST_BEGUN.IMPORTS: zeroed as each step begins, counted by the call recorder. */
const importsMade = importsMadeView(begun);
/** The request whose step is running (0 before the first: instantiation has no request). */
let requestId = 0;

/** The step ring's published position (set once the ring exists), stamped on every message. */
let ringAt = (): number | undefined => undefined;

/**
 * Whether the code cache (boot/code-cache.ts) is still to be written: once, just before the first
 * response, so that it holds the code that served a request (for `memscope run`, every step),
 * not only the start's; written after `ready`, the step code was compiled anew at every start
 * (~2% of a run's CPU on return-string). Before the response, not after: the controller may
 * end the thread as soon as it has its answer, and a thread ended while writing leaves no cache.
 * Only the first start after a build pays for it: a file loaded from its cache writes nothing.
 */
let cacheToWrite = true;

/** Every message to the controller goes by `messages` (protocol.ts, WorkerMessage, says why). */
function post(message: WorkerMessage, transfer?: ArrayBuffer[]): void {
  if (cacheToWrite && message.type === 'response') {
    cacheToWrite = false;
    saveCodeCache();
  }
  const at = ringAt();
  if (at !== undefined) message.ring = at;
  // No empty transfer list made and walked for the many messages that move nothing.
  if (transfer === undefined || transfer.length === 0) messages.postMessage(message);
  else messages.postMessage(message, transfer);
}

// A guest that writes faster than its output is taken waits in its write (see OUTPUT_FLOW).
const flow = new OutputFlow(outputFlow, (waiting) => post({ type: 'output-wait', id: requestId, waiting }));
const sink = {
  importsMade,
  output: (stream: StreamName, bytes: Uint8Array) => {
    post({ type: 'output', stream, bytes });
    flow.sent(bytes.length);
  },
};

// Write tracing (and Binaryen with it) is loaded only when asked for: off, it costs nothing.
// A session's later workers get the prepared module in init.traced and never load Binaryen.
// Not a top-level await: the build is CommonJS (for V8's code cache), which has none.
void loadTracingKit().then((kit) => {
  // The instantiation limit counts from GUEST_AT, set right before guest code can first run.
  const created = GuestInstance.create(init, sink, kit, () => Atomics.store(requestBegun, REQUEST_BEGUN.GUEST_AT, process.hrtime.bigint()));
  if (!created.ok) {
    post({ type: 'ready', ok: false, error: created.error });
  } else {
    serve(created.value);
  }
});

async function loadTracingKit(): Promise<TracingKit | undefined> {
  if (!init.traceWrites) return undefined;
  return {
    WriteTracing: (await import('./provenance/tracing.ts')).WriteTracing,
    prepare: init.traced ? null : await (await import('./provenance/prepare.ts')).loadPrepare(),
  };
}

function serve(guest: GuestInstance): void {
  const initCall = guest.initialize();
  // The guest's start code has returned: what follows (the initial capture) is Memscope's.
  Atomics.store(requestBegun, REQUEST_BEGUN.GUEST_END, process.hrtime.bigint());
  const buffers = new CaptureBuffers(channel);
  /**
   * Blocks of a step in a run that go inline through the step ring are copied there at once:
   * they are captured into this one reused buffer instead of a new one per step.
   */
  const scratch = new Uint8Array(MAX_INLINE_DATA);
  let inRun = false;
  const tracker = new ChangeTracker(undefined, (size) =>
    inRun && size < MAX_INLINE_DATA ? scratch.subarray(0, size) : new Uint8Array(buffers.take(size), 0, size));
  /** Asks the controller to read the step ring (set by each run). */
  let nudge = (): void => {};
  const ring = new StepRingWriter(channel.ring, channel.port, () => nudge(), stepSources(init.sequence), sharedStrings(init));
  ringAt = () => ring.published;
  const image = tracker.reset(guest.memory.bytes());
  // Writes before the first step (instantiation, `_initialize` or the constructors) are in the baseline, not a step.
  guest.tracing?.reset();
  const steps = new StepRunner(guest, init);
  if (initCall?.record.error && guest.exitCode === null) {
    post({ type: 'ready', ok: false, error: { ...initCall.record.error, message: `${initCall.record.export} failed: ${initCall.record.error.message}` } });
    return;
  }
  const traced = guest.tracing && !init.traced ? { traced: guest.tracing.prepared } : {};
  const registered = guest.registered();
  post({ type: 'ready', ok: true, initCall: initCall?.record ?? null, image, exited: guest.exitCode !== null, ...traced,
    ...(registered.length > 0 ? { registered } : {}) }, deltaTransferList(image));

  /** What the host wrote since the last capture: a write step's capture compares only that. */
  const hostWrites = new HostWriteLog();
  logHostWrites(guest.memory.memory, hostWrites);
  /** Memory may have changed since the last capture other than by logged host writes (an ad-hoc call). */
  let unlogged = false;
  /** Whether the running step's capture was announced (see `capturing`). */
  let announced = false;
  /** The step running (its capture's announcement names it). */
  let stepIndex = -1;
  const capture = (mayChange: boolean, hostOnly: boolean): MemoryDelta | null => {
    if (!init.recording) return null;
    if (!mayChange) return { ranges: [], changedBytes: 0, changed: { indices: [], data: NO_BYTES }, blockSize: tracker.blockSize, size: tracker.size };
    const bytes = guest.memory.bytes();
    const written = hostWrites.take();
    if (hostOnly && !unlogged && written !== null && bytes.length === tracker.size) return tracker.captureRanges(bytes, written);
    unlogged = false;
    if (bytes.length >= ANNOUNCE_CAPTURE_BYTES || bytes.length !== tracker.size) {
      const step = stepIndex;
      const line = init.sequence?.parsed.steps[step]?.line ?? 0;
      const at = Number(process.hrtime.bigint()) / 1e6;
      post({ type: 'capturing', id: requestId, step, line, memorySize: bytes.length, at });
      announced = true;
    }
    return tracker.capture(bytes);
  };

  /**
   * The `run` request: one request for many steps, so no round trip and no idle worker between
   * steps. Each finished step goes into the step ring at once (step-ring.ts), where the
   * controller can read it even if a later step never ends; `steps-done` asks the controller to
   * read what is there: at least every FLUSH_MS (progress for the UI), when the ring or the
   * capture flow is full, after an announced capture, and at the end.
   */
  const runSteps = (id: number, from: number, to: number): void => {
    let nudgedAt = nowMs();
    let unread = false;
    nudge = (): void => {
      if (unread) post({ type: 'steps-done', id });
      unread = false;
      nudgedAt = nowMs();
    };
    let ran = 0;
    inRun = true;
    try {
      for (let index = from; index < to; index++) {
        // The last step's end is as good as now here (its capture and record took microseconds,
        // or were announced): no clock read of its own (~65 ns each, and a step read up to 7).
        if (unread && (steps.returnedAt - nudgedAt > FLUSH_MS || buffers.congested)) nudge();
        // The controller is behind on earlier deltas: wait rather than pile more up in memory.
        buffers.waitForController();
        // The step's time limit counts from here (REQUEST_BEGUN.STEP_AT), not from a message,
        // and so does its duration: one clock read for both (nowMs reads the same clock, in ms).
        const begun = process.hrtime.bigint();
        Atomics.store(requestBegun, REQUEST_BEGUN.STEP_AT, begun);
        importsMade[0] = 0;
        announced = false;
        stepIndex = index;
        const result = steps.run(index, capture, Number(begun) / 1e6);
        if (ring.append(id, result) && result.delta) buffers.sent(deltaBytes(result.delta));
        unread = true;
        ran++;
        // The controller paused the time limit for the capture; this message starts it again.
        if (announced) nudge();
        if (!result.record.ok || result.exited) break;
      }
    } finally {
      inRun = false;
    }
    // No `steps-done` first: like every message, the response carries the ring position, and
    // the controller takes in every step before it first. A step that threw (our bug) ends up
    // in the error reply, which does the same.
    post({ type: 'response', id, result: { ok: true, value: { ran } } });
  };

  /** Answers request `id` (one function for every request, not a closure each). */
  const reply = <K extends keyof ResponseValues>(id: number, result: Result<ResponseValues[K]>, transfer?: ArrayBuffer[]): void =>
    post({ type: 'response', id, result }, transfer);

  // Asynchronous for the heap's collection walks alone (node-blocks.ts), which read nothing but
  // memory and so settle in this message's microtasks, before the next message is taken.
  port.on('message', async (request: WorkerRequest) => {
    requestId = request.id;
    // The request's time limit counts from here (REQUEST_BEGUN): AT first, then the id that names it.
    Atomics.store(requestBegun, REQUEST_BEGUN.AT, process.hrtime.bigint());
    Atomics.store(requestBegun, REQUEST_BEGUN.ID, BigInt(request.id));
    importsMade[0] = 0;
    const id = request.id;
    try {
      switch (request.type) {
        case 'call': {
          // Not captured: the change tracker keeps its baseline, so the next step's changes
          // include what ad-hoc calls wrote (compared in full: guest code writes anywhere), and
          // the controller's history stays one entry per step.
          unlogged = true;
          const values: (number | bigint)[] = [];
          for (const v of request.args) values.push(toJs(v) ?? 0);
          const { record } = guest.call(request.name, values);
          post(callReply(request, { record, exitCode: guest.exitCode, memorySize: guest.memory.size }));
          break;
        }
        case 'step': {
          stepIndex = request.index;
          const result = steps.run(request.index, capture);
          if (request.heap) {
            const heap = await heapOrNothing(steps);
            if (heap !== undefined) result.heapAfter = heap;
          }
          reply<'step'>(id, { ok: true, value: result }, result.delta ? deltaTransferList(result.delta) : undefined);
          break;
        }
        case 'run':
          runSteps(request.id, request.from, request.to);
          break;
        case 'read-memory': {
          try {
            reply<'read-memory'>(id, { ok: true, value: { bytes: guest.memory.read(request.address, request.length), memorySize: guest.memory.size } });
          } catch (error) {
            reply(id, { ok: false, error: { code: 'out-of-bounds', message: error instanceof Error ? error.message : String(error) } });
          }
          break;
        }
        case 'heap':
          reply<'heap'>(id, { ok: true, value: await steps.heapSummary(request.references === true) });
          break;
        case 'write-memory': {
          // Not captured, like an ad-hoc call: the next step's changes include this write.
          try {
            asHostWriter(DEBUGGER_WRITER, () => guest.memory.write(request.address, request.bytes));
            reply<'write-memory'>(id, { ok: true, value: { memorySize: guest.memory.size } });
          } catch (error) {
            reply(id, { ok: false, error: { code: 'out-of-bounds', message: error instanceof Error ? error.message : String(error) } });
          }
          break;
        }
        case 'globals':
          reply<'globals'>(id, { ok: true, value: guest.globalValues() });
          break;
        case 'set-watches':
          if (!guest.tracing) {
            reply(id, { ok: false, error: { code: 'usage', message: 'watches need write tracing: this instance was started without it' } });
            break;
          }
          guest.tracing.watches.setLive(request.watches, request.passing);
          reply<'set-watches'>(id, { ok: true, value: null });
          break;
        case 'collect-garbage':
          reply<'collect-garbage'>(id, { ok: true, value: collectGarbage() });
          break;
        case 'image': {
          const image = sparseImageFromBytes(guest.memory.bytes().slice());
          reply<'image'>(id, { ok: true, value: image }, deltaTransferList(image));
          break;
        }
      }
    } catch (error) {
      reply(id, { ok: false, error: { code: 'internal', message: `worker: ${error instanceof Error ? error.message : String(error)}` } });
    }
  });
}

/**
 * A full collection when the process exposes gc (never exposed here on our own: the flag is
 * process-wide), then this isolate's heap figures.
 */
function collectGarbage(): WorkerMemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  return { collected: typeof gc === 'function', heapUsed, external, arrayBuffers, rss };
}

/** The heap to send with a step; a walk that throws is left out (the controller then asks, and hears why). */
async function heapOrNothing(steps: StepRunner): Promise<HeapSummary | null | undefined> {
  try {
    return await steps.heapSummary();
  } catch {
    return undefined;
  }
}
