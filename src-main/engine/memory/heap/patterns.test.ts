// Allocation patterns real programs use, on modules from the real toolchains (testdata/patterns.c,
// build lines in build.sh): a double free made inside one guest call, aligned allocations,
// realloc that moves, shrinks and grows in place, zero-size allocations and free(NULL).

import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { boundInt, runHeapSequence, usedMap, walkNow } from './testing.ts';

const open = openSessionsDisposedAfterEach();

const run = (wasm: string, sequence: string) => runHeapSequence(open, wasm, sequence);

const int = boundInt;

const hex = (n: number): string => `0x${n.toString(16)}`;

describe('a double free inside one guest call', () => {
  it('emmalloc: reported at the step that made it, and named as the cause when malloc hands the block out twice', async () => {
    const { records } = await run('patterns-emmalloc.wasm', 'a = malloc(16)\nguard = malloc(16)\nfree_twice(a)\nb = malloc(16)\nc = malloc(16)\n');
    const a = int(records, 'a');
    expect(records.every((r) => r.ok)).toBe(true);
    const twice = records[2]!.heap!;
    expect(twice.walk).toBeUndefined();
    expect(twice.freed.map((b) => b.address)).toEqual([a]);
    expect(twice.problems).toEqual([{
      kind: 'double-free', address: a,
      message: `double free of ${hex(a)}: the guest in free_twice freed the 16-byte block there twice, and the allocator's free list now holds it twice; it was allocated at line 1 by the host's malloc`,
    }]);
    // Reported once: the next walks no longer see it on the list (b took it), and b is no problem.
    expect(records[3]!.heap!.problems).toEqual([]);
    expect(int(records, 'b')).toBe(a);
    expect(int(records, 'c')).toBe(a);
    expect(records[4]!.heap!.problems.map((p) => p.message)).toEqual([
      `malloc returned ${hex(a)}, the start of a 16-byte block that is still live (allocated at line 4 by the host's malloc): two owners now share its bytes; the double free at line 3 put it on the free list twice`,
    ]);
  });

  it('emmalloc: a guest double free of a block the host freed earlier names that free', async () => {
    const { records } = await run('patterns-emmalloc.wasm', 'a = malloc(16)\nguard = malloc(16)\nfree(a)\nkeep = malloc(40)\nfree_twice(a)\n');
    const a = int(records, 'a');
    expect(records[4]!.heap!.problems.map((p) => p.message)).toEqual([
      `use after free: argument 1 of free_twice (${hex(a)}) points into the 16-byte block at ${hex(a)}, freed at line 3; it was allocated at line 1 by the host's malloc`,
      `double free of ${hex(a)}: the guest in free_twice freed the 16-byte block there again, after it was freed at line 3 by the host, and the allocator's free list now holds it twice; it was allocated at line 1 by the host's malloc`,
    ]);
  });

  it('a host free! the walk also sees on the list twice is reported once', async () => {
    const { records } = await run('patterns-emmalloc.wasm', 'a = malloc(16)\nguard = malloc(16)\nfree(a)\nfree!(a)\n');
    expect(records[3]!.heap!.problems.map((p) => p.kind)).toEqual(['double-free']);
    expect(records[3]!.heap!.problems[0]!.message).toContain('already freed at line 3 by the host');
  });
});

describe('aligned allocations', () => {
  const sequence = 'a64 = aligned(64, 100)\na256 = aligned(256, 24)\na4096 = aligned(4096, 5000)\nb128 = aligned2(128, 128)\nm = malloc(8)\n';
  for (const wasm of ['patterns-emmalloc.wasm', 'patterns-emcc.wasm', 'patterns-wasi.wasm']) {
    it(`${wasm}: each block starts at the pointer the program got, aligned, at least the size asked`, async () => {
      const { session, records } = await run(wasm, sequence);
      expect(records.every((r) => r.ok && r.heap!.walk === undefined && r.heap!.problems.length === 0)).toBe(true);
      const { walk } = await walkNow(session);
      expect(walk.status, walk.reason).toBe('ok');
      const used = usedMap(walk);
      for (const [name, align, size] of [['a64', 64, 100], ['a256', 256, 24], ['a4096', 4096, 5000], ['b128', 128, 128], ['m', 4, 8]] as const) {
        const p = int(records, name);
        expect(p % align, name).toBe(0);
        expect(used.get(p), name).toBeGreaterThanOrEqual(size);
      }
      expect(records[0]!.heap!.allocated.map((b) => b.address)).toEqual([int(records, 'a64')]);
    });
  }
});

