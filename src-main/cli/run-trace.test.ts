// `memscope run --trace-writes` and `watch` through the real CLI: the text says who wrote what,
// --json carries `writes` and `watchHits` with exactly the documented fields.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, memscope, runJson } from './testing/run-json.ts';

/** The DWARF test modules (clang-19 -g builds, engine/module/dwarf/testdata). */
const TESTDATA = join(import.meta.dirname, '../engine/module/dwarf/testdata');

function writeSequence(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'memscope-trace-')), 'trace.wseq');
  writeFileSync(file, text);
  return file;
}

function sequenceFile(text: string): string {
  return writeSequence(`module "${join(EXAMPLES, 'c-struct/c-struct.wasm')}"\n${text}`);
}

interface TracedStep {
  line: number;
  writes?: Record<string, unknown>[];
  watchHits?: Record<string, unknown>[];
  error?: { code: string; message: string; stack?: { name: string; offset?: number }[] };
}

describe('memscope run --trace-writes', () => {
  it('--json: each step has writes [{start, end, function, offset}]; watch hits [{name, address, size, value, function, offset}]', () => {
    const seq = sequenceFile('p = malloc(32)\nwatch y @ p + 4\npoint_init(p, 3, 4, 7)\nwrite i32 -7 @ p + 4\n');
    const { status, json } = runJson(seq, '--trace-writes');
    expect(status).toBe(0);
    const steps = json.steps as unknown as TracedStep[];
    const p = json.bindings.p as number;
    for (const s of steps) for (const w of s.writes ?? []) expect(Object.keys(w)).toEqual(['start', 'end', 'function', 'offset']);
    expect(steps[2]!.writes).toContainEqual({ start: p, end: p + 1, function: 'point_init', offset: 5 });
    expect(steps[2]!.watchHits).toEqual([{ name: 'y', address: p + 4, size: 4, value: '04 00 00 00', function: 'point_init', offset: 0x20 }]);
    expect(steps[3]!.writes).toEqual([{ start: p + 4, end: p + 8, function: 'host', offset: 0 }]);
  });

  it('text: who wrote each step, the watch hit, and a stop with its guest stack', () => {
    const seq = sequenceFile('p = malloc(32)\nwatch y @ p + 4 stop\npoint_init(p, 3, 4, 7)\n');
    const r = memscope(['run', seq]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/written by dlmalloc \d+ B/);
    expect(r.stdout).toMatch(/watch y @ 0x[0-9a-f]+ \[4\]: 00 00 00 00 → 04 00 00 00 by point_init\+0x20/);
    expect(r.stdout).toContain("watchpoint: watch 'y' was written by point_init+0x20");
    expect(r.stdout).toMatch(/at point_init \(func \d+ @0xd2\)/);
  });

  it("a watch over a static reads the value written as its row does: a member of a watched struct, a global clang -O1 shrank to a flag", () => {
    const origin = join(TESTDATA, 'statics.wasm');
    const point = memscope(['run', writeSequence(`module "${origin}"\nwatch o @ &origin\nwrite i32 7 @ &origin.y\n`)]);
    expect(point.stdout).toContain('       watch o @ 0x414 [4]: 02 00 00 00 → 07 00 00 00 by host; origin.y = 7, was 2\n');
    const o1 = join(TESTDATA, 'statics-o1.wasm');
    const flag = memscope(['run', writeSequence(`module "${o1}"\nwatch mode @ &mode\nn = go(3)\nwrite i8 0 @ &mode\n`)]);
    expect(flag.stdout).toContain('       watch mode @ 0x410 [1]: 00 → 01 by go+0x4d; mode = 5 (stored as 1), was 0 (stored as 0)\n');
    expect(flag.stdout).toContain('       watch mode @ 0x410 [1]: 01 → 00 by host; mode = 0 (stored as 0), was 5 (stored as 1)\n');
  });

  it('without the flag or a watch, steps have no writes', () => {
    const { json } = runJson(sequenceFile('p = malloc(32)\n'));
    expect((json.steps[0] as unknown as TracedStep).writes).toBeUndefined();
  });
});
