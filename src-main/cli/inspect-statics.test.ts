// The `statics` row of `memscope inspect`: the static variables a build's DWARF names, a few per
// source file, the program's own files first (engine/module/dwarf/testdata, real builds).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../engine/index.ts';
import { formatSummary } from './inspect-format.ts';

const DWARF = join(import.meta.dirname, '../engine/module/dwarf/testdata');

async function staticsRow(name: string): Promise<string[]> {
  const info = await inspectFile(join(DWARF, name));
  if (!info.ok) throw new Error(info.error.message);
  return formatSummary(name, info.value).split('\n').filter((l) => l.startsWith('  statics ')).map((l) => l.slice(14));
}

describe('inspect: statics', () => {
  it('C with wasi-libc: its own file first, four names a file, the rest counted', async () => {
    expect(await staticsRow('statics.wasm')).toEqual([
      '10 named by DWARF (statics.c: greeting, origin, grid, count, +4; dlmalloc.c: _gm_, mparams); --json lists each with its address, type and size',
    ]);
  });

  it('Rust: names by module path', async () => {
    expect(await staticsRow('statics-rust.wasm')).toEqual([
      '4 named by DWARF (statics.rs: statics::GREETING, statics::COUNTER, statics::HITS, statics::inner::TABLE); --json lists each with its address, type and size',
    ]);
  });

  it('no row without debug info', async () => {
    const info = await inspectFile(join(import.meta.dirname, '../../resources/examples/return-string/return-string.wasm'));
    if (!info.ok) throw new Error(info.error.message);
    expect(formatSummary('m.wasm', info.value)).not.toContain('statics');
  });
});
