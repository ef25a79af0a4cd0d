// A real Emscripten module with ALLOW_MEMORY_GROWTH through `memscope run`: its heap grows past
// the initial memory through env.emscripten_resize_heap, and is refused past the memory cap.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runJson } from './testing/run-json.ts';

const SEQUENCE = join(ROOT, 'src-main/engine/host/testdata/emscripten-grow/grow.wseq');

describe('memscope run: an Emscripten heap that grows (Emscripten 3.1.6, JS glue)', () => {
  it('grows memory for malloc past the initial 16 MiB, and answers 0 past the cap', () => {
    const { status, json } = runJson(SEQUENCE, '--deterministic');
    const failed = json.steps.filter((s) => !s.ok).map((s) => `line ${s.line}: ${s.error?.message}`);
    expect(failed).toEqual([]);
    expect(status).toBe(0);
    const grow = json.steps[0]!.calls[0]!.imports.filter((i) => i.name === 'emscripten_resize_heap');
    expect(grow.length).toBeGreaterThan(0);
    expect(grow.every((i) => i.binding === 'builtin')).toBe(true);
    expect(grow.at(-1)!.summary).toMatch(/^emscripten_resize_heap\(\d+\) → 1: memory grew from 16 MiB to 2\d(\.\d+)? MiB$/);
    const refused = json.steps.find((s) => s.source.startsWith('q = '))!.calls[0]!.imports.filter((i) => i.name === 'emscripten_resize_heap');
    expect(refused.at(-1)!.summary).toMatch(/→ 0: .*memory cap of 1 GiB/);
  });
});
