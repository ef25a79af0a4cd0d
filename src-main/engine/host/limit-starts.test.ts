// A request's time limit counts from when the guest's worker takes it up, not from when it was
// sent: a worker held by something else (here, deterministically, an earlier call blocked in
// fd_write until its output is released) does not use up the next request's limit. Real worker,
// real module; the hold is the stimulus, nothing asserts on time.

import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveInputs } from './session-inputs.ts';
import { WorkerClient } from './worker-client.ts';
import { fromJs } from '../../shared/value-format.ts';

const SPEW = resolve(import.meta.dirname, '../../testdata/spew.wasm');
const LOOP = resolve(import.meta.dirname, '../../../resources/examples/infinite-loop/infinite-loop.wasm');
const clients: WorkerClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
});

async function start(path: string): Promise<WorkerClient> {
  const inputs = resolveInputs({ moduleBytes: new Uint8Array(readFileSync(path)), moduleName: basename(path) });
  if (!inputs.ok) throw new Error(inputs.error.message);
  const started = await WorkerClient.start(inputs.value.init, { output: () => {}, terminated: () => {} });
  if (!started.ok) throw new Error(started.error.message);
  clients.push(started.value.client);
  return started.value.client;
}

describe('a request time limit', () => {
  it('is not charged while the worker is still busy before taking the request up', async () => {
    const client = await start(SPEW);
    // 16 MiB of output, four times what the worker may have outstanding: with the output held,
    // the first call waits in fd_write until released, and the worker cannot begin the second.
    const release = client.holdOutput();
    const first = client.request({ type: 'call', name: 'spew', args: [fromJs('i32', 256)] });
    const limitMs = 1000;
    const second = client.request({ type: 'call', name: 'spew', args: [fromJs('i32', 0)] }, limitMs);
    // Timers fire in deadline order, so the second's limit comes due while the worker is held.
    await new Promise((done) => setTimeout(done, 2.5 * limitMs));
    release();
    // Before: the second's limit ran from the send and terminated the worker while it was held.
    expect(await second).toMatchObject({ done: { ok: true } });
    expect(await first).toMatchObject({ done: { ok: true } });
    expect(client.terminated).toBeNull();
  });

  it('still ends a guest that runs past it, counted from when the worker takes it up', async () => {
    const client = await start(LOOP);
    const outcome = await client.request({ type: 'call', name: 'spin', args: [] }, 300);
    expect(outcome).toMatchObject({ terminated: { reason: 'timeout', message: expect.stringContaining('time limit of 300 ms') } });
  });
});
