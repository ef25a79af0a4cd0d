// `memscope run` stopped by a step that failed part way: the steps after it, which may free what
// the earlier ones allocated, never ran, so those blocks are "not freed yet", not leaks, as the
// Heap panel and `memscope heap` say (sequenceOver). It printed "✗ 2 leaks" here. A guest that
// exited (proc_exit, any code) ends the sequence: what it kept is leaked.
// The modules are resources/examples/heap-double-free's (clang, emmalloc) and testdata/exit-leak.c.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'memscope.js');
const MODULE = join(ROOT, 'resources', 'examples', 'heap-double-free', 'double-free.wasm');
const EXIT_MODULE = join(import.meta.dirname, 'testdata', 'exit-leak.wasm');
const dir = mkdtempSync(join(tmpdir(), 'memscope-run-failed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(name: string, text: string): { status: number | null; stdout: string } {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout };
}

describe('memscope run stopped by a failed step', () => {
  it('part way: the blocks the steps left would free are not freed yet, not leaks', () => {
    const r = run('part-way.wseq', `module "${MODULE}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\nfree(a)\nfree(b)\n`);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('2 blocks (40 B) allocated by the steps so far and not freed yet:');
    expect(r.stdout).not.toMatch(/\d+ leaks? \(|never freed/);
    expect(lines.at(-2)).toBe('✗ step 3 (line 4) failed; 3 of 5 steps ran');
  });

  it('the last step failing ends the sequence: what it kept are leaks', () => {
    const r = run('last.wseq', `module "${MODULE}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\n`);
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
