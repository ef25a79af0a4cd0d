// `memscope export-host --out FILE` checks FILE as `memscope run` checks its output files: it
// wrote over the sequence or the module it was given, and a missing directory was a bare ENOENT.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'examples', 'return-string');

function exportHost(args: string[]): { status: number | null; stderr: string } {
  const r = memscope(['export-host', ...args, '--lang', 'js']);
  return { status: r.status, stderr: r.stderr };
}

describe('export-host --out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-export-out-'));
  const seq = join(dir, 'story.wseq');
  const module = join(dir, 'return-string.wasm');
  copyFileSync(join(EXAMPLE, 'return-string.wasm'), module);
  writeFileSync(seq, 'module "return-string.wasm"\nret = malloc(8)\n');
  symlinkSync(seq, join(dir, 'link.wseq'));

  it('refuses the sequence or the module as FILE (by path or through a link), leaving them as they were', () => {
    const sequenceText = readFileSync(seq, 'utf8');
    expect(exportHost([seq, '--out', seq])).toEqual({ status: 2, stderr: `memscope export-host: --out ${seq} is the sequence file; it would be overwritten\n` });
    expect(exportHost([seq, '--out', join(dir, 'link.wseq')]).stderr).toContain('is the sequence file; it would be overwritten');
    expect(exportHost([seq, '--out', module])).toEqual({ status: 2, stderr: `memscope export-host: --out ${module} is the module file; it would be overwritten\n` });
    expect(readFileSync(seq, 'utf8')).toBe(sequenceText);
    expect(readFileSync(module).subarray(0, 4)).toEqual(Buffer.from('\0asm'));
  }, 60_000);

  it('says in words what is wrong with a missing directory or a directory as FILE, before writing', () => {
    const missing = join(dir, 'nowhere', 'host.mjs');
    expect(exportHost([seq, '--out', missing])).toEqual({
      status: 2, stderr: `memscope export-host: --out ${missing}: cannot write in ${join(dir, 'nowhere')}: no such file or directory\n`,
    });
    mkdirSync(join(dir, 'sub'));
    expect(exportHost([seq, '--out', join(dir, 'sub')])).toEqual({ status: 2, stderr: `memscope export-host: --out ${join(dir, 'sub')}: is a directory\n` });
  }, 60_000);

  it('writes the program when FILE is somewhere new', () => {
    const program = join(dir, 'host.mjs');
    expect(exportHost([seq, '--out', program])).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(program, 'utf8')).toContain('malloc');
  }, 60_000);
});
