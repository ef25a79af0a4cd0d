// Files the CLI is pointed at are read only when they are regular files of a bounded size
// (issue 13, item 10): `inspect /dev/zero` grew without limit and a FIFO hung the command.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

/** `memscope ARGS`: its exit status and stderr, what each refusal here is checked by. */
function statusAndStderr(args: string[]): { status: number | null; stderr: string } {
  const { status, stderr } = memscope(args);
  return { status, stderr };
}

describe('files that are not regular files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-fifo-'));
  const fifo = join(dir, 'pipe.wasm');
  spawnSync('mkfifo', [fifo]);

  it('inspect refuses /dev/zero and a FIFO with a clear error', () => {
    for (const file of ['/dev/zero', fifo]) {
      const r = statusAndStderr(['inspect', file]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/not a regular file/);
    }
  });

  it('run and snapshot refuse them too', () => {
    const run = statusAndStderr(['run', fifo]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not a regular file/);
    const snap = statusAndStderr(['snapshot', '/dev/zero']);
    expect(snap.status).toBe(2);
    expect(snap.stderr).toMatch(/not a regular file/);
  });
});

describe('a sequence that is not UTF-8', () => {
  // Latin-1's é: decoded leniently it became U+FFFD, which `write utf8` put in memory as ef bf bd.
  const dir = mkdtempSync(join(tmpdir(), 'memscope-latin1-'));
  const file = join(dir, 'latin1.wseq');
  writeFileSync(file, Buffer.concat([Buffer.from('module "x.wasm"\nwrite utf8 "caf'), Buffer.from([0xe9]), Buffer.from('" @ 0\n')]));
  const refusal = `${file}:2:16: byte 0xe9 (offset 31 in the file) is not UTF-8: sequences are UTF-8 text; save the file as UTF-8\nwrite utf8 "caf\ufffd" @ 0\n               ^\n`;

  it('run, export-host and inspect --sequence refuse it where its first such byte is', () => {
    for (const args of [['run', file], ['export-host', file, '--lang', 'js'], ['inspect', join(import.meta.dirname, '..', 'testdata', 'names.wasm'), '--sequence', file]]) {
      const r = statusAndStderr(args);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr, args[0]).toBe(refusal);
    }
  });
});

describe('a directory given as a sequence', () => {
  // Each command said it its own way: `EISDIR`, Node's "illegal operation on a directory, read".
  const dir = mkdtempSync(join(tmpdir(), 'memscope-dir-'));

  it('run, export-host and inspect --sequence say it in the same words', () => {
    expect(statusAndStderr(['run', dir])).toEqual({ status: 2, stderr: `memscope run: cannot read sequence ${dir}: is a directory\n` });
    expect(statusAndStderr(['export-host', dir, '--lang', 'js'])).toEqual({ status: 2, stderr: `memscope export-host: cannot read ${dir}: is a directory\n` });
    const inspect = statusAndStderr(['inspect', join(import.meta.dirname, '..', 'testdata', 'names.wasm'), '--sequence', dir]);
    expect(inspect).toEqual({ status: 2, stderr: `memscope inspect: cannot read sequence ${dir}: is a directory\n` });
  });
});

describe("a module the sequence's module line names that cannot be read", () => {
  // It said only `cannot read module /abs/nowhere.wasm`: which file named it, and where, was left out.
  const dir = mkdtempSync(join(tmpdir(), 'memscope-nowhere-'));
  const file = join(dir, 'bad.wseq');
  writeFileSync(file, '# a sequence whose module is not there\n  module "nowhere.wasm"\nf()\n');
  const refusal = `${file}:2:3: cannot read module ${join(dir, 'nowhere.wasm')}: no such file or directory\n  module "nowhere.wasm"\n  ^^^^^^^^^^^^^^^^^^^^^\n`;

  it('run and export-host say it at that line, with a caret under it', () => {
    for (const args of [['run', file], ['export-host', file, '--lang', 'js']]) {
      const r = statusAndStderr(args);
      expect(r, args[0]).toEqual({ status: 2, stderr: refusal });
    }
  });

  it('--module given: the file is named, not the line', () => {
    const r = statusAndStderr(['run', file, '--module', join(dir, 'other.wasm')]);
    expect(r).toEqual({ status: 2, stderr: `memscope run: cannot read module ${join(dir, 'other.wasm')}: no such file or directory\n` });
  });
});
