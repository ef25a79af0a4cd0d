// The instantiation limit counts the guest's start code only, from when it could first run:
// Memscope's preparation before it (worker start, write tracing's Binaryen pass, compiling) has a
// limit of its own, with a message naming that phase. The slow preparation is real and
// deterministic: the inspector's NodeWorker domain holds the new worker before its first line,
// as a debugger attached at start does, for as long as the test says. Nothing asserts on time.

import { readFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveInputs } from './session-inputs.ts';
import { WorkerClient } from './worker-client.ts';
import type { WorkerInit } from '../protocol.ts';

const TESTDATA = resolve(import.meta.dirname, '../../testdata');
const events = { output: () => {}, terminated: () => {} };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function init(name: string): WorkerInit {
  const inputs = resolveInputs({ moduleBytes: new Uint8Array(readFileSync(resolve(TESTDATA, name))), moduleName: name });
  if (!inputs.ok) throw new Error(inputs.error.message);
  return inputs.value.init;
}

async function started(result: Awaited<ReturnType<typeof WorkerClient.start>>): Promise<WorkerClient> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  cleanups.push(() => result.value.client.dispose());
  return result.value.client;
}

/**
 * Holds the next worker started in this process before its first line, until `release()`;
 * workers started after it (nested ones, such as a module loader's) are let go at once.
 */
async function holdNextWorker(): Promise<{ attached: Promise<void>; release(): Promise<void> }> {
  const inspector = new Inspector();
  inspector.connect();
  const resume = (sessionId: string) => inspector.post('NodeWorker.sendMessageToWorker', {
    sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' }),
  });
  let held: string | null = null;
  let attachedNow: () => void;
  const attached = new Promise<void>((done) => { attachedNow = done; });
  inspector.on('NodeWorker.attachedToWorker', ({ params }) => {
    // Workers already running are reported too, not waiting.
    if (!params.waitingForDebugger) return;
    if (held === null) {
      held = params.sessionId;
      attachedNow();
    } else void resume(params.sessionId);
  });
  await inspector.post('NodeWorker.enable', { waitForDebuggerOnStart: true });
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    if (held !== null) await resume(held);
  };
  // Disabled only once every worker is gone (cleanups run in reverse): a worker still waiting
  // when the domain is disabled would wait for ever.
  cleanups.unshift(async () => {
    await release();
    await inspector.post('NodeWorker.disable');
    inspector.disconnect();
  });
  return { attached, release };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('the instantiation limit', () => {
  it('counts from when guest code can first run, not from a slow preparation', async () => {
    const hold = await holdNextWorker();
    const limitMs = 1000;
    const starting = WorkerClient.start(init('spew.wasm'), events, { timeoutMs: limitMs });
    await hold.attached;
    // Timers fire in deadline order: the instantiation limit comes due while the worker is held.
    await sleep(2.5 * limitMs);
    await hold.release();
    // Before: "the module did not finish instantiating within 1000 ms", though no guest code had run.
    const client = await started(await starting);
    expect(client.terminated).toBeNull();
    const call = await client.request({ type: 'call', name: 'spew', args: [] });
    expect(call).toMatchObject({ done: { ok: true } });
  });

  it('still ends a start function that never returns, naming the limit', async () => {
    const result = await WorkerClient.start(init('start-loop.wasm'), events, { timeoutMs: 300 });
    expect(result.ok ? 'started' : result.error.code).toBe('timeout');
    expect(result.ok ? '' : result.error.message).toMatch(/did not finish instantiating within 300 ms \(its start function and _initialize/);
  });

  it('bounds a preparation longer than its own limit, with a message naming the phase', async () => {
    // Not a held worker: terminating a worker that waits for a debugger crashed Node 20 now and
    // then (SIGSEGV). A 1 ms limit is shorter than any worker's start, which boots a V8 isolate.
    const result = await WorkerClient.start(init('spew.wasm'), events, { timeoutMs: 60_000, prepareMs: 1 });
    expect(result.ok ? 'started' : result.error.code).toBe('timeout');
    expect(result.ok ? '' : result.error.message).toMatch(/did not finish preparing the module .* within 1 ms, before any guest code ran/);
  });
});
