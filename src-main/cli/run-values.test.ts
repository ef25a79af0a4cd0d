// `memscope run` on values and files that read wrong before: a float result of -0 bound as "0"
// (text) and 0 (--json) under the call's "= -0"; a memory image or glue where the module goes.

import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, memscope, ROOT, runJson } from './testing/run-json.ts';

const NEGZ = join(ROOT, 'src-main/cli/testdata/negative-zero.wseq');

describe('memscope run: values and inputs', () => {
  it('a float result of -0 keeps its sign when bound, in the text and in --json', () => {
    const text = memscope(['run', NEGZ]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('       → negz() = -0  [');
    expect(text.stdout).toContain('\n       x = -0\n');
    expect(text.stdout).toContain('\n       y = -0\n');
    const { status, json } = runJson(NEGZ);
    expect(status).toBe(0);
    // As NaN and Infinity are: JSON.stringify writes -0 as 0.
    expect(json.bindings).toEqual({ x: '-0', y: '-0' });
  });

  it('a coredump, a snapshot or glue as the module is said to be one, naming it once, as given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-run-kinds-'));
    const dump = join(dir, 'crash.wasm');
    expect(memscope(['run', join(EXAMPLES, 'trap/trap.wseq'), '--coredump', dump]).status).toBe(1);
    // Named by the module line: the path it resolves to, which `memscope snapshot` reads from anywhere.
    writeFileSync(join(dir, 'c.wseq'), 'module "crash.wasm"\nx = f()\n');
    const byLine = memscope(['run', join(dir, 'c.wseq')]);
    expect([byLine.status, byLine.stdout, byLine.stderr]).toEqual([2, '', `memscope run: ${dump} is a memory image (a Wasm coredump, by its contents), not a module: \`memscope snapshot ${dump}\` reads it\n`]);
    const json = memscope(['run', '--json', join(dir, 'c.wseq')]);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, errors: [{ code: 'usage', message: byLine.stderr.slice('memscope run: '.length, -1), where: { file: dump } }] });
    // A snapshot was "malformed-module: header: bad magic number".
    const snap = join(dir, 'snap.wasm');
    writeFileSync(snap, Buffer.concat([Buffer.from('MSNAP\0\0\x01'), Buffer.from([0x9a, 0x26, 0, 0])]));
    const trap = join(EXAMPLES, 'trap/trap.wseq');
    expect(memscope(['run', trap, '--module', snap]).stderr).toBe(`memscope run: ${snap} is a memory image (a Memscope snapshot, by its contents), not a module: \`memscope snapshot ${snap}\` reads it\n`);
  });

  it('glue beside a minified module that is not its glue: the glue is named once, without "usage:"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-run-glue-'));
    const runtime = join(ROOT, 'src-main/engine/host/testdata/emscripten-runtime');
    copyFileSync(join(runtime, 'greet-min.wasm'), join(dir, 'greet-min.wasm'));
    copyFileSync(join(runtime, 'greet-min.wseq'), join(dir, 'greet-min.wseq'));
    const glue = join(dir, 'greet-min.js');
    writeFileSync(glue, 'var x = 1;\n');
    const r = memscope(['run', join(dir, 'greet-min.wseq')]);
    expect([r.status, r.stderr]).toEqual([2, `memscope run: ${glue} names none of the module's imports or exports: it is not the JavaScript Emscripten wrote beside a minified module\n`]);
  });
});
