// `memscope run` ending part way, so what the steps kept is "not freed yet", not leaks "never
// freed": paused inside a call at a watch's stop (what the call still holds, a block only its wasm
// locals point to: testdata/pause-leak.c frees it two lines on), or stopped by a step that failed
// part way (the steps after it, which may free what the earlier ones allocated, never ran; it
// printed "✗ 2 leaks" there), as the Heap panel and `memscope heap` say (sequenceOver). The last
// step failing, or a guest that exited (proc_exit, any code), ends the sequence: what it kept is
// leaked. Modules: testdata/pause-leak.c, resources/examples/heap-double-free's (clang, emmalloc)
// and testdata/exit-leak.c.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../paths.ts';
import { memscope, type MemscopeRun } from './testing/memscope-cli.ts';

const MODULE = join(import.meta.dirname, 'testdata', 'pause-leak.wasm');
const FREES_LATER = join(PACKAGE_ROOT, 'resources', 'examples', 'heap-double-free', 'double-free.wasm');
const EXIT_MODULE = join(import.meta.dirname, 'testdata', 'exit-leak.wasm');
const dir = mkdtempSync(join(tmpdir(), 'memscope-run-partway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `memscope ...ARGS FILE` on `text` written to `name`. */
function run(name: string, text: string, args = ['run']): MemscopeRun {
  const file = join(dir, name);
  writeFileSync(file, text);
  return memscope([...args, file], { timeout: 120_000 });
}

describe('memscope run paused at a watch stop', () => {
  it('calls a block the paused call still holds not freed yet, not a leak', () => {
    const r = run('paused.wseq', `module "${MODULE}"\nwatch last @ &last stop\nr = work(4)\n`);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('1 block (28 B) allocated by the steps so far and not freed yet:');
    expect(r.stdout).not.toMatch(/\d+ leaks? \(|never freed/);
  });

  it('memscope heap at the same stop says it too', () => {
    const r = run('heap-paused.wseq', `module "${MODULE}"\nwatch last @ &last stop\nr = work(4)\n`, ['heap']);
    expect(r.stdout.split('\n')).toContain('1 block (28 B) allocated by the steps so far and not freed yet:');
    expect(r.stdout).not.toMatch(/\d+ leaks? \(|never freed/);
  });

  it('run to the end, the same call frees it: no leaks', () => {
    const r = run('whole.wseq', `module "${MODULE}"\nr = work(4)\nexpect r == 3\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('no leaks: every block allocated during the sequence was freed');
  });
});

describe('memscope run stopped by a failed step', () => {
  it('part way: the blocks the steps left would free are not freed yet, not leaks', () => {
    const r = run('part-way.wseq', `module "${FREES_LATER}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\nfree(a)\nfree(b)\n`);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('2 blocks (40 B) allocated by the steps so far and not freed yet:');
    expect(r.stdout).not.toMatch(/\d+ leaks? \(|never freed/);
    expect(lines.at(-2)).toBe('✗ step 3 (line 4) failed; 3 of 5 steps ran');
  });

  it('--strict-heap --json part way counts no leak: what the steps kept is not freed yet', () => {
    const r = run('strict-part-way.wseq', `module "${FREES_LATER}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\nfree(a)\nfree(b)\n`, ['run', '--strict-heap', '--json']);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; errors?: { code: string }[] };
    expect(json.ok).toBe(false);
    expect((json.errors ?? []).filter((e) => e.code === 'heap-problem')).toEqual([]);
    expect(r.stderr).not.toContain('--strict-heap');
  });

  it('--json part way lists them as notFreedYet, "leaks" null: a script read them as leaks', () => {
    const text = `module "${FREES_LATER}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\nfree(a)\nfree(b)\n`;
    type Heap = { leaks: unknown[] | null; notFreedYet?: { size: number; line: number }[] };
    const ran = JSON.parse(run('json-part-way.wseq', text, ['run', '--json']).stdout) as { heap: Heap };
    const walked = JSON.parse(run('heap-json-part-way.wseq', text, ['heap', '--json']).stdout) as Heap;
    for (const heap of [ran.heap, walked]) {
      expect(heap.leaks).toBeNull();
      expect(heap.notFreedYet?.map((b) => [b.size, b.line])).toEqual([[expect.any(Number), 2], [expect.any(Number), 3]]);
    }
  });

  it('heap --step N is part way too; run to the end the same blocks are leaks', () => {
    const text = `module "${FREES_LATER}"\na = malloc(16)\nb = malloc(24)\n`;
    type Heap = { leaks: { line: number }[] | null; notFreedYet?: unknown[] };
    const first = JSON.parse(run('heap-step.wseq', text, ['heap', '--json', '--step', '1']).stdout) as Heap;
    expect([first.leaks, first.notFreedYet?.length]).toEqual([null, 1]);
    const end = JSON.parse(run('heap-end.wseq', text, ['heap', '--json']).stdout) as Heap;
    expect([end.leaks?.map((b) => b.line), end.notFreedYet]).toEqual([[2, 3], undefined]);
  });

  it('the last step failing ends the sequence: what it kept are leaks', () => {
    const r = run('last.wseq', `module "${FREES_LATER}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\n`);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toContain('✗ 2 leaks (40 B allocated during the sequence, never freed):');
  });

  it('a guest that exited with a failing code: what it kept is leaked, no step can free it', () => {
    const r = run('exit.wseq', `module "${EXIT_MODULE}"\na = keep(16)\nquit(3)\nrelease(a)\n`);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('✗ 1 leak (28 B allocated during the sequence, never freed):');
    expect(lines.at(-2)).toBe('✗ step 2 (line 3) failed; 2 of 3 steps ran, exit code 3');
  });
});
