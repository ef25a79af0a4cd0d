// Import planning: WASI, configured and AssemblyScript builtins, defaults, stubs, strict mode.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../module/inspect.ts';
import { example } from './test-helpers.ts';
import { annotateImports, planImports, planModuleImports, unknownBuiltin } from './import-plan.ts';

function info(name: string) {
  const inspected = inspectBytes(new Uint8Array(readFileSync(example(name))));
  if (!inspected.ok) throw new Error(inspected.error.message);
  return inspected.value;
}

describe('planImports', () => {
  it('binds configured builtins and stubs the rest; strict mode names what is missing', () => {
    const printer = info('print-builtin');
    const loose = planImports(printer, { 'env.log': 'print_utf8' }, false);
    expect(loose.ok && loose.value).toEqual({
      'env.log': { binding: 'builtin', builtin: 'print_utf8' },
      'env.log16': { binding: 'stub' },
    });
    const strict = planImports(printer, { 'env.log': 'print_utf8' }, true);
    expect(strict.ok ? 'ok' : strict.error.message).toMatch(/unresolved import: env\.log16 \(i32, i32\) -> \(\)/);
    if (loose.ok) expect(annotateImports(printer, loose.value).imports.map((i) => i.binding)).toEqual(['builtin', 'stub']);
  });

  it('binds nothing to an unknown builtin name, which unknownBuiltin refuses with the builtins there are', () => {
    // The sequence validator reports an `import` line's at its line:column (unknown-builtin.test.ts).
    const printer = info('print-builtin');
    const bad = planImports(printer, { 'env.log': 'printf' }, true);
    expect(bad.ok ? 'ok' : bad.error.message).toBe('unresolved import: env.log16 (i32, i32) -> () '
      + '(bind with `import module.name = <builtin>`, or turn strict imports off to stub them)');
    expect(planImports(printer, { 'env.log': 'printf' }, false)).toMatchObject({ ok: true, value: { 'env.log': { binding: 'stub' } } });
    const refused = { ok: false, error: { code: 'usage', message: "import env.log = printf: unknown builtin 'printf'; builtins are print_utf8, print_utf16, abort, trace" } };
    expect(unknownBuiltin({ 'env.log16': 'print_utf16', 'env.log': 'printf' })).toEqual(refused);
    expect(planModuleImports(printer, { 'env.log': 'printf' })).toEqual(refused);
    expect(unknownBuiltin({ 'env.log': 'print_utf8' })).toBeNull();
  });

  it('binds AssemblyScript abort automatically', () => {
    const as = info('assemblyscript-strings');
    const plan = planImports(as, {}, true);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(Object.values(plan.value).every((p) => p.binding !== 'stub')).toBe(true);
    expect(plan.value['env.abort']).toEqual({ binding: 'builtin', builtin: 'abort' });
  });
});
