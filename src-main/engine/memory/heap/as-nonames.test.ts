// AssemblyScript built without --debug has no name section: the shadow stack pointer and the
// runtime must be found from what the module itself holds (heap-facts.ts), not from names.

import { describe, expect, it } from 'vitest';
import { keptBlockSizes, runAndWalkDisposedAfterEach, usedMap } from './testing.ts';

const run = runAndWalkDisposedAfterEach();

describe('AssemblyScript -O1 without names', () => {
  it('incremental runtime: the heap starts past the shadow stack, and the host\'s objects are live blocks', async () => {
    // Before: no named stack pointer, so the heap was taken to start at the data end (32 KiB low):
    // the walk said "nothing allocated yet" and __unpin was refused as an invalid free.
    const { walk, facts, n } = await run('heap-as-nonames.wasm', `
keep(3, 10)
p = __new(100, 1)
__pin(p)
a0 = address(0)
a1 = address(1)
a2 = address(2)
__unpin(p)
`);
    expect(facts.allocator).toBe('TLSF (AssemblyScript)');
    expect(facts.stackPointer?.global).toBe(11);
    expect(facts.heapBase).toBe(facts.stackPointer?.initial);
    expect(walk.status, walk.reason).toBe('ok');
    expect(keptBlockSizes(walk, n)).toEqual({ a0: 10, a1: 20, a2: 30, p: 100, blocks: 5 });
  });

  it('stub runtime: not walked, with the reason, rather than read as TLSF', async () => {
    const { walk, facts } = await run('heap-as-stub-nonames.wasm', 'keep(2, 10)\n');
    expect(facts.walker).toBeNull();
    expect(walk.status).toBe('not-recognised');
    expect(walk.reason).toMatch(/stub runtime .* is not walked/);
  });

  it('minimal runtime: the heap starts past the RTTI, not at the data segments\' end that binaryen trimmed', async () => {
    // Before: the root was looked for 16 bytes low, at the trimmed segment's end, and the walk
    // said "nothing allocated yet" with six objects live.
    const { walk, facts, n } = await run('heap-as-cyclic.wasm', 'keep()\np = __new(40, 0)\na0 = address(0)\na4 = address(4)\n');
    expect(facts.allocator).toBe('TLSF (AssemblyScript)');
    expect(facts.stackPointer).toBeNull();
    expect(walk.status, walk.reason).toBe('ok');
    const used = usedMap(walk);
    expect(used.get(n.a0!)).toBe(4);
    expect(used.get(n.a4!)).toBe(4);
    expect(used.get(n.p!)).toBe(40);
    // Five objects, the kept array's backing buffer (the array itself is static data), the host's block.
    expect([...used.values()].sort((x, y) => x - y)).toEqual([4, 4, 4, 4, 4, 32, 40]);
  });

  it('a program global that could as well be the shadow stack pointer: not walked, and says why', async () => {
    const { walk, facts } = await run('heap-as-twoglobals.wasm', 'p = make(24)\n');
    expect(facts.stackPointer).toBeNull();
    expect(facts.heapBase).toBeNull();
    expect(walk.status).toBe('not-recognised');
    expect(walk.reason).toBe('the module has no names, and more than one global could be AssemblyScript\'s shadow stack pointer, whose start is where the heap starts (global 0 = 0x9c40, global 12 = 0x82a4)');
  });
});
