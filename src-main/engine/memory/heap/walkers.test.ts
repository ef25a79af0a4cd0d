// Each heap walker on real modules from its real toolchain: the host and the guest allocate
// blocks of known sizes, some are freed, and the walk must list exactly the live ones with the
// allocator's usable size (asked from the allocator itself where it exports a way).

import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { EXAMPLES } from '../../host/test-helpers.ts';
import { keptBlockSizes, runAndWalkDisposedAfterEach, usedMap } from './testing.ts';
import { formatValue } from '../../../shared/value-format.ts';

const run = runAndWalkDisposedAfterEach();

/** dlmalloc's usable size for a request: the chunk (request + 4 rounded up, at least 16) less 4. */
function dlUsable(request: number, align: number): number {
  return Math.max(16, Math.ceil((request + 4) / align) * align) - 4;
}

const C_SEQUENCE = `
a = malloc(10)
b = malloc(100)
c = malloc(1000)
out = malloc(16)
keep(out, 4, 24)
k = read {k0: u32, k1: u32, k2: u32, k3: u32} @ out
free(b)
g = greeting()
`;

/** Host blocks a, c, out; guest blocks k0..k3 (24, 48, 72, 96 bytes) and g (14); b freed. */
function cExpectations(n: Record<string, number>): [number, number][] {
  return [[n.a!, 10], [n.c!, 1000], [n.out!, 16], [n['k.k0']!, 24], [n['k.k1']!, 48], [n['k.k2']!, 72], [n['k.k3']!, 96], [n.g!, 14]];
}

describe('dlmalloc walker', () => {
  for (const [wasm, allocator, align] of [
    ['heap-wasi.wasm', 'dlmalloc (wasi-libc)', 16],
    ['heap-emcc.wasm', 'dlmalloc (Emscripten)', 8],
    // -pthread: shared memory, and dlmalloc's state holds its lock before the segment record.
    ['heap-emcc-pthread.wasm', 'dlmalloc (Emscripten, -pthread)', 8],
  ] as const) {
    it(`${allocator}: exactly the live blocks, with the allocator's own usable sizes`, async () => {
      const { walk, facts, n, session } = await run(wasm, C_SEQUENCE);
      expect(facts.allocator).toBe(allocator);
      expect(walk.status, walk.reason).toBe('ok');
      const used = usedMap(walk);
      const expected = cExpectations(n);
      expect([...used.keys()].sort((x, y) => x - y)).toEqual(expected.map(([a]) => a).sort((x, y) => x - y));
      for (const [address, request] of expected) {
        expect(used.get(address)).toBe(dlUsable(request, align));
        const usable = await session.call('usable', [String(address)]);
        expect(usable.ok && formatValue(usable.value.results[0]!)).toBe(String(used.get(address)));
      }
      expect(walk.untouched![1]).toBeGreaterThan(walk.untouched![0]);
    });
  }

  it('clang-22 with no data segments: wasm-ld put the stack first, and the state is found in .bss above it', async () => {
    const { walk, facts, n } = await run('stack-first.wasm', 'a = malloc(10)\ns = squares(5)\nfree(a)\n');
    expect(facts.stackPointer?.initial).toBe(65536);
    expect(facts.dataStart).toBeNull();
    expect(facts.allocator).toBe('dlmalloc (wasi-libc)');
    expect(walk.status, walk.reason).toBe('ok');
    expect([...usedMap(walk)]).toEqual([[n.s!, dlUsable(20, 16)]]);
  });

  it('Rust 1.63 (dlmalloc crate, wasm32-unknown-unknown): host and guest blocks', async () => {
    const { walk, facts, n } = await run('heap-rust.wasm', `
a = allocate(10)
b = allocate(100)
c = allocate(1000)
out = allocate(16)
keep(out, 3, 40)
k = read {k0: u32, k1: u32, k2: u32} @ out
deallocate(b, 100)
g = greeting()
`);
    expect(facts.allocator).toBe('dlmalloc (Rust dlmalloc crate)');
    expect(walk.status, walk.reason).toBe('ok');
    const expected: [number, number][] = [[n.a!, 10], [n.c!, 1000], [n.out!, 16], [n['k.k0']!, 40], [n['k.k1']!, 80], [n['k.k2']!, 120], [n.g!, 14]];
    const used = usedMap(walk);
    expect([...used.keys()].sort((x, y) => x - y)).toEqual(expected.map(([a]) => a).sort((x, y) => x - y));
    for (const [address, request] of expected) expect(used.get(address)).toBe(dlUsable(request, 8));
  });

  it('Rust 1.63 on wasm32-wasi: std allocates through wasi-libc\'s malloc', async () => {
    const { walk, facts, n } = await run('heap-rust-wasi.wasm', `
a = allocate(10)
out = allocate(16)
keep(out, 2, 40)
k = read {k0: u32, k1: u32} @ out
g = greeting()
deallocate(a, 10)
`);
    expect(facts.allocator).toBe('dlmalloc (wasi-libc, Rust on WASI)');
    expect(walk.status, walk.reason).toBe('ok');
    const used = usedMap(walk);
    for (const [address, request] of [[n.out!, 16], [n['k.k0']!, 40], [n['k.k1']!, 80], [n.g!, 14]] as const) {
      expect(used.get(address)).toBe(dlUsable(request, 16));
    }
    expect(used.has(n.a!)).toBe(false);
  });

  for (const wasm of ['heap-wasi.wasm', 'heap-emcc.wasm', 'heap-rust.wasm']) {
    it(`${wasm}: says empty before the first malloc`, async () => {
      const before = await run(wasm, 'x = 1\n');
      expect(before.walk.status).toBe('empty');
      expect(before.walk.used.count).toBe(0);
    });
  }

  it('two segments (memory grown behind malloc\'s back): the old segment\'s record is bookkeeping, not a block', async () => {
    // grow(3) leaves a gap, so the big malloc gets a second segment and dlmalloc writes the old
    // segment's record into an in-use chunk at the old segment's end. Once everything is freed
    // no block is live; the record was listed as a 28-byte block nobody allocated.
    const { walk, n } = await run('segments.wasm', 'a = malloc(100)\ng = grow(3)\nbig = malloc(200000)\nsmall = malloc(40)\n');
    expect(walk.status, walk.reason).toBe('ok');
    expect(n.big!).toBeGreaterThanOrEqual((n.g! + 3) * 65536);
    expect([...usedMap(walk)]).toEqual([[n.a!, dlUsable(100, 16)], [n.small!, dlUsable(40, 16)], [n.big!, dlUsable(200000, 16)]]);
    const after = await run('segments.wasm', 'a = malloc(100)\ng = grow(3)\nbig = malloc(200000)\nfree(big)\nfree(a)\n');
    expect(after.walk.status, after.walk.reason).toBe('ok');
    expect(after.walk.used.count).toBe(0);
  });

  it('says corrupt, naming the chunk, when a header is overwritten (never guesses)', async () => {
    const { walk, n } = await run('heap-wasi.wasm', 'a = malloc(10)\nb = malloc(10)\nwrite u32 0x7fff0013 @ b - 4\n');
    expect(walk.status).toBe('corrupt');
    expect(walk.reason).toContain(`chunk at 0x${(n.b! - 8).toString(16)}`);
  });
});

