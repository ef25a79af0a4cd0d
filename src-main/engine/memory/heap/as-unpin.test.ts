// The host's __unpin of an AssemblyScript object (free(p) under a collector) lets go of it, but
// the walk sees it live until a collection: a second unpin is a host double free all the same,
// refused like one, and a host __pin of the object holds it again (a leak if never unpinned).
// heap-as.wasm: TLSF with the incremental GC, --exportRuntime (testdata/build.sh).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();
const wasm = resolve(HEAP_TESTDATA, 'heap-as.wasm');

describe('the host unpinning an AssemblyScript object twice', () => {
  it('is a double free, refused: __unpin is not called (it aborted the guest with "Object is not pinned")', async () => {
    const session = await open(wasm, { sequence: 'p = alloc(24)\nfree(p)\nfree(p)\n' });
    const records = await session.run();
    const at = `0x${records[0]!.heap!.allocated[0]!.address.toString(16)}`;
    expect(records[2]!.calls).toEqual([]);
    expect(records[2]!.error?.message).toBe(`double free of ${at}: the host let go of the 24-byte block there at line 2, and only a `
      + 'collection frees it; it was allocated at line 1 by the host\'s __new (__unpin was not called; free!(p) forces it)');
    expect(records[2]!.heap!.problems.map((x) => x.kind)).toEqual(['double-free']);
  });

  it('is no double free once the host pinned the object again, which it then holds: a leak if never unpinned', async () => {
    const pinned = 'p = alloc(24)\nfree(p)\n__pin(p)\n';
    const held = await (await open(wasm, { sequence: `${pinned}expect no leaks\n` })).run();
    expect(held[3]!.error?.message).toMatch(/^expected no leaks since the first step, but 1 block is still live and nothing in use points to it: 24 B at 0x[0-9a-f]+ \(line 1, host __new\)$/);
    const unpinned = await (await open(wasm, { sequence: `${pinned}free(p)\nexpect no leaks\n` })).run();
    expect(unpinned.map((r) => r.error?.message ?? 'ok')).toEqual(unpinned.map(() => 'ok'));
  });
});
