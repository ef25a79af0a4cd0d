// The ownership ledger end to end: real modules in the real worker, sequences that leak, free
// twice, free a pointer into a block, read freed memory, and check leaks with marks.

import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { boundInt, runHeapSequence } from './testing.ts';

const open = openSessionsDisposedAfterEach();

const run = (sequence: string, wasm = 'heap-wasi.wasm') => runHeapSequence(open, wasm, sequence);

const int = boundInt;

describe('ownership ledger', () => {
  it('a forgotten free: exactly that block is the leak, with its size and the step that allocated it', async () => {
    const { session, records } = await run(`
ret = malloc(8)
g = greeting()
free(ret)
`);
    expect(records.every((r) => r.ok)).toBe(true);
    const g = int(records, 'g');
    expect(records[0]!.heap!.allocated).toEqual([{ address: int(records, 'ret'), size: 12, owner: 'host', step: 0, line: 2, by: 'malloc' }]);
    expect(records[1]!.heap!.allocated).toEqual([{ address: g, size: 28, owner: 'guest', step: 1, line: 3, by: 'greeting' }]);
    expect(records[2]!.heap!.freed).toMatchObject([{ address: int(records, 'ret'), owner: 'host', freedBy: 'host' }]);
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.allocator).toBe('dlmalloc (wasi-libc)');
    expect(heap.value.leaks).toEqual([{ address: g, size: 28, owner: 'guest', step: 1, line: 3, by: 'greeting' }]);
    expect(heap.value.map.map((b) => b.kind)).toContain('heap-unused');
  });

  it('a block the guest frees inside a call is freed by the guest', async () => {
    const { records } = await run('p = malloc(40)\nrelease(p)\n');
    expect(records[1]!.heap!.freed).toMatchObject([{ address: int(records, 'p'), owner: 'host', freedBy: 'guest' }]);
  });

  it('double free: refused and reported on its step, naming the earlier free', async () => {
    const { records } = await run('a = malloc(10)\nfree(a)\nfree(a)\nx = 1\n');
    expect(records).toHaveLength(3);
    const third = records[2]!;
    expect(third.ok).toBe(false);
    expect(third.error?.code).toBe('heap-problem');
    expect(third.calls).toEqual([]); // free was not called
    expect(third.heap!.problems).toMatchObject([{ kind: 'double-free', address: int(records, 'a') }]);
    expect(third.heap!.problems[0]!.message).toMatch(/already freed at line 2 by the host; it was allocated at line 1 by the host's malloc/);
  });

  it('free!(p) makes the double free anyway, and emmalloc then hands the same block out twice, reported as double-alloc', async () => {
    const { records, session } = await run('a = malloc(10)\nguard = malloc(10)\nfree(a)\nfree!(a)\nb = malloc(10)\nc = malloc(10)\n', 'heap-emmalloc.wasm');
    const forced = records[3]!;
    expect(forced.calls.map((c) => c.export)).toEqual(['free']);
    expect(forced.heap!.problems.map((p) => p.kind)).toEqual(['double-free']);
    expect(int(records, 'b')).toBe(int(records, 'a'));
    expect(int(records, 'c')).toBe(int(records, 'a'));
    expect(records[1]!.heap!.allocated.map((b) => b.owner)).toEqual(['host']);
    // b took the twice-freed block; c was handed it while b held it: one block, two owners.
    expect(records[4]!.heap!.problems).toEqual([]);
    expect(records[5]!.ok).toBe(true);
    expect(records[5]!.heap!.problems).toEqual([{
      kind: 'double-alloc', address: int(records, 'a'),
      message: `malloc returned 0x${int(records, 'a').toString(16)}, the start of a 16-byte block that is still live (allocated at line 5 by the host's malloc): `
        + 'two owners now share its bytes; the double free at line 4 put it on the free list twice',
    }]);
    const heap = await session.heap();
    expect(heap.ok && heap.value.live.map((b) => b.address)).toEqual([int(records, 'a'), int(records, 'guard')]);
  });

  it('invalid free of a pointer into a block: refused, saying how far in', async () => {
    const { records } = await run('a = malloc(32)\nfree(a + 8)\n');
    expect(records[1]!.ok).toBe(false);
    expect(records[1]!.heap!.problems).toMatchObject([{ kind: 'invalid-free', address: int(records, 'a') + 8 }]);
    expect(records[1]!.error!.message).toContain('8 bytes into the 44-byte block');
  });

  it('use after free: a host read over a freed block is reported on that step', async () => {
    const { records } = await run('a = malloc(16)\nb = malloc(16)\nfree(a)\nx = read u32 @ a\ny = read u32 @ b\n');
    expect(records.every((r) => r.ok)).toBe(true);
    expect(records[3]!.heap!.problems).toMatchObject([{ kind: 'use-after-free', address: int(records, 'a') }]);
    expect(records[3]!.heap!.problems[0]!.message).toMatch(/the read of 4 bytes at 0x[0-9a-f]+ touches the 28-byte block at 0x[0-9a-f]+, freed at line 3/);
    expect(records[4]!.heap!.problems).toEqual([]);
  });

  it('use after free: a freed pointer passed to a guest call is reported, and the call still runs', async () => {
    const { records } = await run('a = malloc(16)\nb = malloc(16)\nfree(a)\nn = usable(a + 4)\nm = usable(b)\nk = depth(3)\n');
    const a = int(records, 'a');
    expect(records.every((r) => r.ok)).toBe(true);
    expect(records[3]!.calls.map((c) => c.export)).toEqual(['usable']);
    expect(records[3]!.heap!.problems).toEqual([{
      kind: 'use-after-free', address: a + 4,
      message: `use after free: argument 1 of usable (0x${(a + 4).toString(16)}) points into the 28-byte block at 0x${a.toString(16)}, freed at line 3; it was allocated at line 1 by the host's malloc`,
    }]);
    // A live block's pointer, and a plain number, are no problem.
    expect(records[4]!.heap!.problems).toEqual([]);
    expect(records[5]!.heap!.problems).toEqual([]);
  });

  it('heap overflow: a host read or write past the size asked for or the block\'s usable end, a struct\'s fields taken together', async () => {
    const { records } = await run([
      'a = malloc(8)', 'b = malloc(8)',
      's = read {w0: u32, w1: u32, w2: u32, w3: u32, w4: u32} @ a',
      'write utf8 "0123456789ab" @ a',
      'write utf8 "0123456789abcd" @ a',
      'x = read utf8 @ b [40]',
    ].join('\n') + '\n');
    const a = int(records, 'a');
    const hexA = `0x${a.toString(16)}`;
    expect(records.every((r) => r.ok)).toBe(true);
    // 5 fields of 4 bytes: the last two start past the block's 12 bytes, so only the joined read shows the overrun.
    expect(records[2]!.heap!.problems).toEqual([{
      kind: 'heap-overflow', address: a + 12,
      message: `heap overflow: the read of 20 bytes at ${hexA} runs 8 bytes past the end of the 12-byte block at ${hexA} (allocated at line 1 by the host's malloc), `
        + `over the allocator's bookkeeping and 4 bytes into the next block, at 0x${int(records, 'b').toString(16)} (allocated at line 2 by the host's malloc)`,
    }]);
    // 12 bytes fit the block dlmalloc made, but malloc(8) gave 8 of them.
    expect(records[3]!.heap!.problems).toEqual([{
      kind: 'heap-overflow', address: a + 8,
      message: `heap overflow: the write of 12 bytes at ${hexA} runs 4 bytes past the 8 bytes malloc(8) gave at line 1; `
        + 'the allocator made the block 12 bytes, so nothing else was overwritten, but the bytes past 8 are not the program\'s',
    }]);
    expect(records[4]!.heap!.problems).toMatchObject([{ kind: 'heap-overflow', address: a + 12 }]);
    expect(records[4]!.heap!.problems[0]!.message).toMatch(/the write of 14 bytes at 0x[0-9a-f]+ runs 2 bytes past the end of the 12-byte block .*, into the allocator's bookkeeping after it$/);
    // b is the last block: past it lie the allocator's top chunk and free space.
    expect(records[5]!.heap!.problems[0]!.message).toMatch(/the read of 40 bytes at 0x[0-9a-f]+ runs 28 bytes past the end of the 12-byte block .*, into the allocator's bookkeeping and free space after the last block$/);
  });

  it('expect no leaks fails listing the live blocks, passes after the free, and counts from a mark', async () => {
    const { records } = await run('a = malloc(8)\nexpect no leaks\n');
    expect(records[1]!.ok).toBe(false);
    expect(records[1]!.error!.message).toMatch(/expected no leaks since the first step, but 1 block is still live and nothing in use points to it: 12 B at 0x[0-9a-f]+ \(line 1, host malloc\)/);
    expect(records[1]!.heap!.problems).toMatchObject([{ kind: 'leak', address: int(records, 'a') }]);
    const after = await run('a = malloc(8)\nfree(a)\nexpect no leaks\n');
    expect(after.records.every((r) => r.ok)).toBe(true);
    const marked = await run('a = malloc(8)\nmark "loop"\nb = malloc(8)\nfree(b)\nexpect no leaks\n');
    expect(marked.records.every((r) => r.ok)).toBe(true);
  });

  it('expect no heap problems fails listing what earlier steps found, counts from a mark, and leaves leaks to expect no leaks', async () => {
    const { records } = await run('a = malloc(16)\nfree(a)\nn = usable(a + 4)\nexpect no heap problems\n');
    const a = int(records, 'a');
    expect(records[3]!.ok).toBe(false);
    expect(records[3]!.error).toEqual({
      code: 'expect-failed',
      message: `expected no heap problems since the first step, but 1 was found: line 3: use after free: argument 1 of usable (0x${(a + 4).toString(16)}) points into the 28-byte block at 0x${a.toString(16)}, freed at line 2; it was allocated at line 1 by the host's malloc`,
      where: expect.objectContaining({ line: 4 }),
    });
    const marked = await run('a = malloc(16)\nfree(a)\nn = usable(a + 4)\nmark "after"\nm = usable(8)\nexpect no heap problems\n');
    expect(marked.records.every((r) => r.ok)).toBe(true);
    const leaking = await run('a = malloc(8)\nexpect no heap problems\n');
    expect(leaking.records.every((r) => r.ok)).toBe(true);
  });

  it('the stack pointer is part of every step record', async () => {
    const { records } = await run('d = depth(4)\nx = 1\n');
    expect(records[0]!.stackPointer).toBe(67088);
    expect(records[1]!.stackPointer).toBe(67088);
    expect(int(records, 'd')).toBeLessThan(67088 - 4 * 64);
  });

  it('AssemblyScript: host objects from alloc are host-owned, and the GC frees unpinned ones', async () => {
    const { records } = await run('p = alloc(24)\nkeep(2, 8)\n', 'heap-as.wasm');
    expect(records[0]!.heap!.allocated).toMatchObject([{ address: int(records, 'p'), size: 24, owner: 'host', by: '__new' }]);
    expect(records[1]!.heap!.allocated.every((b) => b.owner === 'guest' && b.by === 'keep')).toBe(true);
  });
});
