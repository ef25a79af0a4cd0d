// Naming the nodes of libc++'s collections (node-blocks.ts) on the memory of real builds
// (containers.cpp and nested.cpp after fill(3)), then on that memory with words scribbled over:
// a guest that corrupts a map must never cost the heap summary, and no block is typed past its
// end.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { nodeBlocks } from './node-blocks.ts';
import { typedBlocks } from './typed-blocks.ts';
import type { TypedBlock } from '../../../shared/dto.ts';

const open = openSessionsDisposedAfterEach();
const TESTDATA = join(import.meta.dirname, '../../module/dwarf/testdata');

/** Each build, the nodes its fill(3) leaves named, and the statics whose collections are scribbled over. */
const BUILDS = [
  {
    module: 'containers-cpp.wasm',
    names: ['ages["ada"]', 'ages["grace"]', 'primes[0]', 'primes[1]', 'primes[2]', 'readings[0]', 'readings[1]', 'squares[3]', 'words[0]', 'words[1]'],
    statics: /^(ages|primes|squares|words|readings)$/,
  },
  {
    // Collections in a struct, in a vector's elements, in a map's values, in an array, in a type
    // that holds itself through another, behind a raw pointer (nested.cpp).
    module: 'nested-cpp.wasm',
    names: [
      'byLength[3]', 'byLength[3][0]', 'byLength[5]', 'byLength[5][0]', 'instance[0].groups["solo"]', 'instance[0].groups["solo"][0]', 'lanes[1][0]',
      'registry.groups["even"]', 'registry.groups["even"][0]', 'registry.groups["odd"]', 'registry.groups["odd"][0]', 'registry.groups["odd"][1]',
      'registry.teams[1].scores[0]', 'registry.teams[1].scores[1]', 'tree.leaves[0]', 'tree.twig.branches[0].leaves[0]', 'tree.twig.branches[0].twig.branches[0].leaves[0]',
    ],
    statics: /^(registry|byLength|lanes|tree|instance|alias)$/,
  },
];

/** A small deterministic generator (mulberry32), so a failing round can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('nodeBlocks', () => {
  it.each(BUILDS)('types only whole blocks of $module, one entry each, however the nodes and the statics are scribbled over', async ({ module, names, statics: scribbled }) => {
    const session = await open(join(TESTDATA, module), { sequence: 'fill(3)\n' });
    await session.run();
    const memory = await session.readMemory(0, session.memorySize);
    const heap = await session.heap();
    if (!memory.ok || !heap.ok) throw new Error('no memory or heap');
    const { statics = [], staticTypes = [] } = session.info;
    const live = heap.value.live;
    const clean = await nodeBlocks(memory.value.bytes, statics, staticTypes, live);
    expect(clean.map((t) => t.name).sort()).toEqual(names);
    const sound = (t: TypedBlock) => {
      const block = live.find((b) => b.address === t.address);
      return block !== undefined && t.size === block.size && (t.node === undefined || t.node + t.pointee.size <= t.size);
    };
    // The words worth scribbling on: the collections' statics and their nodes.
    const targets = [...statics.filter((v) => scribbled.test(v.name)), ...clean]
      .flatMap((r) => Array.from({ length: Math.floor((r.size ?? 0) / 4) }, (_, i) => r.address + 4 * i));
    const named = clean.map((t) => `${t.address}:${t.name}`).join();
    let changed = 0;
    const next = random(8);
    for (let round = 0; round < 200; round++) {
      const bytes = memory.value.bytes.slice();
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < 6; i++) {
        const at = targets[Math.floor(next() * targets.length)]!;
        // A pointer to another live block's start or middle, a wild one, or a small count.
        const b = live[Math.floor(next() * live.length)]!;
        const value = [b.address, b.address + 4 * Math.floor(next() * 4), Math.floor(next() * 2 ** 32), Math.floor(next() * 8)][Math.floor(next() * 4)]!;
        view.setUint32(at, value, true);
      }
      const nodes = await nodeBlocks(bytes, statics, staticTypes, live);
      const all = typedBlocks(bytes, statics, staticTypes, live, nodes);
      if (nodes.map((t) => `${t.address}:${t.name}`).join() !== named) changed++;
      expect(all.filter((t) => !sound(t)), `round ${round}`).toEqual([]);
      expect(new Set(all.map((t) => t.address)).size, `round ${round}: a block typed twice`).toBe(all.length);
    }
    // Most rounds led a walk astray, or the test would say nothing.
    expect(changed).toBeGreaterThan(100);
  });
});
