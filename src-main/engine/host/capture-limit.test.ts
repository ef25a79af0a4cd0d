// A step's time limit charges the guest's own work only, never Memscope's change capture after
// it. The slow capture is real and deterministic: a debugger (Node's inspector, through the
// NodeWorker domain) pauses the guest's worker right after it announced the capture, for longer
// than the limit, as a breakpoint there would. Nothing asserts on how fast the machine is.

import { Session as Inspector } from 'node:inspector/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const cleanups: (() => Promise<void>)[] = [];
// Run before the sessions are disposed (vitest runs afterEach hooks last registered first).
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface WorkerDebugger {
  /** Sends a protocol command to the worker's own inspector; its answer, or an error once detached. */
  send(method: string, params?: object): Promise<Record<string, unknown>>;
  /** Called for every event the worker's inspector sends. */
  onEvent(listener: (method: string, params: Record<string, unknown>) => void): void;
}

/** Attaches a debugger to the only guest worker running in this process, until the test ends. */
async function debugGuestWorker(): Promise<WorkerDebugger> {
  const inspector = new Inspector();
  inspector.connect();
  const attached: string[] = [];
  inspector.on('NodeWorker.attachedToWorker', ({ params }) => {
    // This file opens one session at a time, so one guest worker runs (from the sources through
    // guest/worker-boot.mjs, or built as guest-worker.js); Node's module hooks have one too.
    if (/guest(\/worker-boot\.mjs|-worker\.js)$/.test(params.workerInfo.url)) attached.push(params.sessionId);
  });
  await inspector.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  if (attached.length !== 1) throw new Error(`expected one guest worker, found ${attached.length}`);
  const sessionId = attached[0]!;
  type Answer = { result?: Record<string, unknown>; error?: unknown } | 'detached';
  const answers = new Map<number, (answer: Answer) => void>();
  const listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];
  let detached = false;
  const detach = (): void => {
    detached = true;
    for (const answer of answers.values()) answer('detached');
  };
  inspector.on('NodeWorker.detachedFromWorker', ({ params }) => { if (params.sessionId === sessionId) detach(); });
  inspector.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
    if (params.sessionId !== sessionId) return;
    const message = JSON.parse(params.message) as { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: unknown };
    if (message.id !== undefined) answers.get(message.id)?.(message);
    else if (message.method) for (const listener of listeners) listener(message.method, message.params ?? {});
  });
  let nextId = 1;
  const send = (method: string, params: object = {}): Promise<Record<string, unknown>> => new Promise((resolve, reject) => {
    if (detached) return reject(new Error(`${method}: the worker is gone`));
    const id = nextId++;
    answers.set(id, (answer) => {
      answers.delete(id);
      if (answer === 'detached') reject(new Error(`${method}: the worker is gone`));
      else if (answer.error) reject(new Error(`${method}: ${JSON.stringify(answer.error)}`));
      else resolve(answer.result ?? {});
    });
    inspector.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(detach);
  });
  cleanups.push(async () => {
    await inspector.post('NodeWorker.disable');
    detach();
    inspector.disconnect();
  });
  return { send, onEvent: (listener) => listeners.push(listener) };
}

/**
 * Pauses the guest worker for `holdMs` (Infinity: until the test ends) each time it has
 * announced a change capture: right after it posts `capturing` (guest/worker.ts), so the
 * controller has been told and the capture is about to run. Until the test ends; `held` counts
 * the pauses.
 */
