// Source lines from the module's DWARF in `memscope run`: a watched static's writer and a trap's
// frame at their line (engine/module/dwarf/testdata/statics.c, built with clang-19 -g), as text
// and as --json, with write tracing on too; a watch's stop with the writer's locals and its
// caller's line and locals (frames.c), a watch on stack bytes read as the writer's variables, and
// one on heap blocks as what a static's pointer makes them (list.c).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

/** statics.c as its DWARF names it: under the directory it was compiled in (DW_AT_comp_dir). */
const STATICS_C = expect.stringMatching(/(^|\/)testdata\/statics\.c$/);

const ROOT = join(import.meta.dirname, '../..');
const TESTDATA = join(ROOT, 'src-main/engine/module/dwarf/testdata');

function run(args: string[]): { status: number | null; stdout: string } {
  const r = memscope(['run', ...args]);
  return { status: r.status, stdout: r.stdout };
}

describe('memscope run: DWARF source lines', () => {
  it("a watch hit names the writer's line: `table = realloc(…)`, statics.c line 16", () => {
    const seq = join(TESTDATA, 'statics-lines.wseq');
    const text = run([seq]);
    expect(text.stdout).toContain('       watch t @ 0x43c [4]: 00 00 00 00 → 60 06 01 00 by put+0x74 (statics.c:16:9); table = 0x10660, was 0x0\n');
    const json = JSON.parse(run(['--json', seq]).stdout) as { steps: { watchHits?: unknown[]; writes?: { function: string; source?: { file: string } }[] }[] };
    expect(json.steps.flatMap((s) => s.watchHits ?? [])).toEqual([
      { name: 't', address: 0x43c, size: 4, value: '60 06 01 00', function: 'put', offset: 0x74, source: { file: STATICS_C, line: 16, column: 9 } },
    ]);
    // Writers inside wasi-libc are placed in its sources too.
    const dlmalloc = json.steps.flatMap((s) => s.writes ?? []).find((w) => w.function === 'dlmalloc');
    expect(dlmalloc?.source?.file).toBe('dlmalloc/src/malloc.c');
  });

  it("a watch's stop prints the writer's locals, read in its stack frame: scale() in frames.c, in its loop", () => {
    const text = run([join(TESTDATA, 'frames.wseq')]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain([
      `       ✗ ${join(TESTDATA, 'frames.wseq')}:6:5: watchpoint: watch 'last_x' was written by scale+0xdc (frames.c:17:12): 00 00 00 00 → 06 00 00 00 at 0x408`,
      '         r = scale(&input, 2)',
      '             ^^^^^',
      '           at scale (func 1 @0x150, frames.c:17:12)',
      '           locals of scale: p = 0x400, factor = 2, scaled = { x: 6, y: 8 }, total = 0, i = 0',
      'heap: not walked (the module links no malloc)',
    ].join('\n'));
    const json = JSON.parse(run(['--json', join(TESTDATA, 'frames.wseq')]).stdout) as { locals?: unknown };
    expect(json.locals).toEqual({ function: 'scale', variables: [
      { name: 'p', type: 'const point *', address: expect.any(Number), value: '0x400' },
      { name: 'factor', type: 'int', address: expect.any(Number), value: '2' },
      { name: 'scaled', type: 'point', address: expect.any(Number), value: '{ x: 6, y: 8 }' },
      { name: 'total', type: 'int', address: expect.any(Number), value: '0' },
      { name: 'i', type: 'int', address: expect.any(Number), value: '0' },
    ] });
  });

  it("a watch on a local's bytes reads the write as that local, in the stop's frame: i in scale()'s loop", () => {
    const located = JSON.parse(run(['--json', join(TESTDATA, 'frames.wseq')]).stdout) as { locals: { variables: { name: string; address: number }[] } };
    const i = located.locals.variables.find((v) => v.name === 'i')!.address;
    const dir = mkdtempSync(join(tmpdir(), 'memscope-local-'));
    const seq = join(dir, 'local.wseq');
    writeFileSync(seq, `write i32 3 @ &input.x\nwrite i32 4 @ &input.y\nwatch slot @ 0x${i.toString(16)} [4] stop\nr = scale(&input, 2)\n`);
    try {
      const text = run(['--module', join(TESTDATA, 'frames.wasm'), seq]);
      expect(text.stdout).toContain(`       watch slot @ 0x${i.toString(16)} [4]: 00 00 00 00 → 00 00 00 00 by scale+0x7d (frames.c:15:12); i = 0, was 0\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a watch over stack bytes reads every write as a variable of the function that wrote it: scale's, then scale_twice's and scale's again over the same bytes", () => {
    const located = JSON.parse(run(['--json', join(TESTDATA, 'frames.wseq')]).stdout) as { locals: { variables: { name: string; address: number }[] } };
    const i = located.locals.variables.find((v) => v.name === 'i')!.address;
    const at = (delta: number): string => `0x${(i + delta).toString(16)}`;
    const dir = mkdtempSync(join(tmpdir(), 'memscope-frame-'));
    const seq = join(dir, 'frame.wseq');
    writeFileSync(seq, `write i32 3 @ &input.x\nwrite i32 4 @ &input.y\nwatch frame @ ${at(-8)} [32]\nr = scale(&input, 2)\nr = scale_twice(&input, 2)\n`);
    try {
      const lines = run(['--module', join(TESTDATA, 'frames.wasm'), seq]).stdout.split('\n');
      const hits = (step: string): string[] => lines.slice(lines.findIndex((l) => l.includes(step))).filter((l) => l.startsWith('       watch frame')).map((l) => l.trim());
      // scale's loop: i and the inner block's total, each write read as the writer's variable then.
      expect(hits('✓ r = scale(&input, 2)').filter((l) => l.includes('frames.c:15:27') || l.includes('frames.c:16:9'))).toEqual([
        `watch frame @ ${at(-4)} [4]: 00 00 00 00 → 00 00 00 00 by scale+0xbc (frames.c:16:9); total = 0, was 0`,
        `watch frame @ ${at(0)} [4]: 00 00 00 00 → 01 00 00 00 by scale+0xf9 (frames.c:15:27); i = 1, was 0`,
        `watch frame @ ${at(-4)} [4]: 00 00 00 00 → 0a 00 00 00 by scale+0xbc (frames.c:16:9); total = 10 (0xa), was 0`,
        `watch frame @ ${at(0)} [4]: 01 00 00 00 → 02 00 00 00 by scale+0xf9 (frames.c:15:27); i = 2, was 1`,
      ]);
      // scale_twice's frame is where scale's was; the scale calls inside it sit one frame lower.
      expect(hits('✓ r = scale_twice(&input, 2)')).toEqual([
        `watch frame @ ${at(20)} [4]: 00 04 00 00 → 00 04 00 00 by scale_twice+0x22 (frames.c:26); p = 0x400, was 0x400`,
        `watch frame @ ${at(16)} [4]: 02 00 00 00 → 02 00 00 00 by scale_twice+0x29 (frames.c:26); factor = 2, was 2`,
        `watch frame @ ${at(4)} [4]: 18 00 00 00 → 00 04 00 00 by scale+0x1a (frames.c:12); p = 0x400, was 0x18`,
        `watch frame @ ${at(0)} [4]: 02 00 00 00 → 02 00 00 00 by scale+0x21 (frames.c:12); factor = 2, was 2`,
        `watch frame @ ${at(-8)} [4]: 00 00 00 00 → 06 00 00 00 by scale+0x44 (frames.c:13:25); scaled.x = 6, was 0`,
        `watch frame @ ${at(-4)} [4]: 0a 00 00 00 → 08 00 00 00 by scale+0x67 (frames.c:13:25); scaled.y = 8, was 10 (0xa)`,
        `watch frame @ ${at(12)} [4]: 08 00 00 00 → 18 00 00 00 by scale_twice+0x4a (frames.c:27:7); first = 24 (0x18), was 8`,
        `watch frame @ ${at(4)} [4]: 00 04 00 00 → 00 04 00 00 by scale+0x1a (frames.c:12); p = 0x400, was 0x400`,
        `watch frame @ ${at(0)} [4]: 02 00 00 00 → 03 00 00 00 by scale+0x21 (frames.c:12); factor = 3, was 2`,
        `watch frame @ ${at(-8)} [4]: 06 00 00 00 → 09 00 00 00 by scale+0x44 (frames.c:13:25); scaled.x = 9, was 6`,
        `watch frame @ ${at(-4)} [4]: 08 00 00 00 → 0c 00 00 00 by scale+0x67 (frames.c:13:25); scaled.y = 12 (0xc), was 8`,
        `watch frame @ ${at(8)} [4]: 06 00 00 00 → 1f 00 00 00 by scale_twice+0x76 (frames.c:28:7); second = 31 (0x1f), was 6`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a watch over heap blocks a static's pointer reaches reads each write as the part it wrote: head[0].value, head[0].next[0].value", () => {
    const lines = run([join(TESTDATA, 'list-watch.wseq')]).stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('       watch '))).toEqual([
      '       watch nodes @ 0x10630 [4]: 02 00 00 00 → 14 00 00 00 by scale_all+0x79 (list.c:21:56); head[0].value = 20 (0x14), was 2',
      '       watch older @ 0x10610 [4]: 01 00 00 00 → 0a 00 00 00 by scale_all+0x79 (list.c:21:56); head[0].next[0].value = 10 (0xa), was 1',
    ]);
  });

  it("and each caller's locals, one frame size further out: scale_twice() around scale()", () => {
    const text = run([join(TESTDATA, 'frames-caller.wseq')]);
    expect(text.stdout).toContain([
      '           at scale (func 1 @0x150, frames.c:17:12)',
      '           at scale_twice (func 2 @0x201, frames.c:27:15)',
      '           locals of scale: p = 0x400, factor = 2, scaled = { x: 6, y: 8 }, total = 0, i = 0',
      '           locals of scale_twice: p = 0x400, factor = 2, first = 0, second = 0',
    ].join('\n'));
    const json = JSON.parse(run(['--json', join(TESTDATA, 'frames-caller.wseq')]).stdout) as { locals?: { function: string }; callerLocals?: unknown };
    expect(json.locals?.function).toBe('scale');
    expect(json.callerLocals).toEqual([{ function: 'scale_twice', variables: [
      { name: 'p', type: 'const point *', address: expect.any(Number), value: '0x400' },
      { name: 'factor', type: 'int', address: expect.any(Number), value: '2' },
      { name: 'first', type: 'int', address: expect.any(Number), value: '0' },
      { name: 'second', type: 'int', address: expect.any(Number), value: '0' },
    ] }]);
  });

  it("a trap's frame is at the division in ratio(), statics.c line 39", () => {
    const seq = join(TESTDATA, 'statics-trap.wseq');
    const text = run([seq]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/\n {11}at ratio \(func 7 @0x[0-9a-f]+, statics\.c:39:74\)\n/);
    const json = JSON.parse(run(['--json', seq]).stdout) as { steps: { error?: { stack?: unknown[] } }[] };
    expect(json.steps[0]!.error!.stack).toEqual([{ funcIndex: 7, name: 'ratio', offset: expect.any(Number), source: { file: STATICS_C, line: 39, column: 74 } }]);
  });

  it('the same frame with write tracing on: placed back from the rewritten module at the same offset and line', () => {
    const seq = join(TESTDATA, 'statics-trap.wseq');
    const plain = run([seq]).stdout.match(/\n {11}at ratio \(.*\)\n/)?.[0];
    const traced = run(['--trace-writes', seq]);
    expect(traced.status).toBe(1);
    expect(plain).toMatch(/statics\.c:39:74/);
    expect(traced.stdout).toContain(plain);
  });
});
