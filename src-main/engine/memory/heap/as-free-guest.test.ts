// The host's free(s) under AssemblyScript is __unpin(s), which aborts the guest ("Object is not
// pinned") for an object the host never pinned: a free of the guest's object (one an export
// returned) is an invalid free, refused, unless the host pinned it first; the host's own
// objects (alloc is __new and __pin) free as before. heap-as.wasm: keep(n, size) allocates n
// ArrayBuffers the guest holds, address(i) returns the i-th (testdata/heap-as.as).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();
const wasm = resolve(HEAP_TESTDATA, 'heap-as.wasm');

describe('the host freeing an AssemblyScript object', () => {
  it('is an invalid free, refused, for the guest\'s object the host never pinned: __unpin is not called', async () => {
    const records = await (await open(wasm, { sequence: 'keep(1, 16)\ns = address(0)\nfree(s)\n' })).run();
    const s = records[1]!.bound.s!;
    const address = s.kind === 'int' ? Number(s.value) : NaN;
    const block = records[0]!.heap!.allocated.find((b) => b.address === address)!;
    const at = `0x${address.toString(16)}`;
    expect(records[2]!.calls).toEqual([]);
    expect(records[2]!.error?.message).toBe(`invalid free of ${at}: the ${block.size}-byte block there is the guest's object, which the host never pinned: `
      + '__unpin would abort "Object is not pinned", and the collector frees it once nothing holds it; it was allocated at line 1 by the guest in keep '
      + '(__unpin was not called; free!(s) forces it)');
    expect(records[2]!.heap!.problems.map((x) => x.kind)).toEqual(['invalid-free']);
  });

  it('forced with free!, calls __unpin, which aborts the guest as the refusal said', async () => {
    const records = await (await open(wasm, { sequence: 'keep(1, 16)\ns = address(0)\nfree!(s)\n' })).run();
    expect(records[2]!.heap!.problems.map((x) => x.kind)).toEqual(['invalid-free']);
    expect(records[2]!.error?.message).toContain('Object is not pinned');
  });

  it('frees the guest\'s object the host pinned, and a second free is a double free', async () => {
    const records = await (await open(wasm, { sequence: 'keep(1, 16)\ns = address(0)\n__pin(s)\nfree(s)\nfree(s)\n' })).run();
    expect(records.slice(0, 4).map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(records[3]!.calls.length).toBe(1);
    expect(records[4]!.heap!.problems.map((x) => x.kind)).toEqual(['double-free']);
  });

  it('frees the host\'s own object (alloc pins it), also after the guest ran', async () => {
    const records = await (await open(wasm, { sequence: 'p = alloc(24)\nkeep(1, 16)\nfree(p)\nexpect no leaks\n' })).run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records[2]!.heap!.problems).toEqual([]);
  });
});
