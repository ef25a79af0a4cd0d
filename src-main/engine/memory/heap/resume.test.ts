// The per-step heap walk resumes from the previous one: after every step of real sequences
// (clang wasi-libc and Emscripten dlmalloc) the resumed walk equals a full walk of the same
// memory, and the chunks it reads follow what the step changed, not how many blocks are live,
// so N malloc steps cost O(N) chunk reads in all instead of O(N²).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../../shared/dto.ts';
import type { Session } from '../../host/session.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { heapFacts } from './heap-facts.ts';
import { HEAP_TESTDATA } from './testing.ts';
import type { HeapWalk } from './types.ts';
import { resumeAfter, walkHeap } from './walk.ts';

const open = openSessionsDisposedAfterEach();

async function run(wasm: string, sequence: string): Promise<{ session: Session; records: StepRecord[] }> {
  const session = await open(resolve(HEAP_TESTDATA, wasm), { sequence });
  expect(session.sequenceErrors).toEqual([]);
  const records = await session.run();
  expect(records.every((r) => r.ok)).toBe(true);
  return { session, records };
}

async function memoryAt(session: Session, step: number): Promise<Uint8Array> {
  const size = (await session.readMemory(0, 0, step));
  if (!size.ok) throw new Error(size.error.message);
  const read = await session.readMemory(0, size.value.memorySize, step);
  if (!read.ok) throw new Error(read.error.message);
  return read.value.bytes;
}

/** Walks after every step as the worker does (resuming), each checked against a full walk. */
async function walkEveryStep(session: Session, records: StepRecord[]): Promise<{ resumed: number; full: number; resumedSteps: number }> {
  const facts = heapFacts(session.info);
  let prev: HeapWalk = walkHeap(await memoryAt(session, -1), facts);
  let resumed = 0;
  let full = 0;
  let resumedSteps = 0;
  for (const record of records) {
    const bytes = await memoryAt(session, record.index);
    const resume = resumeAfter(prev, { ranges: record.changes, ...(record.grew ? { grew: record.grew } : {}) });
    const walk = walkHeap(bytes, facts, undefined, resume);
    const whole = walkHeap(bytes, facts);
    expect({ status: walk.status, used: walk.used.toArray(), free: walk.free.toArray(), headers: walk.headers.toArray(), untouched: walk.untouched, extent: walk.extent },
      `step ${record.index} (${record.source})`).toEqual(
      { status: whole.status, used: whole.used.toArray(), free: whole.free.toArray(), headers: whole.headers.toArray(), untouched: whole.untouched, extent: whole.extent });
    if (walk.kept) resumedSteps++;
    resumed += walk.visited;
    full += whole.visited;
    prev = walk;
  }
  return { resumed, full, resumedSteps };
}

const MIXED = `
a = malloc(10)
b = malloc(100)
c = malloc(40)
d = malloc(24)
free(b)
e = malloc(60)
keep(a, 3, 16)
free(c)
free(d)
g = greeting()
release(g)
f = malloc(500)
free(a)
h = malloc(8)
`;

function mallocs(n: number): string {
  return Array.from({ length: n }, (_, i) => `p${i} = malloc(16)`).join('\n');
}

describe('resumed heap walk', () => {
  for (const wasm of ['heap-wasi.wasm', 'heap-emcc.wasm']) {
    it(`equals a full walk after every step of frees, coalescing and guest calls (${wasm})`, async () => {
      const { session, records } = await run(wasm, MIXED);
      const { resumedSteps } = await walkEveryStep(session, records);
      expect(resumedSteps).toBeGreaterThan(records.length / 2);
    });
  }

  it('N malloc steps read O(N) chunks in all, not O(N²): 4N steps read < 8× as many as N', async () => {
    const counts: { resumed: number; full: number }[] = [];
    for (const n of [100, 400]) {
      const { session, records } = await run('heap-wasi.wasm', mallocs(n));
      counts.push(await walkEveryStep(session, records));
      await session.dispose();
    }
    const [small, large] = counts as [{ resumed: number; full: number }, { resumed: number; full: number }];
    // A malloc from top rereads the new chunk and top: a few chunks per step.
    expect(large.resumed).toBeLessThan(4 * 400);
    expect(large.resumed / small.resumed).toBeLessThan(8);
    // The full walk is the quadratic one this replaces (about 16× for 4× the steps).
    expect(large.full / small.full).toBeGreaterThan(10);
  }, 60_000);
});