describe('emmalloc walker', () => {
  it('Emscripten -sMALLOC=emmalloc: exactly the live blocks and their usable sizes', async () => {
    const { walk, facts, n, session } = await run('heap-emmalloc.wasm', C_SEQUENCE);
    expect(facts.allocator).toBe('emmalloc (Emscripten)');
    expect(walk.status, walk.reason).toBe('ok');
    const used = usedMap(walk);
    const expected = cExpectations(n);
    expect([...used.keys()].sort((x, y) => x - y)).toEqual(expected.map(([a]) => a).sort((x, y) => x - y));
    for (const [address, request] of expected) {
      const usable = await session.call('usable', [String(address)]);
      expect(usable.ok && formatValue(usable.value.results[0]!)).toBe(String(used.get(address)));
      expect(used.get(address)).toBeGreaterThanOrEqual(request);
    }
  });
});

describe('AssemblyScript TLSF walker', () => {
  for (const wasm of ['heap-as.wasm', 'heap-as-minimal.wasm']) {
    it(`${wasm}: objects with their rtSize, host objects included`, async () => {
      const { walk, facts, n } = await run(wasm, `
keep(3, 10)
p = alloc(100)
a0 = address(0)
a1 = address(1)
a2 = address(2)
`);
      expect(facts.allocator).toBe('TLSF (AssemblyScript)');
      expect(walk.status, walk.reason).toBe('ok');
      // The kept array's backing buffer (3 pointers, capacity rounded up) is the only other object.
      expect(keptBlockSizes(walk, n)).toEqual({ a0: 10, a1: 20, a2: 30, p: 100, blocks: 5 });
    });
  }

  it('memory the guest grew itself between TLSF\'s pools: the next pool is found past it, whatever those pages hold', async () => {
    // After grow, TLSF's next growth starts a second pool at the memory's end then. The walker
    // hopped page by page, taking each zero word for an empty pool: data written into the
    // guest's own pages made the walk "corrupt", and more than 1024 such pages did too.
    for (const [pages, sequence] of [[2, 'write u32 0x12345678 @ 0x1000c\n'], [1100, '']] as const) {
      const { walk, n } = await run('heap-as-grow.wasm', `keep(2, 100)\ng = grow(${pages})\n${sequence}keep(1, 200000)\na0 = address(0)\na2 = address(2)\n`);
      expect(walk.status, walk.reason).toBe('ok');
      const used = usedMap(walk);
      expect(used.get(n.a0!)).toBe(100);
      expect(used.get(n.a2!)).toBe(200000);
      expect(n.a2!).toBe((n.g! + pages) * 65536 + 32);
      expect(used.size).toBe(4);
    }
  });

  it('says empty before the runtime set up its heap', async () => {
    const { walk } = await run('heap-as.wasm', 'drop()\n');
    expect(walk.status).toBe('empty');
  });
});

describe('modules without a walker', () => {
  it('a hand-written module with no allocator is not recognised, with the reason', async () => {
    const { walk } = await run(resolve(EXAMPLES, 'multi-value', 'multi-value.wasm'), 'x = 1\n');
    expect(walk.status).toBe('not-recognised');
    expect(walk.reason).toMatch(/toolchain not recognised/);
  });
});
