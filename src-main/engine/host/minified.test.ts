// A minified Emscripten module (testdata/emscripten-runtime/minified.c at -O3: imports a.a, a.b,
// …; exports d, e, f, …) opened with the JS glue Emscripten wrote beside it: the session uses
// the glue's names, so its runtime imports are hosted, its constructors run and the sequence
// calls greet, malloc and free by name; without the glue a call that reaches an import fails.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../index.ts';
import { collectOutput, openSessionsDisposedAfterEach, text } from './test-helpers.ts';

const DIR = resolve(import.meta.dirname, 'testdata/emscripten-runtime');
const MODULE = resolve(DIR, 'greet-min.wasm');
const GLUE = { file: 'greet-min.js', text: readFileSync(resolve(DIR, 'greet-min.js'), 'utf8') };
const open = openSessionsDisposedAfterEach();

const GREET = `name = malloc(4)
write utf8 "ann\\0" @ name
g = greet(name)
text = read utf8 @ g
free(g)
free(name)
expect no leaks
`;

describe('a minified Emscripten module with its glue', () => {
  it("runs under the glue's names: greet, malloc and free called, printf through fd_write, the heap walked", async () => {
    const session = await open(MODULE, { sequence: GREET, glue: GLUE });
    const chunks = collectOutput(session);
    expect(session.info.namesFrom).toBe('greet-min.js');
    expect(session.info.imports.map((i) => [`${i.module}.${i.name}`, i.wire && `${i.wire.module}.${i.wire.name}`, i.binding])).toEqual(
      expect.arrayContaining([['wasi_snapshot_preview1.fd_write', expect.stringMatching(/^a\.[a-z]$/), 'wasi']]));
    expect(session.info.allocator?.alloc.name).toBe('malloc');
    expect(session.initCall?.export).toBe('__wasm_call_ctors');
    const records = await session.run();
    expect(records.map((r) => r.error?.message).filter(Boolean)).toEqual([]);
    expect(Object.assign({}, ...records.map((r) => r.bound)).text).toMatchObject({ value: 'hello, ann' });
    expect(text(chunks, 'stdout')).toBe('greeted ann\n');
  });

  it('a glue that is not JavaScript is refused naming the file, line and column', async () => {
    const opened = await Session.open({ moduleBytes: readFileSync(MODULE), moduleName: 'greet-min.wasm', glue: { file: 'broken.js', text: 'var a = {\n  b: 1,,\n};' } });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error).toMatchObject({ code: 'usage', where: { file: 'broken.js', line: 2, column: 8 } });
    expect(opened.error.message).toMatch(/^broken\.js is not JavaScript Memscope can read: Unexpected token/);
  });

  it('the glue of another build is refused, naming an import it does not name', async () => {
    const other = { file: 'other.js', text: 'var asmLibraryArg = {"zz": _abort}; wasmMemory = Module["asm"]["d"];' };
    const opened = await Session.open({ moduleBytes: readFileSync(MODULE), moduleName: 'greet-min.wasm', glue: other });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.message).toMatch(/^other\.js does not name the module's imports a\.a, a\.b/);
  });
});
