// Import planning: WASI, configured and AssemblyScript builtins, defaults, stubs, strict mode.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../module/inspect.ts';
import { example } from './test-helpers.ts';
import { annotateImports, planImports } from './import-plan.ts';

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

  it('rejects an unknown builtin name', () => {
    const bad = planImports(info('print-builtin'), { 'env.log': 'printf' }, false);
    expect(bad.ok ? 'ok' : bad.error.code).toBe('usage');
  });

  it('binds AssemblyScript abort automatically', () => {
    const as = info('assemblyscript-strings');
    const plan = planImports(as, {}, true);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(Object.values(plan.value).every((p) => p.binding !== 'stub')).toBe(true);
    expect(plan.value['env.abort']).toEqual({ binding: 'builtin', builtin: 'abort' });
  });
});
