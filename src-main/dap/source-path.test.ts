import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcePath } from './source-path.ts';

describe('sourcePath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-source-path-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'list.c'), '');
  writeFileSync(join(dir, 'src', 'main.c'), '');

  it('finds a relative name in the module\'s directory', () => {
    expect(sourcePath(dir, 'src/main.c')).toBe(join(dir, 'src', 'main.c'));
  });

  it('keeps an absolute name with no file of its name beside the module', () => {
    expect(sourcePath(join(dir, 'src'), join(dir, 'list.c'))).toBe(join(dir, 'list.c'));
  });

  it('takes the file beside the module for an absolute name (built in another checkout, another machine), else keeps it as DWARF says', () => {
    expect(sourcePath(dir, '/home/ci/build/list.c')).toBe(join(dir, 'list.c'));
    expect(sourcePath(dir, '/usr/src/rustc-1.63.0/library/std/src/panicking.rs')).toBe('/usr/src/rustc-1.63.0/library/std/src/panicking.rs');
  });
});
