// The README's `inspect` paragraph names keys of `inspect --json`; each is in the real output of
// a module that has it (a README that names a key the output lacks, or the other way, fails).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const TESTDATA = join(ROOT, 'src-main/engine/module');

function record(file: string): Record<string, unknown> {
  const r = memscope(['inspect', '--json', join(TESTDATA, file)]);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The README's bullet on `inspect`, up to the next bullet. */
function inspectParagraph(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('- `inspect` prints, per module');
  expect(start).toBeGreaterThan(0);
  return readme.slice(start, readme.indexOf('\n- ', start + 1));
}

describe('inspect --json against the README', () => {
  it('has every key the README names, where the README says', () => {
    const text = inspectParagraph();
    const statics = record('dwarf/testdata/statics.wasm');
    const list = statics.statics as Record<string, unknown>[];
    const keys = {
      commandExports: Object.keys(record('testdata/command-exports/command-exports.wasm')),
      allocatorGuess: Object.keys(record('testdata/bump-upper/bump-upper.wasm')),
      statics: Object.keys(statics),
      staticTypes: Object.keys(statics),
    };
    for (const [key, have] of Object.entries(keys)) {
      expect(text).toContain(`\`${key}\``);
      expect(have).toContain(key);
    }
    // Each static: name, address, size, type, source file (`unit`), and `scalar`, `layout` or `pointee` by its kind.
    for (const key of ['unit', 'scalar', 'layout', 'pointee']) expect(text).toContain(`\`${key}\``);
    for (const v of list) expect(Object.keys(v)).toEqual(expect.arrayContaining(['name', 'address', 'size', 'type', 'unit']));
    for (const key of ['scalar', 'layout', 'pointee']) expect(list.some((v) => key in v)).toBe(true);
    expect(list.every((v) => ('scalar' in v) !== ('layout' in v))).toBe(true);
    expect(typeof (list.find((v) => 'pointee' in v)!.pointee)).toBe('number');
  });
});
