// A constant argument run would refuse is refused where the sequence meets the module (at the
// argument, in run's words), not when its step runs after the steps before it have run.

import { describe, expect, it } from 'vitest';
import type { ExportInfo, FuncType, ModuleInfo, ValType } from '../../shared/dto.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';

const fn = (params: ValType[], results: ValType[] = []): FuncType => ({ params, results });

function info(exports: Record<string, FuncType>): ModuleInfo {
  const ex: ExportInfo[] = Object.entries(exports).map(([name, type], index) => ({ name, index, kind: 'func', type }));
  return {
    size: 100, kind: 'reactor', toolchain: { name: 'c', evidence: [] }, allocator: null,
    imports: [], exports: ex, functionCount: ex.length, tables: [], memories: [{ min: 1, max: null, shared: false, memory64: false }],
    globals: [], start: null, elementSegments: 0, dataCount: null, codeSizes: [], dataSegments: [],
    customSections: [], names: null, producers: {}, targetFeatures: [], dwarf: [],
  };
}

const MODULE = info({ id32: fn(['i32'], ['i32']), id64: fn(['i64'], ['i64']), f32: fn(['f32']), two: fn(['i32', 'f64']) });

function check(text: string): string[] {
  const { sequence, errors } = parseSequence(text, 'c.wseq');
  expect(errors).toEqual([]);
  return validateSequence(sequence, MODULE).map((e) => `${e.where?.line}:${e.where?.column}+${e.where?.length}: [${e.code}] ${e.message}`);
}

describe('a constant argument out of its parameter\'s range', () => {
  it('is refused at the argument, in run\'s words, before anything runs', () => {
    expect(check('a = id32(1)\nid32(-2147483649)\nid32(4294967296)\nf32(1e50)\nid64(1 << 64)\ntwo(1, "x")\n')).toEqual([
      '2:6+11: [eval-error] argument 1 of id32 (i32): -2147483649 does not fit in 32 bits (-2147483648 to 4294967295)',
      '3:6+10: [eval-error] argument 1 of id32 (i32): 4294967296 does not fit in 32 bits (-2147483648 to 4294967295)',
      '4:5+4: [eval-error] argument 1 of f32 (f32): 1e+50 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)',
      '5:6+7: [eval-error] argument 1 of id64 (i64): 18446744073709551616 does not fit in 64 bits (-9223372036854775808 to 18446744073709551615)',
      '6:8+3: [eval-error] argument 2 of two (f64) needs a number, not text',
    ]);
  });

  it('in its expression\'s own words, at the expression that fails', () => {
    expect(check('id32(1 / 0)\nid32(1 << 200)\n')).toEqual([
      '1:6+5: [eval-error] division by zero',
      '2:6+8: [eval-error] shift count 200 is outside 0..128',
    ]);
  });

  it('says an unknown static once, as the static\'s error, not again as the argument\'s', () => {
    expect(check('id32(&nowhere + 1)\n')).toHaveLength(1);
    expect(check('id32(&nowhere + 1)\n')[0]).toMatch(/^1:6\+8: \[eval-error\] .*nowhere/);
  });

  it('passes the ends of the range, and leaves an argument with names to run', () => {
    expect(check('id32(-2147483648)\nid32(4294967295)\nid64(-(1 << 63))\nf32(1e400)\nx = 1 << 40\nid32(x)\nf32(x * 1e300)\n')).toEqual([]);
  });
});
