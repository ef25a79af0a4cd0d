// The memory map of real modules: facts from each toolchain's layout, bands from a live walk.

import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../module/inspect.ts';
import { heapFacts } from './heap-facts.ts';
import { memoryMap } from './memory-map.ts';
import { HEAP_TESTDATA, runAndWalk } from './testing.ts';
import { resolve } from 'node:path';

async function facts(wasm: string) {
  const info = await inspectFile(resolve(HEAP_TESTDATA, wasm));
  if (!info.ok) throw new Error(info.error.message);
  return heapFacts(info.value);
}

describe('heap facts from each toolchain', () => {
  it('clang/wasi-libc: data first, the stack pointer is global 0 and starts at the heap base', async () => {
    const f = await facts('heap-wasi.wasm');
    expect(f.stackPointer).toMatchObject({ global: 0, initial: 67088 });
    expect(f.heapBase).toBe(67088);
    expect(f.stackLow).toBe(f.dataEnd);
    expect(f.dataStart).toBe(1024);
  });

  it('Rust (stack first): __heap_base and __data_end from their exports, names from the name section', async () => {
    const f = await facts('heap-rust.wasm');
    expect(f.stackPointer).toMatchObject({ name: '__stack_pointer', initial: 1048576 });
    expect(f.stackLow).toBe(0);
    expect(f.heapBase).toBe(1049824);
    expect(f.dataEnd).toBe(1049820);
    expect(f.segments[0]).toMatchObject({ name: '.rodata', start: 1048576 });
  });

  it('Emscripten: named segments, stack pointer by name', async () => {
    const f = await facts('heap-emcc.wasm');
    expect(f.segments.map((s) => s.name)).toEqual(['.rodata', '.data']);
    expect(f.stackPointer?.name).toBe('__stack_pointer');
    expect(f.heapBase).toBe(f.stackPointer!.initial);
  });

  it('AssemblyScript: the shadow stack pointer global, heap after it', async () => {
    const f = await facts('heap-as.wasm');
    expect(f.stackPointer?.name).toBe('~lib/memory/__stack_pointer');
    expect(f.heapBase).toBe(f.stackPointer!.initial);
    expect(f.walker).toBe('tlsf');
  });
});

describe('memory map bands', () => {
  it('wasi-libc after some mallocs: data, .bss, stack, stack in use, heap, free top, in order', async () => {
    const { facts: f, walk, session } = await runAndWalk('heap-wasi.wasm', 'a = malloc(10)\nb = malloc(5000)\n');
    try {
      const bands = memoryMap(f, { memorySize: session.memorySize, stackPointer: 67088 - 64, walk });
      // .bss as far as wasi-libc's DWARF names its statics (dlmalloc's _gm_ and mparams among them).
      expect(bands.map((b) => b.kind)).toEqual(['data', 'bss', 'stack', 'stack-used', 'heap', 'heap-unused', 'heap']);
      for (let i = 1; i < bands.length; i++) expect(bands[i]!.start).toBeGreaterThanOrEqual(bands[i - 1]!.end);
      expect(bands.find((b) => b.kind === 'stack-used')).toMatchObject({ start: 67088 - 64, end: 67088, label: 'stack in use (64 bytes)' });
      expect(bands.at(-1)!.end).toBe(session.memorySize);
    } finally {
      await session.dispose();
    }
  });

  it('the free top of the heap is called free, not "never handed out": a freed block merges into it', async () => {
    // free(a) gives a's chunk back to dlmalloc's top chunk, so the top band covers bytes a held.
    const { facts: f, walk, session, n } = await runAndWalk('heap-wasi.wasm', 'a = malloc(100)\nfree(a)\n');
    try {
      const top = memoryMap(f, { memorySize: session.memorySize, stackPointer: null, walk }).find((b) => b.kind === 'heap-unused')!;
      expect(top.start).toBeLessThanOrEqual(n.a!);
      expect(top.label).toBe('dlmalloc (wasi-libc): free, at the top of the heap (in no block now)');
    } finally {
      await session.dispose();
    }
  });

  it('memory the program grew between two dlmalloc segments is not heap', async () => {
    // grow(3) leaves 3 pages between the first segment and the one the big malloc gets: they
    // were one "dlmalloc (wasi-libc)" heap band from the first segment to the last.
    const { facts: f, walk, session, n } = await runAndWalk('segments.wasm', 'a = malloc(100)\ng = grow(3)\nbig = malloc(200000)\n');
    try {
      const bands = memoryMap(f, { memorySize: session.memorySize, stackPointer: null, walk });
      const gap = [n.g! * 65536, (n.g! + 3) * 65536];
      expect(walk.gaps).toEqual([gap]);
      expect(bands.find((b) => b.start === gap[0])).toMatchObject({ end: gap[1], kind: 'unused' });
      expect(bands.filter((b) => b.kind === 'heap' && b.start < gap[1] && b.end > gap[0])).toEqual([]);
      for (let i = 1; i < bands.length; i++) expect(bands[i]!.start).toBeGreaterThanOrEqual(bands[i - 1]!.end);
    } finally {
      await session.dispose();
    }
  });
});
