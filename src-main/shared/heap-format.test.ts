// The heap's text forms, shared by the CLI and the UI: allocations, frees, summaries, liveness.

import { describe, expect, it } from 'vitest';
import type { FreedBlock, HeapSummary, StepRecord } from './dto.ts';
import { blockToJson, formatAllocation, formatFree, formatHeapSummary, formatProblem, formatStepHeap, leakState, leaksToJson, leaksUnknownText, liveAfter, problemsListed, problemsOf } from './heap-format.ts';

const g = { address: 0x10620, size: 28, owner: 'guest' as const, step: 3, line: 18, by: 'make_greeting' };
const h = { address: 0x10610, size: 12, owner: 'host' as const, step: 1, line: 16, by: 'malloc' };

describe('heap text', () => {
  it('lists every step\'s heap problems in step order, with the step and its line', () => {
    const base = { ok: true, calls: [], bound: {}, changes: [], changedBytes: 0, regionEvents: [], durationMs: 0, memorySize: 65536, source: '' };
    const uaf = { kind: 'use-after-free' as const, address: 0x10630, message: 'use after free: …' };
    const over = { kind: 'heap-overflow' as const, address: 0x1063c, message: 'heap overflow: …' };
    const steps: StepRecord[] = [
      { ...base, index: 0, line: 3 },
      { ...base, index: 1, line: 4, heap: { allocated: [], freed: [], problems: [] } },
      { ...base, index: 2, line: 7, heap: { allocated: [], freed: [], problems: [uaf, over] } },
      { ...base, index: 3, line: 9, heap: { allocated: [], freed: [], problems: [uaf] } },
    ];
    expect(problemsOf(steps)).toEqual([
      { step: 2, line: 7, problem: uaf }, { step: 2, line: 7, problem: over }, { step: 3, line: 9, problem: uaf },
    ]);
    expect(problemsOf([])).toEqual([]);
  });

  it('a problem reads as its message, after its kind unless the message names it already', () => {
    expect(formatProblem({ kind: 'use-after-free', address: 0x10630, message: 'use after free: the read of 4 bytes at 0x10630 touches …' }))
      .toBe('use after free: the read of 4 bytes at 0x10630 touches …');
    expect(formatProblem({ kind: 'double-free', address: 0x10630, message: 'double free of 0x10630: …' })).toBe('double free of 0x10630: …');
    expect(formatProblem({ kind: 'double-alloc', address: 0x10630, message: 'malloc returned 0x10630, …' })).toBe('double-alloc: malloc returned 0x10630, …');
    expect(formatProblem({ kind: 'leak', address: 0x10630, message: '12 B at 0x10630, …' })).toBe('leak: 12 B at 0x10630, …');
  });

  it('names who made a block and its state', () => {
    expect(formatAllocation(g, 'live')).toBe('make_greeting allocated 28 B at 0x10620, still live');
    expect(formatAllocation(h)).toBe('host malloc allocated 12 B at 0x10610');
    const node = { address: 0x10620, size: 28, name: 'ages["ada"]', pointee: { type: 'std::__2::__value_type<int, int>', size: 8 }, node: 16 };
    expect(formatAllocation(g, 'live', node)).toBe('make_greeting allocated 28 B at 0x10620, the node of ages["ada"] (std::__2::__value_type<int, int>), still live');
    expect(formatFree({ ...h, freedBy: 'guest' })).toBe('guest freed 12 B at 0x10610 (from line 16, host malloc)');
  });

  it('a block listed under a step of another line (the walk that succeeds after failed ones) says its own line', () => {
    // x, allocated at line 5 while the walk failed, found by line 8's walk; guard made at line 8 itself.
    const x = { address: 0x10650, size: 108, owner: 'host' as const, step: 3, line: 5, by: 'malloc' };
    const guard = { ...x, address: 0x10700, step: 6, line: 8 };
    expect(formatAllocation(x, 'live', undefined, 8)).toBe('host malloc allocated 108 B at 0x10650 (line 5), still live');
    expect(formatAllocation(guard, 'live', undefined, 8)).toBe('host malloc allocated 108 B at 0x10700, still live');
    expect(formatAllocation({ ...x, step: null, line: null }, undefined, undefined, 8)).toBe('host malloc allocated 108 B at 0x10650');
    // The guest's, credited to the window's first line (4, the write that broke the header), says the window itself.
    const k = { address: 0x10800, size: 16, owner: 'guest' as const, step: 2, line: 4, by: 'a call between lines 4 and 8, while the heap walk failed' };
    expect(formatAllocation(k, undefined, undefined, 8)).toBe('a call between lines 4 and 8, while the heap walk failed allocated 16 B at 0x10800');
    expect(formatStepHeap({ allocated: [x, guard], freed: [], problems: [] }, undefined, 8)).toEqual([
      'heap: host malloc allocated 108 B at 0x10650 (line 5)',
      'heap: host malloc allocated 108 B at 0x10700',
    ]);
  });

  it('after a failed walk, says the leaks cannot be known in expect no leaks\' words', () => {
    const why = 'the heap walk failed (walk corrupt: bad header), so blocks allocated since are not known';
    const s: HeapSummary = {
      allocator: 'emmalloc (Emscripten)', walker: 'emmalloc', status: 'corrupt', reason: 'bad header', leaksUnknown: why, live: [g], leaks: [], map: [],
      stackPointer: null, free: [], headers: [],
    };
    expect(leaksUnknownText(why)).toBe(`cannot check for leaks: ${why}`);
    expect(formatHeapSummary(s)).toEqual(['heap: emmalloc (Emscripten), 1 live block, 28 B', 'heap: walk corrupt: bad header', `cannot check for leaks: ${why}`]);
  });

  it('summarises leaks after the run, and says so part way through', () => {
    const s: HeapSummary = {
      allocator: 'dlmalloc (wasi-libc)', walker: 'dlmalloc', status: 'ok', live: [g], leaks: [g], map: [],
      stackPointer: null, free: [], headers: [],
    };
    expect(formatHeapSummary(s)).toEqual([
      'heap: dlmalloc (wasi-libc), 1 live block, 28 B',
      '✗ 1 leak (28 B allocated during the sequence, never freed):',
      '        28 B at 0x10620  line 18, make_greeting',
    ]);
    expect(formatHeapSummary(s, false)[1]).toBe('1 block (28 B) allocated by the steps so far and not freed yet:');
    expect(formatHeapSummary({ ...s, walker: null, reason: 'no heap walker for a go module' })).toEqual(['heap: not walked (no heap walker for a go module)']);
  });

  it('under a garbage collector, counts only what the host holds and says the collector frees the rest', () => {
    const s: HeapSummary = {
      allocator: 'TLSF (AssemblyScript)', walker: 'tlsf', status: 'ok', live: [g, h], leaks: [h], collects: true, map: [],
      stackPointer: null, free: [], headers: [],
    };
    expect(formatHeapSummary(s).slice(1)).toEqual([
      '✗ 1 leak (12 B the host allocated and never freed or unpinned):',
      '        12 B at 0x10610  line 16, host malloc',
    ]);
    expect(formatHeapSummary(s, false)[1]).toBe('1 block (12 B) the host allocated and still holds:');
    expect(formatHeapSummary({ ...s, leaks: [] })).toEqual([
      'heap: TLSF (AssemblyScript), 2 live blocks, 40 B',
      'no leaks: the host let go of every block it allocated (a garbage collector frees the rest)',
    ]);
    expect(formatHeapSummary({ ...s, leaks: [] }, false)[1]).toBe('the host holds no block it allocated (a garbage collector frees the rest)');
  });

  it('with the scan for pointers asked for, each leak says what still points to it, and where that is', () => {
    const map = [
      { start: 0x400, end: 0x500, kind: 'data' as const, label: '.data' },
      { start: 0x500, end: 0x600, kind: 'bss' as const, label: 'zero-initialised static data (.bss)' },
      { start: 0x600, end: 0x10600, kind: 'stack' as const, label: 'stack (free, grows down from 0x10600)' },
    ];
    const lost = { ...g, address: 0x10680, size: 12 };
    // g is kept by .data, h by g; `stale` only by a word left in the free stack; `lost` by nothing.
    const stale = { ...h, address: 0x106a0, size: 8 };
    const s: HeapSummary = {
      allocator: 'dlmalloc (wasi-libc)', walker: 'dlmalloc', status: 'ok', live: [g, h, lost, stale], leaks: [stale, lost], map,
      stillReachable: [g, h], stackPointer: null, free: [], headers: [],
      pointedTo: [[g.address, 0x420], [h.address, 0x10624], [stale.address, 0x700]],
    };
    expect(formatHeapSummary(s)).toEqual([
      'heap: dlmalloc (wasi-libc), 4 live blocks, 60 B',
      '✗ 2 leaks (20 B allocated during the sequence, never freed):',
      '         8 B at 0x106a0  line 16, host malloc  (pointed to only from 0x700, in the free stack)',
      '        12 B at 0x10680  line 18, make_greeting  (nothing in guest memory points to it)',
      'still reachable: 2 blocks (40 B) allocated during the sequence that memory in use still points to (kept on purpose, maybe):',
      '        28 B at 0x10620  line 18, make_greeting  (still pointed to from 0x420, in static data (.data))',
      '        12 B at 0x10610  line 16, host malloc  (still pointed to from 0x10624, in the 28 B block at 0x10620)',
    ]);
    expect(formatHeapSummary({ ...s, leaks: [], live: [g, h] }).slice(1, 3)).toEqual([
      'no leaks: what the sequence allocated and did not free is still reachable',
      'still reachable: 2 blocks (40 B) allocated during the sequence that memory in use still points to (kept on purpose, maybe):',
    ]);
    expect(leaksToJson(s)).toEqual([{ ...blockToJson(stale), pointedFrom: 0x700 }, { ...blockToJson(lost), pointedFrom: null }]);
    expect(leaksToJson(s, s.stillReachable).map((b) => b.pointedFrom)).toEqual([0x420, 0x10624]);
    // The same answer for the heap panel and the call log, made once per summary.
    const state = leakState(s);
    expect([g, h, lost, stale, { address: 0x10700 }].map((b) => state(b.address))).toEqual(['kept', 'kept', 'leaked', 'leaked', 'live']);
    expect(leakState(s)).toBe(state);
    expect(leakState({ ...s, stillReachable: undefined })(g.address)).toBe('live');
    // After a failed walk no block is marked: the lists are partial (HeapSummary.leaksUnknown).
    expect(leakState({ ...s, leaksUnknown: 'the heap walk failed' })(s.leaks[0]!.address)).toBe('live');
  });

  it('a leak pointed to only from inside another leak names that leak (freeing it frees both, often)', () => {
    // A C++ object nothing points to, and the vector buffer only it points to (words.cpp).
    const object = { ...g, address: 0x11570, size: 12 };
    const buffer = { ...h, address: 0x115c0, size: 60 };
    const s: HeapSummary = {
      allocator: 'dlmalloc (wasi-libc)', walker: 'dlmalloc', status: 'ok', live: [object, buffer], leaks: [object, buffer], map: [],
      stackPointer: null, free: [], headers: [], pointedTo: [[buffer.address, 0x11570]],
    };
    expect(formatHeapSummary(s).slice(2)).toEqual([
      '        12 B at 0x11570  line 18, make_greeting  (nothing in guest memory points to it)',
      '        60 B at 0x115c0  line 16, host malloc  (pointed to only from 0x11570, in the leaked 12 B block at 0x11570)',
    ]);
  });

  it('JSON blocks have exactly the documented names', () => {
    expect(Object.keys(blockToJson(g))).toEqual(['address', 'size', 'owner', 'step', 'line']);
    const freed: FreedBlock = { ...h, freedBy: 'host', freedLine: 7 };
    expect(blockToJson(freed)).toEqual({ address: 0x10610, size: 12, owner: 'host', step: h.step, line: 16, freedLine: 7 });
  });

  it('a free listed under a step of another line (made while the heap walk failed) says its own line', () => {
    // Before: "host freed 12 B at 0x10610 (from line 16, host malloc)" under the step that found it.
    expect(formatFree({ ...h, freedBy: 'host', freedLine: 7 })).toBe('host freed 12 B at 0x10610 at line 7 (from line 16, host malloc)');
    expect(formatStepHeap({ allocated: [], freed: [{ ...h, freedBy: 'host', freedLine: 7 }], problems: [] }, undefined, 8))
      .toEqual(['heap: host freed 12 B at 0x10610 at line 7 (from line 16, host malloc)']);
    expect(formatFree({ ...h, freedBy: 'host' })).toBe('host freed 12 B at 0x10610 (from line 16, host malloc)');
  });

  it('knows which allocated blocks a later step freed', () => {
    const steps = [{ heap: { allocated: [g], freed: [], problems: [] } }, { heap: { allocated: [], freed: [{ ...g, freedBy: 'host' }], problems: [] } }] as unknown as StepRecord[];
    expect(liveAfter(steps.slice(0, 1))(g)).toBe(true);
    expect(liveAfter(steps)(g)).toBe(false);
  });
});

describe('heap problems under a step', () => {
  const leak = { kind: 'leak' as const, address: 0x10620, message: '28 B at 0x10620, …' };
  const overflow = { kind: 'heap-overflow' as const, address: 0x10640, message: 'wrote 2 bytes past …' };
  const heap = (...problems: (typeof leak | typeof overflow)[]) => ({ allocated: [], freed: [], problems });
  it('are listed, except what the step\'s error already says', () => {
    expect(problemsListed({ heap: heap(overflow) })).toEqual([overflow]);
    // A refused double free: the problem is the error.
    expect(problemsListed({ heap: heap({ ...overflow, kind: 'double-free' as never }), error: { code: 'heap-problem', message: 'double free of …' } })).toEqual([]);
    // A failed `expect no leaks` lists its leaks in the error; anything else found on the way stays.
    expect(problemsListed({ heap: heap(leak, overflow), error: { code: 'expect-failed', message: 'expected no leaks …' } })).toEqual([overflow]);
    expect(problemsListed({})).toEqual([]);
  });
});
