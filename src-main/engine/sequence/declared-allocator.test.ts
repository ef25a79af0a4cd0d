// `allocator ALLOC [FREE]` on a real Rust 1.63 library whose pair is alloc_buf / free_buf
// (testdata/rust-named-alloc): alloc(n) and free(p) call them, the heap ledger counts the blocks
// as the host's and refuses a double free; a line that does not fit the module is an error at
// its name, before anything runs; the starter guesses the line and its sequence runs green.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStepHeap } from '../../shared/heap-format.ts';
import { openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { guessAllocator } from '../module/allocator.ts';
import { inspectBytes } from '../module/inspect.ts';
import { starterSequence } from '../module/starter.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';

const WASM = resolve(import.meta.dirname, 'testdata/rust-named-alloc/rust-named-alloc.wasm');
const open = openSessionsDisposedAfterEach();

function info() {
  const inspected = inspectBytes(new Uint8Array(readFileSync(WASM)));
  if (!inspected.ok) throw new Error(inspected.error.message);
  return inspected.value;
}

/** Each validation error as `line:column message`. */
function errors(text: string): string[] {
  const parsed = parseSequence(text, 'd.wseq');
  expect(parsed.errors).toEqual([]);
  return validateSequence(parsed.sequence, info()).map((e) => `${e.where?.line}:${e.where?.column} ${e.message}`);
}

describe('allocator ALLOC FREE', () => {
  it('alloc(n) and free(p) call the named pair; the host owns the blocks; a second free is refused as a double free', async () => {
    const session = await open(WASM, {
      sequence: `allocator alloc_buf free_buf
name = alloc(5)
write utf8 "World" @ name
out = alloc(8)
greet(name, 5, out)
s = read {ptr: u32, len: u32} @ out
text = read utf8 @ s.ptr [s.len]
free_buf(s.ptr, s.len)
free(out)
free(name)
expect no leaks
free(name)
`,
    });
    const records = await session.run();
    expect(records.slice(0, -1).every((r) => r.ok)).toBe(true);
    expect(records[0]!.calls[0]).toMatchObject({ export: 'alloc_buf', args: [{ bits: 5 }] });
    expect(formatStepHeap(records[0]!.heap!)).toEqual([expect.stringMatching(/^heap: host alloc_buf allocated 12 B at 0x[0-9a-f]+$/)]);
    expect(records[5]!.bound.text).toMatchObject({ value: 'Hello, World!' });
    // free(out) passes the size alloc(8) asked for, as free_buf's Layout needs.
    expect(records[7]!.calls[0]).toMatchObject({ export: 'free_buf', args: [{}, { bits: 8 }] });
    expect(records[7]!.heap!.freed).toMatchObject([{ owner: 'host', freedBy: 'host', by: 'alloc_buf' }]);
    const last = records.at(-1)!;
    expect(last.ok).toBe(false);
    expect(last.error).toMatchObject({ code: 'heap-problem', message: expect.stringMatching(/^double free of 0x[0-9a-f]+: .*\(free_buf was not called; free!\(name\) forces it\)$/) });
    expect(last.calls).toEqual([]);
  });

  it('forces the allocator\'s own free with `!` (free_buf!(p, 4)), as free!(p), and nothing else', () => {
    // Before: only the names free and realloc took a `!`, so a refused free_buf(p, 4) (or Rust's
    // dealloc) could be forced only through the free(p) pseudo-call the refusal then named.
    expect(errors('allocator alloc_buf free_buf\np = alloc(4)\nfree_buf!(p, 4)\nfree!(p)\n')).toEqual([]);
    expect(errors('allocator alloc_buf free_buf\np = alloc(4)\ngreet!(p, 4, p)\n')).toEqual([
      "3:1 only the allocator's free (free, free_buf) and realloc can be forced with '!' (free!(p)), not greet"]);
  });

  it('a name the module does not export, or an export that cannot allocate or free, is an error at that name', () => {
    expect(errors('allocator alloc_bf free_buf\np = alloc(4)\n')).toEqual([
      "1:11 the module exports no function 'alloc_bf'; exports that could allocate: alloc_buf",
    ]);
    expect(errors('allocator alloc_buf alloc_buf\n')).toEqual([
      '1:21 alloc_buf (i32) -> i32 cannot free a block: it must take the pointer, then optionally the size and the alignment, all i32, and return nothing',
    ]);
    expect(errors('allocator free_buf\n')).toEqual([
      '1:11 free_buf (i32, i32) -> () cannot be an allocator: it must take the size (and optionally an alignment) and return the pointer, (i32) -> i32',
    ]);
    expect(errors('allocator alloc_buf free_buf\nallocator alloc_buf\n')).toEqual(['2:1 allocator is already given on line 1']);
  });

  it('without the line, alloc(n) says how to name one', () => {
    expect(errors('p = alloc(4)\n')).toEqual([
      "1:5 alloc() needs the module's allocator, but it exports none Memscope knows (malloc/free, alloc/dealloc, allocate, cabi_realloc, __new, __wbindgen_malloc); "
      + 'if it has one by another name, say which before the first step: allocator ALLOC FREE',
    ]);
  });

  it('the starter guesses the pair from names and signatures, names it, and its steps run green with nothing leaked', async () => {
    expect(guessAllocator(info().exports)).toMatchObject({ convention: 'declared', alloc: { name: 'alloc_buf' }, free: { name: 'free_buf' } });
    // Inspect's guess, which the starter writes out and `memscope inspect` says.
    expect(info().allocator).toBeNull();
    expect(info().allocatorGuess).toEqual(guessAllocator(info().exports));
    const text = starterSequence(info(), 'rust-named-alloc.wasm');
    expect(text).toContain('\nmodule "rust-named-alloc.wasm"\nallocator alloc_buf free_buf\n');
    expect(text).toContain('# Allocator: no convention Memscope knows, but alloc_buf (i32) -> i32 and free_buf (i32, i32) -> ()\n');
    // The guest's answer is freed too, with its length: a starter that leaks teaches leaking.
    expect(text).toContain('\ntext = read utf8 @ s.ptr [s.len]\n# the answer is the guest\'s block: freed with its length (the size, when it was a boxed str)\nfree_buf(s.ptr, s.len)\nfree(ret)\nfree(arg)\n\n'
      + '# Every block the steps above allocated, the host\'s and the guest\'s, was given back:\nexpect no leaks\n');
    const session = await open(WASM, { sequence: text });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records.find((r) => r.bound.text)!.bound.text).toMatchObject({ value: 'Hello, hello!' });
  });
});
