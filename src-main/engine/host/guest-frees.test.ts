// A block the guest frees inside a call ends the regions on it, as a host free does (and a host
// free, once the heap walk knows the block's size, ends every region inside it): a host block
// handed to the guest and freed there changed owner, and a read of bytes in a guest block named
// what is gone. The heap walk after the step sees the free; heap-wasi.wasm's `release(p)` frees p.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainStep } from '../../shared/explain.ts';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const MODULE = resolve(HEAP_TESTDATA, 'heap-wasi.wasm');

async function stepAll(sequence: string) {
  const session = await open(MODULE, { sequence });
  const records = [];
  for (let record = await session.step(); record; record = await session.step()) records.push(record);
  return { session, records };
}

describe('blocks the guest frees', () => {
  it('a host block the guest freed ends its region, and Explain says the guest took it over', async () => {
    const { session, records } = await stepAll('p = malloc(16)\nrelease(p)\n');
    const [made, released] = records;
    const p = session.regions.find((r) => r.name === 'p')!;
    expect(made!.regionEvents).toEqual([{ region: p.id, action: 'created' }]);
    expect(released!.heap!.freed).toMatchObject([{ address: p.start, owner: 'host', freedBy: 'guest' }]);
    expect(released!.regionEvents).toEqual([{ region: p.id, action: 'freed' }]);
    expect(p).toMatchObject({ freed: true, freedStep: 1 });
    expect(explainStep(released!, session.regions)).toContain(
      `The guest freed \`p\` (0x${p.start.toString(16)}, 16 bytes) inside the call: it took the block over, so the host must not use it or free it again.`);
  });

  it('a read of a guest block ends when the guest frees the block; a guest block nothing named is said apart', async () => {
    const { session, records } = await stepAll('g = greeting()\ns = read utf8 @ g\nrelease(g)\nh = greeting()\nrelease(h)\n');
    const s = session.regions.find((r) => r.name === 's')!;
    expect(records[2]!.regionEvents).toEqual([{ region: s.id, action: 'freed' }]);
    expect(explainStep(records[2]!, session.regions)).toContain(
      `\`s\` (0x${s.start.toString(16)}, ${s.size} bytes) was in a block the guest freed inside the call: reading it again would be a use after free.`);
    // `h` is a number the host holds, no region: the block is said by its address and maker.
    const freed = records[4]!.heap!.freed[0]!;
    expect(records[4]!.regionEvents).toEqual([]);
    expect(explainStep(records[4]!, session.regions)).toContain(
      `Inside the call the guest freed 1 block (0x${freed.address.toString(16)}, ${freed.size} bytes, allocated at line 4 by greeting): a pointer the host kept into it now dangles.`);
  });

  it('a host free of a guest block (free is told no size) ends the reads inside it too, not only the one at its start', async () => {
    const { session, records } = await stepAll('g = greeting()\nhead = read utf8 @ g [2]\ntail = read utf8 @ g + 2 [3]\nfree(g)\n');
    const [head, tail] = ['head', 'tail'].map((name) => session.regions.find((r) => r.name === name)!);
    expect(records[3]!.heap!.freed).toMatchObject([{ freedBy: 'host' }]);
    expect(records[3]!.regionEvents).toEqual([{ region: head!.id, action: 'freed' }, { region: tail!.id, action: 'freed' }]);
    expect(tail).toMatchObject({ freed: true, freedStep: 3 });
  });
});
