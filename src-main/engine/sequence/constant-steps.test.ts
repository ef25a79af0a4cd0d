// A write of a constant value, or an expect comparing constants, that run would fail is refused
// where the sequence meets the module, at its line:column: `write i32 4294967296 @ p` and
// `expect "abc" == 1` ran every step before them, then failed with the step's line alone.

import { describe, expect, it } from 'vitest';
import type { ModuleInfo } from '../../shared/dto.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';

const MODULE = {
  size: 100, kind: 'reactor', toolchain: { name: 'c', evidence: [] }, allocator: null,
  imports: [], exports: [{ name: 'f', index: 0, kind: 'func', type: { params: [], results: ['i32'] } }], functionCount: 1, tables: [],
  memories: [{ min: 1, max: null, shared: false, memory64: false }], globals: [], start: null, elementSegments: 0, dataCount: null,
  codeSizes: [], dataSegments: [], customSections: [], names: null, producers: {}, targetFeatures: [], dwarf: [],
} as unknown as ModuleInfo;

function check(text: string): string[] {
  const { sequence, errors } = parseSequence(text, 'c.wseq');
  expect(errors).toEqual([]);
  return validateSequence(sequence, MODULE).map((e) => `${e.where?.line}:${e.where?.column}+${e.where?.length}: [${e.code}] ${e.message}`);
}

describe('a step whose constants fail', () => {
  it('a numeric write out of its type\'s range: at the value, in run\'s words', () => {
    expect(check('p = f()\nwrite i32 4294967296 @ p\nwrite u8 256 @ 0\nwrite i64 -9223372036854775809 @ p\nwrite f32 1e50 @ p\nwrite u16 "x" @ p\n')).toEqual([
      '2:11+10: [eval-error] write i32: 4294967296 does not fit in 32 bits (-2147483648 to 4294967295)',
      '3:10+3: [eval-error] write u8: 256 does not fit in 8 bits (-128 to 255)',
      '4:11+20: [eval-error] write i64: -9223372036854775809 does not fit in 64 bits (-9223372036854775808 to 18446744073709551615)',
      '5:11+4: [eval-error] write f32: 1e+50 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)',
      '6:11+3: [eval-error] write u16 needs an integer, not text',
    ]);
  });

  it('an expect comparing text with a number', () => {
    expect(check('expect "abc" == 1\nexpect 1 < "abc"\n')).toEqual([
      '1:1+17: [eval-error] cannot compare text with an integer',
      '2:1+16: [eval-error] cannot compare an integer with text',
    ]);
  });

  it('what holds a name, or passes, is left to run (a false expect is a failure, not an error)', () => {
    expect(check('p = f()\nwrite u32 p @ p\nwrite u32 -1 @ p\nwrite u8 p + 300 @ p\nexpect p == "abc"\nexpect 1 == 2\nexpect "a" == "a"\n')).toEqual([]);
  });
});
