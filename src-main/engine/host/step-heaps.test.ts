// The heap after an earlier step (heap({step})): the walk each step({heap: true}) brought, kept
// per step with no walk now; a step of a run (never walked) and a walk let go for the budget
// each say so. Before, heap() had no step and answered the heap now for any step asked.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeapSummary } from '../../shared/dto.ts';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';
import type { WorkerClient } from '../testing.ts';
import type { Session } from './session.ts';
import { StepHeaps } from './step-heaps.ts';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const SEQUENCE = 'p = malloc(40)\nq = malloc(8)\nfree(p)\n';
const WASM = resolve(HEAP_TESTDATA, 'heap-wasi.wasm');

const sent = (session: Session): number => (session as unknown as { core: { client: WorkerClient } }).core.client.sent;
const sizes = (s: HeapSummary): number[] => s.live.map((b) => b.size).sort((a, b) => a - b);

describe('the heap after an earlier step', () => {
  it('is the walk that step brought, asked of no worker; a step back keeps the walks of the steps it replayed', async () => {
    const session = await open(WASM, { sequence: SEQUENCE });
    for (let i = 0; i < 3; i++) await session.step({ heap: true });
    const before = sent(session);
    const at = async (step: number) => {
      const r = await session.heap({ step });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const [first, second, third] = [await at(0), await at(1), await at(2)];
    expect(sent(session)).toBe(before);
    expect(first.live).toHaveLength(1);
    expect(second.live).toHaveLength(2);
    expect(third.live).toHaveLength(1);
    // The 8-byte block is live after step 2 and after step 3, not yet after step 1.
    expect(sizes(second)).toContain(sizes(third)[0]);
    expect(sizes(first)).not.toContain(sizes(third)[0]);

    // Back to before step 2: step 1 ran again and matched, so its heap is the one F10 walked;
    // steps 2 and 3 are undone, and what their walks said is not the heap after them any more.
    expect((await session.stepBack(1)).ok).toBe(true);
    expect(await session.heap({ step: 0 })).toEqual({ ok: true, value: first });
    expect((await session.heap({ step: 1 })).ok).toBe(false);
    expect((await session.heap({ step: 2 })).ok).toBe(false);
    // Stepping on walks step 2 again, for the new run.
    await session.step({ heap: true });
    expect(sizes(await at(1))).toEqual(sizes(second));
  });

  it('a step of a run was not walked: says so, while the heap walked after the run is its last step\'s', async () => {
    const session = await open(WASM, { sequence: SEQUENCE });
    await session.run();
    const first = await session.heap({ step: 0 });
    expect(first).toEqual({ ok: false, error: { code: 'usage', message: expect.stringContaining('the heap was not walked after step 1') } });
    const now = await session.heap();
    expect(now.ok).toBe(true);
    expect(await session.heap({ step: 2 })).toEqual(now);
  });
  it("a walk asked at a watch's stop, inside a step, is not kept as that step's heap", async () => {
    const frames = resolve(import.meta.dirname, '../module/dwarf/testdata/frames.wasm');
    const session = await open(frames, { sequence: readFileSync(resolve(import.meta.dirname, '../module/dwarf/testdata/frames.wseq'), 'utf8') });
    // A run to the first stop, then a step asked with the heap: it pauses at the next write.
    await session.run();
    expect((await session.step({ heap: true }))?.error?.code).toBe('watchpoint');
    const paused = session.pausedInStep;
    expect(paused).not.toBeNull();
    expect((await session.heap()).ok).toBe(true);
    // The step has not ended: what either walked is the heap part-way through it.
    const kept = await session.heap({ step: paused! });
    expect(kept).toEqual({ ok: false, error: { code: 'usage', message: expect.stringContaining(`the heap was not walked after step ${paused! + 1}`) } });
  });
});

describe('StepHeaps', () => {
  const summary = (blocks: number): HeapSummary => ({
    allocator: 'dlmalloc', walker: 'dlmalloc', status: 'ok', leaks: [], map: [], stackPointer: null, free: [], headers: [],
    live: Array.from({ length: blocks }, (_, i) => ({ address: 16 * i, size: 8, owner: 'guest' as const, step: null, line: null })),
  });

  it('lets the oldest walks go past its budget and says which were let go', () => {
    const heaps = new StepHeaps(10);
    heaps.keep(0, summary(4));
    heaps.keep(1, summary(4));
    heaps.keep(2, summary(4));
    expect(heaps.at(0)).toEqual({ ok: false, error: { code: 'usage', message: expect.stringContaining('the heap after step 1 was let go to bound memory') } });
    expect(heaps.at(1).ok).toBe(true);
    expect(heaps.at(2).ok).toBe(true);
    // A walk of the same step again replaces the one kept, counted once.
    heaps.keep(2, summary(7));
    expect(heaps.at(1).ok).toBe(false);
    expect(heaps.at(2)).toEqual({ ok: true, value: summary(7) });
    expect(heaps.at(5)).toEqual({ ok: false, error: { code: 'usage', message: expect.stringContaining('not walked after step 6') } });
  });
});
