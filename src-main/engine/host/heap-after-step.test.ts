// step({heap: true}) (issue 8, one F10 = one worker round trip): the worker walks the heap in the
// step's own turn, heap() right after answers from that walk without asking the worker again,
// and any later request to the worker (an ad-hoc call here) makes heap() ask the worker again.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';
import type { WorkerClient } from '../testing.ts';
import type { Session } from './session.ts';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const SEQUENCE = 'p = malloc(40)\nq = malloc(8)\nfree(p)\n';

/** Requests the session's worker has been sent so far (the session core keeps its client private). */
const sent = (session: Session): number => (session as unknown as { core: { client: WorkerClient } }).core.client.sent;

async function heapOf(session: Session) {
  const heap = await session.heap();
  if (!heap.ok) throw new Error(heap.error.message);
  return heap.value;
}

describe('the heap walked with the step', () => {
  it('heap() after step({heap: true}) is the walk the step brought: no second request, same summary as asking', async () => {
    const withStep = await open(resolve(HEAP_TESTDATA, 'heap-wasi.wasm'), { sequence: SEQUENCE });
    const asking = await open(resolve(HEAP_TESTDATA, 'heap-wasi.wasm'), { sequence: SEQUENCE });
    for (let i = 0; i < 3; i++) {
      await withStep.step({ heap: true });
      await asking.step();
      const before = sent(withStep);
      expect(before).toBeGreaterThan(i);
      const carried = await heapOf(withStep);
      expect(sent(withStep)).toBe(before);
      const walked = await heapOf(asking);
      expect(carried).toEqual(walked);
      expect(carried.live.length).toBe(i === 2 ? 1 : i + 1);
    }
  });

  it('a request to the worker after the step makes heap() walk again', async () => {
    const session = await open(resolve(HEAP_TESTDATA, 'heap-wasi.wasm'), { sequence: SEQUENCE });
    await session.step({ heap: true });
    expect((await heapOf(session)).live).toHaveLength(1);
    const call = await session.call('malloc', ['16']);
    expect(call.ok).toBe(true);
    // (The walk credits what the call allocated to the next step, as the heap request always did;
    // what matters here is that the worker is asked again.)
    const before = sent(session);
    await heapOf(session);
    expect(sent(session)).toBe(before + 1);
  });
});
