// A write step's change capture compares only what the host wrote (issue 8: no guest code runs
// in it, and comparing all of a 1 GiB memory for a 4-byte write cost ~14 ms of CPU); whatever
// an ad-hoc call wrote since the last step must still show in that step's changes.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';
import type { StepRecord } from '../../shared/dto.ts';
import type { Session } from './session.ts';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const SEQUENCE = 'p = malloc(16)\nwrite u32 0x01020304 @ p\nwrite bytes "aa bb" @ p + 10\n';

/** The integer a step bound to `name`. */
function intOf(record: StepRecord, name: string): number {
  const v = record.bound[name];
  if (v?.kind !== 'int') throw new Error(`${name} is not bound to an integer`);
  return Number(v.value);
}

async function step(session: Session) {
  const record = await session.step();
  if (!record?.ok) throw new Error(`step failed: ${record?.error?.message}`);
  return record;
}

describe('the change capture of a write step', () => {
  it('reports exactly the bytes the step wrote', async () => {
    const session = await open(resolve(HEAP_TESTDATA, 'heap-wasi.wasm'), { sequence: SEQUENCE });
    const p = intOf(await step(session), 'p');
    expect(p).toBeGreaterThan(0);
    expect((await step(session)).changes).toEqual([[p, p + 4]]);
    expect((await step(session)).changes).toEqual([[p + 10, p + 12]]);
    const read = await session.readMemory(p, 12);
    expect(read.ok && [...read.value.bytes]).toEqual([4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb]);
  });

  it('also reports what an ad-hoc call wrote since the step before', async () => {
    // The write lands in the first 4 KiB block, the allocator's bookkeeping in the heap's, far
    // after it: a capture of the written blocks alone would miss what the call wrote.
    const session = await open(resolve(HEAP_TESTDATA, 'heap-wasi.wasm'), { sequence: 'p = malloc(16)\nwrite u32 0x01020304 @ 16\n' });
    const p = intOf(await step(session), 'p');
    expect(p).toBeGreaterThan(4096);
    const call = await session.call('malloc', ['64']);
    expect(call.ok).toBe(true);
    const changes = (await step(session)).changes;
    expect(changes[0]).toEqual([16, 20]);
    expect(changes.some(([start]) => start >= 4096)).toBe(true);
  });
});
