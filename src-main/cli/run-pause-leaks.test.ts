// `memscope run` ending paused inside a call at a watch's stop: the heap it prints is the heap
// part-way through that call, so what the call still holds (a block only its wasm locals point
// to) is "not freed yet", not a leak "never freed" (testdata/pause-leak.c frees it two lines on).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'memscope.js');
const MODULE = join(import.meta.dirname, 'testdata', 'pause-leak.wasm');
const dir = mkdtempSync(join(tmpdir(), 'memscope-run-pause-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(name: string, text: string): { status: number | null; stdout: string } {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout };
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
    const file = join(dir, 'heap-paused.wseq');
    writeFileSync(file, `module "${MODULE}"\nwatch last @ &last stop\nr = work(4)\n`);
    const r = spawnSync(process.execPath, [BIN, 'heap', file], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout.split('\n')).toContain('1 block (28 B) allocated by the steps so far and not freed yet:');
    expect(r.stdout).not.toMatch(/\d+ leaks? \(|never freed/);
  });

  it('run to the end, the same call frees it: no leaks', () => {
    const r = run('whole.wseq', `module "${MODULE}"\nr = work(4)\nexpect r == 3\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('no leaks: every block allocated during the sequence was freed');
  });
});
