// Guest double frees the walks can see, those they cannot (C's dlmalloc ignores them), correct
// programs they must not call one, and a big leaked block the leak scan must not count as kept,
// on modules from the real toolchains (testdata/doublefree.c and .rs, build lines in build.sh).

import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { boundInt, runHeapSequence, walkNow } from './testing.ts';

const open = openSessionsDisposedAfterEach();

const run = (wasm: string, sequence: string) => runHeapSequence(open, wasm, sequence);

const hex = (n: number): string => `0x${n.toString(16)}`;

describe('emmalloc: a double free with another free of the same size between', () => {
  it('is reported at the step that made it, not only when malloc later hands the block out twice', async () => {
    // 24-byte blocks: regions of 32, so none absorbs alignment padding and all share one bucket.
    const { records } = await run('doublefree-emmalloc.wasm', 'a = malloc(24)\ng1 = malloc(24)\nx = malloc(24)\ng2 = malloc(24)\nfree_apart(a, x)\nb = malloc(24)\nc = malloc(24)\nd = malloc(24)\n');
    expect(records.every((r) => r.ok)).toBe(true);
    const a = boundInt(records, 'a');
    const apart = records[4]!.heap!;
    expect(apart.walk).toBeUndefined();
    expect(apart.freed.map((b) => b.address)).toEqual([a, boundInt(records, 'x')]);
    expect(apart.problems).toEqual([{
      kind: 'double-free', address: a,
      message: `double free of ${hex(a)}: the guest in free_apart freed the 24-byte block there twice, and the allocator's free list now holds it twice; it was allocated at line 1 by the host's malloc`,
    }]);
    // The list now runs head → a → x → a: b takes a, c takes x, and d gets a again, which the
    // double-alloc check names with the double free behind it.
    expect(records[5]!.heap!.problems).toEqual([]);
    expect(records[6]!.heap!.problems).toEqual([]);
    expect(boundInt(records, 'd')).toBe(a);
    expect(records[7]!.heap!.problems.map((p) => p.message)).toEqual([
      `malloc returned ${hex(a)}, the start of a 24-byte block that is still live (allocated at line 6 by the host's malloc): two owners now share its bytes; the double free at line 5 put it on the free list twice`,
    ]);
  });
});

describe('the Rust dlmalloc crate (unchecked frees): a double free in unsafe code', () => {
  for (const [what, size, block] of [['a small chunk, freed twice in a row', 24, 28], ['a large (tree) chunk', 400, 404]] as const) {
    it(`${what}: reported at the step that made it, and named when allocate hands the block out twice`, async () => {
      const { records } = await run('doublefree-rust.wasm', `a = allocate(${size})\nguard = allocate(24)\nfree_twice(a, ${size})\nb = allocate(${size})\nc = allocate(${size})\n`);
      expect(records.every((r) => r.ok)).toBe(true);
      const a = boundInt(records, 'a');
      expect(records[2]!.heap!.problems).toEqual([{
        kind: 'double-free', address: a,
        message: `double free of ${hex(a)}: the guest in free_twice freed the ${block}-byte block there twice, and the allocator's free list now holds it twice; it was allocated at line 1 by the host's allocate`,
      }]);
      expect(records[3]!.heap!.problems).toEqual([]);
      expect(boundInt(records, 'c')).toBe(a);
      expect(records[4]!.heap!.problems.map((p) => p.message)).toEqual([
        `allocate returned ${hex(a)}, the start of a ${block}-byte block that is still live (allocated at line 4 by the host's allocate): two owners now share its bytes; the double free at line 3 put it on the free list twice`,
      ]);
    });
  }

  it('a small chunk freed again after another of its size', async () => {
    const { records } = await run('doublefree-rust.wasm', 'a = allocate(24)\ng1 = allocate(24)\nx = allocate(24)\ng2 = allocate(24)\nfree_apart(a, x, 24)\n');
    const a = boundInt(records, 'a');
    expect(records[4]!.heap!.problems.map((p) => p.message)).toEqual([
      `double free of ${hex(a)}: the guest in free_apart freed the 28-byte block there twice, and the allocator's free list now holds it twice; it was allocated at line 1 by the host's allocate`,
    ]);
  });
});

