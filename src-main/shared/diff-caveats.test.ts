import { describe, expect, it } from 'vitest';
import { diffCaveats } from './diff-caveats.ts';

describe('diffCaveats', () => {
  it('says memories of different sizes, the smaller named where it ends, and different modules by hash', () => {
    const a = { name: 'after.msnap', size: 65536, moduleName: 'trap.wasm', moduleSha256: 'a'.repeat(64) };
    const b = { name: 'live memory', size: 131072, moduleName: 'return-string.wasm', moduleSha256: 'b'.repeat(64) };
    expect(diffCaveats(a, b)).toEqual([
      'memory sizes differ: after.msnap has 65536 bytes (1 page), live memory 131072 bytes (2 pages); the bytes past 0x10000, where after.msnap ends, are compared with zero',
      `different modules: after.msnap is of trap.wasm (sha256 ${'a'.repeat(16)}…), live memory of return-string.wasm (sha256 ${'b'.repeat(16)}…); their memory layouts need not agree`,
    ]);
  });

  it('says nothing of a module not recorded, nor of two steps of one memory', () => {
    expect(diffCaveats({ name: 'x.bin', size: 100, moduleSha256: '' }, { name: 'live memory', size: 100, moduleSha256: 'b'.repeat(64) })).toEqual([]);
    expect(diffCaveats({ name: 'memory after step 1', size: 65536 }, { name: 'memory after step 3', size: 131072 })).toEqual([
      'memory sizes differ: memory after step 1 has 65536 bytes (1 page), memory after step 3 131072 bytes (2 pages); the bytes past 0x10000, where memory after step 1 ends, are compared with zero',
    ]);
  });
});
