// C function pointers in the CLI's text, named by the function their table slot holds as the
// debug adapter names them (shared/function-pointer.ts): `heap`'s statics and a watch hit's
// reading said `op = 0x1` and `h = { id: 3, run: 0x2, … }`, the slot numbers alone.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const FNPTR = join(PACKAGE_ROOT, 'src-main/dap/testdata/fnptr.wasm');

function sequence(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'memscope-fnptr-')), 'fnptr.wseq');
  writeFileSync(file, `module "${FNPTR}"\n${text}`);
  return file;
}

describe('function pointers in the CLI', () => {
  it('heap lists statics holding them with the function named, through a typedef, in a struct and in an array', () => {
    const r = memscope(['heap', sequence('setup()\n')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  op = 0x1 <add>  (op_fn)\n');
    expect(r.stdout).toContain('  h = { id: 3, run: 0x2 <sub>, check: 0x1 <add> }  (handler)\n');
    expect(r.stdout).toContain('  ops = [0x2 <sub>, 0x1 <add>]  (op_fn[2])\n');
  });

  it("a watch hit's reading names the function written", () => {
    const r = memscope(['run', sequence('watch o @ &op\nsetup()\n')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('by setup+0x13 (fnptr.c:15:6); op = 0x1 <add>, was 0x0\n');
  });
});