describe('realloc, zero sizes and free(NULL)', () => {
  const sequence = `
p = malloc(24)
guard = malloc(8)
q = realloc(p, 200)
r = realloc(q, 16)
s = resize(r, 300)
t = resize(s, 8)
zero_sizes()
z = zero_kept()
y = malloc(0)
c0 = calloc(0, 8)
free(0)
free(z)
free(y)
free(c0)
free(t)
free(guard)
expect no heap problems
expect no leaks
`;
  for (const wasm of ['patterns-emmalloc.wasm', 'patterns-emcc.wasm', 'patterns-wasi.wasm']) {
    it(`${wasm}: ownership follows the pointer, and nothing is a problem or a leak`, async () => {
      const { records } = await run(wasm, sequence);
      expect(records.filter((r) => !r.ok).map((r) => r.error?.message)).toEqual([]);
      const moved = records[2]!.heap!;
      expect(moved.allocated).toMatchObject([{ address: int(records, 'q'), owner: 'host', by: 'realloc' }]);
      expect(moved.freed.map((b) => b.address)).toEqual([int(records, 'p')]);
      expect(int(records, 'r')).toBe(int(records, 'q')); // shrunk in place
      expect(records[3]!.heap!.resized).toMatchObject([{ address: int(records, 'q'), owner: 'host' }]);
    });
  }
});

describe('C++ new[] and delete[] (libc++ over wasi-libc dlmalloc)', () => {
  it('an array with a destructor starts 4 bytes into its block (the count cookie); delete[] frees the block', async () => {
    const { records, session } = await run('arrays.wasm', 'i = make_ints(10)\nn = make_nodes(5)\no = one_node()\ndrop_ints(i)\ndrop_nodes(n)\ndrop_node(o)\nexpect no heap problems\nexpect no leaks\n');
    expect(records.filter((r) => !r.ok).map((r) => r.error?.message)).toEqual([]);
    const n = int(records, 'n');
    expect(records[0]!.heap!.allocated).toMatchObject([{ address: int(records, 'i'), size: 44, by: 'make_ints' }]);
    expect(records[1]!.heap!.allocated).toMatchObject([{ address: n - 4, by: 'make_nodes' }]);
    expect(records[4]!.heap!.freed.map((b) => b.address)).toEqual([n - 4]);
    const heap = await session.heap();
    expect(heap.ok && heap.value.live).toEqual([]);
  });
});

describe('Rust Vec growth and Box drop (rustc 1.63, the dlmalloc crate)', () => {
  it('the Vec grows and shrinks in place as one block; the Box is freed when dropped', async () => {
    const { records } = await run('vecs.wasm', 'a = push(1)\nb = push(3)\nc = push(100)\ne = shrink()\nt = temp(5000)\nx = boxed()\nunbox()\nclear()\nexpect no heap problems\nexpect no leaks\n');
    expect(records.filter((r) => !r.ok).map((r) => r.error?.message)).toEqual([]);
    const a = int(records, 'a');
    expect(records[0]!.heap!.allocated).toMatchObject([{ address: a, by: 'push' }]);
    expect(records[2]!.heap!.resized).toMatchObject([{ address: a, line: 1, resizedIn: 'push' }]);
    expect(records[2]!.heap!.resized![0]!.size).toBeGreaterThanOrEqual(400);
    expect(records[3]!.heap!.resized).toMatchObject([{ address: a, line: 1, resizedIn: 'shrink' }]);
    expect(records[4]!.heap!).toMatchObject({ allocated: [], freed: [] }); // a buffer made and dropped inside one call
    expect(records[6]!.heap!.freed).toMatchObject([{ address: int(records, 'x'), freedBy: 'guest' }]);
    expect(records[7]!.heap!.freed.map((b) => b.address)).toEqual([a]);
  });
});
