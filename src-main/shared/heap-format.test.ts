// The heap's text forms, shared by the CLI and the UI: allocations, frees, summaries, liveness.

import { describe, expect, it } from 'vitest';
import type { HeapSummary, StepRecord } from './dto.ts';
import { blockToJson, formatAllocation, formatFree, formatHeapSummary, formatProblem, liveAfter, problemsOf } from './heap-format.ts';

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
    expect(formatFree({ ...h, freedBy: 'guest' })).toBe('guest freed 12 B at 0x10610 (from line 16, host malloc)');
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

  it('JSON blocks have exactly the documented names', () => {
    expect(Object.keys(blockToJson(g))).toEqual(['address', 'size', 'owner', 'step', 'line']);
  });

  it('knows which allocated blocks a later step freed', () => {
    const steps = [{ heap: { allocated: [g], freed: [], problems: [] } }, { heap: { allocated: [], freed: [{ ...g, freedBy: 'host' }], problems: [] } }] as unknown as StepRecord[];
    expect(liveAfter(steps.slice(0, 1))(g)).toBe(true);
    expect(liveAfter(steps)(g)).toBe(false);
  });
});