describe('C dlmalloc (wasi-libc, Emscripten) checks a free', () => {
  for (const wasm of ['doublefree-wasi.wasm', 'doublefree-emcc.wasm']) {
    it(`${wasm}: a free into a block's middle, or of a block it sees free, changes nothing, and nothing is reported`, async () => {
      const { records } = await run(wasm, 'a = malloc(24)\ng = malloc(24)\nfree_at(a, 8)\nx = malloc(24)\ng2 = malloc(24)\nfree_apart(a, x)\nb = malloc(24)\nc = malloc(24)\n');
      expect(records.every((r) => r.ok)).toBe(true);
      expect(records[2]!.heap).toMatchObject({ allocated: [], freed: [], problems: [] });
      expect(records.flatMap((r) => r.heap!.problems)).toEqual([]);
      // The second free of a was ignored: b and c are two blocks, a's and x's.
      expect(new Set([boundInt(records, 'b'), boundInt(records, 'c')])).toEqual(new Set([boundInt(records, 'a'), boundInt(records, 'x')]));
    });
  }
});

describe('correct programs are no double free', () => {
  const sequence = `
k = churn(200)
big_churn()
p = malloc(24)
q = malloc(24)
r = malloc(24)
free(q)
free(p)
s = realloc(r, 4000)
free(s)
free(k)
expect no heap problems
expect no leaks
`;
  for (const wasm of ['doublefree-emmalloc.wasm', 'doublefree-emcc.wasm', 'doublefree-wasi.wasm']) {
    it(`${wasm}: many small blocks freed in mixed order, big ones, calloc, realloc and aligned blocks`, async () => {
      const { session, records } = await run(wasm, sequence);
      expect(records.filter((r) => !r.ok).map((r) => r.error?.message)).toEqual([]);
      expect(records.flatMap((r) => r.heap?.problems ?? []).map((p) => p.message)).toEqual([]);
      const { walk } = await walkNow(session);
      expect(walk.status, walk.reason).toBe('ok');
      expect(walk.freedTwice).toBeUndefined();
    });
  }

  it('the Rust dlmalloc crate: small and large chunks of one size freed in mixed order', async () => {
    // Four 400-byte chunks apart: one tree node with three more of its size on its list (parent
    // 0); four 24-byte ones in one small bin. Each between guards, so none merges.
    const lines: string[] = [];
    for (let i = 0; i < 4; i++) lines.push(`s${i} = allocate(24)`, `gs${i} = allocate(8)`, `l${i} = allocate(400)`, `gl${i} = allocate(8)`);
    for (const i of [2, 0, 3, 1]) lines.push(`deallocate(l${i}, 400)`, `deallocate(s${(i + 1) % 4}, 24)`);
    lines.push('n = allocate(400)', 'm = allocate(24)', 'deallocate(n, 400)', 'deallocate(m, 24)', 'expect no heap problems');
    const { session, records } = await run('doublefree-rust.wasm', `${lines.join('\n')}\n`);
    expect(records.filter((r) => !r.ok).map((r) => r.error?.message)).toEqual([]);
    const { walk } = await walkNow(session);
    expect(walk.status, walk.reason).toBe('ok');
    expect(walk.free.count).toBeGreaterThanOrEqual(8);
    expect(walk.freedTwice).toBeUndefined();
  });
});

describe('a big block leaked', () => {
  it('is a leak though a stale bin in the allocator\'s state and a word of .rodata point into it', async () => {
    // Rust's dlmalloc crate: a 5 MB block made over a freed 3 MB one. A tree bin in the state
    // (.bss) still points into it, and string bytes in .rodata read as a word that does: each
    // alone kept it as "still reachable" (the test fails without either fix).
    const { records } = await run('doublefree-rust.wasm', 'mark "m"\na = allocate(3000000)\ng = allocate(8)\nb = allocate(300000)\ndeallocate(a, 3000000)\ndeallocate(g, 8)\nc = allocate(5000000)\ndeallocate(b, 300000)\nexpect no leaks\n');
    const last = records.at(-1)!;
    expect(records.slice(0, -1).every((r) => r.ok)).toBe(true);
    expect(last.ok).toBe(false);
    expect(last.error?.message).toContain(`at ${hex(boundInt(records, 'c'))}`);
  });
});

describe('the dlmalloc crate after a free that trapped half done', () => {
  it('is a heap not recognised, its leaks unknown, not a heap nothing was allocated in', async () => {
    // s merged into the top chunk at its first free; the second free traps halfway through
    // rewriting the top. Before: the walk took the broken state for one never set up, the
    // blocks b and n "guest freed" at line 6 and "no leaks: every block … was freed".
    const { session, records } = await run('doublefree-rust.wasm', 'a = allocate(24)\nb = allocate(500)\nn = allocate(100)\ns = allocate(40)\nfree_twice(a, 24)\nfree_twice(s, 40)\n');
    const trapped = records.at(-1)!;
    expect(trapped.error?.message).toMatch(/^trap: /);
    expect(trapped.heap!.freed).toEqual([]);
    expect(trapped.heap!.walk).toMatch(/^not-recognised: no dlmalloc /);
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.leaksUnknown).toMatch(/^the heap walk failed \(walk not-recognised: /);
  });
});
