// A C command built by a plain `clang -O2` (testdata/cmd-args.c): wasm-opt dropped its name
// section, so its malloc is found by wasi-libc's DWARF; and the two blocks wasi-libc's start-up
// allocates for main's argv, never freed, are the runtime's: set aside with why, not leaks,
// whether main returns or calls exit(0).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeapBlock } from '../../../shared/dto.ts';
import { formatHeapSummary, leaksJson } from '../../../shared/heap-format.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { heapFacts } from './heap-facts.ts';
import { ARGV_HOLDS, startupArgv } from './startup-argv.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();
const WASM = resolve(HEAP_TESTDATA, 'cmd-args.wasm');

describe("wasi-libc's argv blocks", () => {
  it('a C module without function names is walked: wasi-libc\'s DWARF names its dlmalloc state (it read "links no malloc")', async () => {
    const session = await open(WASM, { sequence: '_start()\n' });
    expect(session.info.names?.functions ?? {}).toEqual({});
    expect(heapFacts(session.info)).toMatchObject({ walker: 'dlmalloc', allocator: 'dlmalloc (wasi-libc)' });
  });

  for (const how of ['return', 'exit'] as const) {
    it(`main that ends by ${how}: only the block the program lost is a leak; argv's two are the runtime's, said so`, async () => {
      const session = await open(WASM, { sequence: `arg "${how}"\n_start()\nexpect no leaks\n` });
      const records = await session.run();
      if (how === 'exit') expect(records.map((r) => r.exitCode)).toEqual([0]);
      else expect(records[1]!.error?.message).toMatch(/^expected no leaks since the first step, but 1 block is still live and nothing in use points to it: 44 B at 0x[0-9a-f]+ \(line 2, guest in _start\)/);
      const heap = await session.heap({ references: true });
      if (!heap.ok) throw new Error(heap.error.message);
      const h = heap.value;
      expect(h.leaks.map((b) => b.size)).toEqual([44]);
      expect(h.stillReachable?.map((b) => b.size)).toEqual([108]);
      const runtime = h.live.filter((b) => b.holds === ARGV_HOLDS);
      // The strings ("cmd-args.wasm", then the argument) and argc + 1 pointers, in 16-byte chunks.
      expect(runtime.map((b) => b.size)).toEqual([28, 12]);
      expect(leaksJson(h, true).runtimeOwn?.map((b) => [b.size, b.holds])).toEqual([[28, ARGV_HOLDS], [12, ARGV_HOLDS]]);
      const text = formatHeapSummary(h);
      expect(text).toContain('not counted as leaks: 2 blocks (40 B) the runtime allocated for itself during the sequence and never frees:');
      expect(text.filter((l) => l.startsWith('✗'))).toEqual(['✗ 1 leak (44 B allocated during the sequence, never freed):']);
    });
  }

  it('a pair of blocks not shaped as argv stays a leak', () => {
    const bytes = new Uint8Array(0x200);
    const view = new DataView(bytes.buffer);
    bytes.set(new TextEncoder().encode('ab\0cd\0'), 0x100);
    const block = (address: number, size: number): HeapBlock => ({ address, size, owner: 'guest', step: 0, line: 1, by: '_start' });
    const leaks = [block(0x100, 12), block(0x120, 12)];
    view.setUint32(0x120, 0x100, true);
    view.setUint32(0x124, 0x103, true);
    expect(startupArgv(bytes, leaks)).toEqual([0x100, 0x120]);
    view.setUint32(0x124, 0x104, true); // not just past the first string's zero
    expect(startupArgv(bytes, leaks)).toEqual([]);
    view.setUint32(0x124, 0x103, true);
    expect(startupArgv(bytes, leaks.map((b) => ({ ...b, by: 'build' })))).toEqual([]); // not made by _start
  });
});
