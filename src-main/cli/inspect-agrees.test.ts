// `memscope inspect` and the runtime bind every import the same way: for every example module
// (no sequence, as inspect sees it by default) and for a module importing env.print_utf8 with
// and without an `import` line. The runtime's side is the plan the guest worker links with.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInputs } from '../engine/testing.ts';
import { memscope } from './testing/memscope-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TESTDATA = join(import.meta.dirname, 'testdata');
const PRINT_UTF8 = join(TESTDATA, 'print-utf8.wasm');

interface Bound { key: string; binding: string; builtin?: string }

function wasmFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? wasmFiles(join(dir, e.name)) : e.name.endsWith('.wasm') ? [join(dir, e.name)] : []);
}

/** What inspect --json says, per file, in argument order. */
function inspected(files: string[], sequence?: string): Bound[][] {
  const r = memscope(['inspect', '--json', ...(sequence ? ['--sequence', sequence] : []), ...files]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((line) => {
    const record = JSON.parse(line) as { imports: { module: string; name: string; binding: string; builtin?: string }[] };
    return record.imports.map((i) => ({ key: `${i.module}.${i.name}`, binding: i.binding, ...(i.builtin ? { builtin: i.builtin } : {}) }));
  });
}

/** The plan the runtime hands its guest worker for this module (and sequence text). */
function runtimeBindings(file: string, sequence?: string): Bound[] {
  const inputs = resolveInputs({
    moduleBytes: new Uint8Array(readFileSync(file)), moduleName: basename(file),
    ...(sequence ? { sequence: { text: readFileSync(sequence, 'utf8'), file: sequence, baseDir: TESTDATA } } : {}),
  });
  if (!inputs.ok) throw new Error(inputs.error.message);
  return Object.entries(inputs.value.init.bindings).map(([key, p]) => ({ key, binding: p.binding, ...(p.builtin ? { builtin: p.builtin } : {}) }));
}

describe('inspect and the runtime agree on import bindings', () => {
  it('for every example module and print-utf8.wasm, without a sequence', () => {
    const files = [...wasmFiles(join(ROOT, 'resources', 'examples')), PRINT_UTF8];
    expect(files.length).toBeGreaterThan(10);
    const shown = inspected(files);
    files.forEach((file, i) => expect(shown[i], file).toEqual(runtimeBindings(file)));
    expect(shown.at(-1)).toEqual([{ key: 'env.print_utf8', binding: 'stub' }]);
  });

  it('for env.print_utf8 with and without an import line', () => {
    for (const [sequence, expected] of [
      ['with-import.wseq', { key: 'env.print_utf8', binding: 'builtin', builtin: 'print_utf8' }],
      ['without-import.wseq', { key: 'env.print_utf8', binding: 'stub' }],
    ] as const) {
      const path = join(TESTDATA, sequence);
      expect(inspected([PRINT_UTF8], path)[0]).toEqual([expected]);
      expect(runtimeBindings(PRINT_UTF8, path)).toEqual([expected]);
    }
  });
});
