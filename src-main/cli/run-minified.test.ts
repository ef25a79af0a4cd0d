// A minified Emscripten module (-O3) through the CLI, with the .js Emscripten wrote beside it:
// inspect shows the glue's names beside the module's own, run hosts it by them and says where
// they came from, and export-host refuses it (its hosts would bind a.a, a.b, … to zeros).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope, ROOT, runJson } from './testing/run-json.ts';

const DIR = join(ROOT, 'src-main/engine/host/testdata/emscripten-runtime');
const SEQUENCE = join(DIR, 'greet-min.wseq');

describe('memscope and a minified Emscripten module with its glue beside it', () => {
  it('inspect: the glue\'s names, each with the module\'s own', () => {
    const r = memscope(['inspect', join(DIR, 'greet-min.wasm')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("\n  names       from greet-min.js beside it, the JavaScript Emscripten wrote with it (the module's own are minified)\n");
    expect(r.stdout).toMatch(/\n {4}wasi_snapshot_preview1\.fd_write +func +\(i32, i32, i32, i32\) -> i32 +-> wasi {2}\(a\.a in the module\)\n/);
    expect(r.stdout).toMatch(/\n {4}greet +func +\(i32\) -> i32 {2}\(f in the module\)\n/);
    expect(r.stdout).not.toContain('warning');
  });

  it('run: hosted by the glue\'s names, and says so', () => {
    const text = memscope(['run', SEQUENCE]);
    expect(text.stdout.split('\n')[0]).toBe(`memscope run ${SEQUENCE}: greet-min.wasm (its names from greet-min.js), 7 steps`);
    const { status, json } = runJson(SEQUENCE);
    expect(json.steps.filter((s) => !s.ok)).toEqual([]);
    expect(status).toBe(0);
    expect(json.bindings).toMatchObject({ text: 'hello, ann' });
    expect(json.stdout).toBe('greeted ann\n');
  });

  it('export-host: refused, saying why and what to build instead', () => {
    const r = memscope(['export-host', SEQUENCE, '--lang', 'js']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Emscripten minified its import names (a.a, a.b, …, at -O3 and -Os), and an exported host binds imports by the module\'s own names');
  });
});