async function holdEachCapture(holdMs: number): Promise<{ held(): number }> {
  const worker = await debugGuestWorker();
  const scripts: { scriptId: string; url: string }[] = [];
  let held = 0;
  let holding: NodeJS.Timeout | undefined;
  worker.onEvent((method, params) => {
    if (method === 'Debugger.scriptParsed') scripts.push({ scriptId: params.scriptId as string, url: params.url as string });
    if (method !== 'Debugger.paused') return;
    held++;
    if (holdMs !== Infinity) holding = setTimeout(() => void worker.send('Debugger.resume').catch(() => undefined), holdMs);
  });
  // A paused worker stays paused when its debugger goes (and cannot be terminated meanwhile):
  // Debugger.disable resumes it and drops the breakpoint, before the session is disposed.
  cleanups.push(async () => {
    clearTimeout(holding);
    await worker.send('Debugger.disable').catch(() => undefined);
  });
  // Debugger.enable reports every script already parsed: the worker has loaded all of its code.
  await worker.send('Debugger.enable');
  const script = scripts.find((s) => s.url.endsWith('engine/guest/worker.ts'));
  if (!script) throw new Error('guest/worker.ts is not among the worker\'s scripts');
  const { scriptSource } = await worker.send('Debugger.getScriptSource', { scriptId: script.scriptId }) as { scriptSource: string };
  // By offset, not line: the worker's TypeScript arrives transformed, all on one line.
  const announce = /post\(\{\s*type:\s*["']capturing["'][^)]*\)\s*;?\s*/.exec(scriptSource);
  if (!announce) throw new Error('guest/worker.ts no longer posts `capturing`: this test holds the worker right after it');
  const before = scriptSource.slice(0, announce.index + announce[0].length).split('\n');
  const location = { scriptId: script.scriptId, lineNumber: before.length - 1, columnNumber: before.at(-1)!.length };
  await worker.send('Debugger.setBreakpoint', { location });
  return { held: () => held };
}

describe('a step time limit', () => {
  it("is not charged for Memscope's change capture, however long it takes", async () => {
    // Growing changes the memory's size and 64 MiB is past the size at which every capture is
    // announced, so both steps' captures are held, each for longer than the whole limit. The
    // guest's own work (a memory.grow, a 16-byte copy) is far below 1 s even on a starved machine.
    // The limit's timer was armed before each pause, so it comes due before the hold's ends.
    const limitMs = 1000;
    const holdMs = 2.5 * limitMs;
    const sequence = 'old = grow_to(1024)\nwrite_marker(0x3FFFFF0)\n';
    const session = await open(example('big-memory'), { sequence, config: { timeoutMs: limitMs } });
    const hold = await holdEachCapture(holdMs);
    const records = await session.run();
    // Before: the limit ran on through the capture, and the held step ended in a timeout.
    expect(records.map((r) => [r.ok, r.error?.code])).toEqual([[true, undefined], [true, undefined]]);
    expect(session.terminated).toBeUndefined();
    expect(hold.held()).toBe(2);
    expect(records[1]!.changes).toEqual([[0x3fffff0, 0x4000000]]);
    // A step's duration is its own work: the capture held after it is not in it, but in its
    // capture time, which the worker measured around the hold.
    for (const record of records) {
      expect(record.durationMs).toBeLessThan(holdMs);
      expect(record.captureMs).toBeGreaterThanOrEqual(holdMs);
    }
  });
});

describe("a step's capture time", () => {
  it('is reported for the steps that captured memory, and only for them', async () => {
    const sequence = 'p = malloc(8)\nwrite u32 7 @ p\nv = read u32 @ p\nexpect v == 7\n';
    const recorded = await open(example('return-string'), { sequence });
    const kept = (await recorded.run()).map((r) => r.captureMs);
    // A call and a write step are captured; a read and an expect cannot change memory.
    expect(kept.map((ms) => ms !== undefined)).toEqual([true, true, false, false]);
    for (const ms of kept.slice(0, 2)) expect(ms).toBeGreaterThanOrEqual(0);
    const unrecorded = await open(example('return-string'), { sequence, config: { recording: false } });
    expect((await unrecorded.run()).map((r) => r.captureMs)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('is not reported for a call Memscope refused to make, which ran no guest code', async () => {
    const sequence = 'p = malloc(8)\nfree(p)\nfree(p)\n';
    const session = await open(example('return-string'), { sequence });
    const records = await session.run();
    expect(records.map((r) => [r.ok, r.error?.code, r.calls.length])).toEqual([[true, undefined, 1], [true, undefined, 1], [false, 'heap-problem', 0]]);
    expect(records.map((r) => r.captureMs !== undefined)).toEqual([true, true, false]);
    expect(records[2]!.changes).toEqual([]);
  });
});

describe("the change capture's own budget", () => {
  it('stops the worker when a capture runs past it, naming the step, its line, the memory and the limit', async () => {
    // The growth step's capture is held until the test ends: only the budget can end it. The
    // step's own time limit (5 s by default) is stopped meanwhile and never fires.
    const sequence = 'before = pages()\nold = grow_to(1024)\nwrite_marker(0x3FFFFF0)\n';
    const session = await open(example('big-memory'), { sequence, config: { captureLimitMs: 1000 } });
    const hold = await holdEachCapture(Infinity);
    const records = await session.run();
    // Before: nothing bounded the capture, and the run waited for the held worker for ever.
    expect(records.map((r) => [r.line, r.ok, r.error?.code])).toEqual([[1, true, undefined], [2, false, 'timeout']]);
    expect(records[1]!.error?.message).toBe(
      'step 2 (line 2): capturing the changes of its 64 MiB memory (67108864 bytes) ran past the capture limit of 1 s; the worker was terminated');
    expect(hold.held()).toBe(1);
    expect(session.terminated).toMatchObject({ reason: 'timeout', step: 1 });
    expect(session.state).toBe('terminated');
    // The session keeps the step before, and the stuck one's capture time (at least the budget).
    expect(session.steps.map((r) => r.line)).toEqual([1, 2]);
    expect(records[1]!.captureMs).toBeGreaterThanOrEqual(1000);
  });
});
