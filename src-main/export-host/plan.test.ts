// The calls export-host refuses, once for every language, said as a parse error is: an argument
// without bound names that `memscope run` refuses (its own evaluation and conversion), and an
// export whose signature no host can pass or bind. Exact text; the module is
// testdata/value-types (an export of each value type).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportHost, HOST_LANGUAGES, type HostLanguage } from './index.ts';
import { EXAMPLES } from './testing/demo-sequences.ts';

const VALUE_TYPES = join(import.meta.dirname, 'testdata/value-types/value-types.wasm');
const C_STRUCT = join(EXAMPLES, 'c-struct/c-struct.wasm');

function exported(steps: string[], language: HostLanguage, moduleFile = VALUE_TYPES): ReturnType<typeof exportHost> {
  return exportHost({
    language, sequenceText: [`module "${moduleFile}"`, ...steps, ''].join('\n'), sequenceFile: 'refused.wseq',
    moduleBytes: readFileSync(moduleFile), moduleFile, outDir: '.',
  });
}

/** The message every language refuses `steps` with (the same in each: the plan's, not an emitter's). */
function refusal(steps: string[], moduleFile?: string): string {
  const messages = HOST_LANGUAGES.map((language) => {
    const r = exported(steps, language, moduleFile);
    return r.ok ? `${language}: exported` : r.message;
  });
  expect(new Set(messages).size, messages.join('\n---\n')).toBe(1);
  return messages[0]!;
}

describe('export-host refuses an argument memscope run refuses', () => {
  it.each([
    ['a float for an i32', 'x = add(1.5, 2)', [
      'refused.wseq:2:9: argument 1 of add (i32) needs an integer, not a float',
      'x = add(1.5, 2)',
      '        ^^^',
    ]],
    ['text for an i32', 'x = add(1, "a")', [
      'refused.wseq:2:12: argument 2 of add (i32) needs an integer, not text',
      'x = add(1, "a")',
      '           ^^^',
    ]],
    ['an integer below an i32', 'x = add(-2147483649, 2)', [
      'refused.wseq:2:9: argument 1 of add (i32): -2147483649 does not fit in 32 bits (-2147483648 to 4294967295)',
      'x = add(-2147483649, 2)',
      '        ^^^^^^^^^^^',
    ]],
    ['an integer above an i32', 'x = add(0, 4294967296)', [
      'refused.wseq:2:12: argument 2 of add (i32): 4294967296 does not fit in 32 bits (-2147483648 to 4294967295)',
      'x = add(0, 4294967296)',
      '           ^^^^^^^^^^',
    ]],
    ['a float past the largest f32', 'y = take_f32(1e50)', [
      'refused.wseq:2:14: argument 1 of take_f32 (f32): 1e+50 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)',
      'y = take_f32(1e50)',
      '             ^^^^',
    ]],
    ['text for an f64', 'y = take_f64("1.5")', [
      'refused.wseq:2:14: argument 1 of take_f64 (f64) needs a number, not text',
      'y = take_f64("1.5")',
      '             ^^^^^',
    ]],
    ['an expression of literals past an i64', 'z = take_i64(0xffffffffffffffff + 1)', [
      'refused.wseq:2:14: argument 1 of take_i64 (i64): 18446744073709551616 does not fit in 64 bits (-9223372036854775808 to 18446744073709551615)',
      'z = take_i64(0xffffffffffffffff + 1)',
      '             ^^^^^^^^^^^^^^^^^^^^^^',
    ]],
    ['an expression of literals run cannot evaluate', 'z = take_i64(1 / 0)', [
      'refused.wseq:2:14: division by zero',
      'z = take_i64(1 / 0)',
      '             ^^^^^',
    ]],
  ])('%s', (_name, step, expected) => {
    expect(refusal([step])).toBe(expected.join('\n'));
  });

  it('the size of alloc(n), as the allocator export it goes to takes it', () => {
    expect(refusal(['p = alloc(1.5)'], C_STRUCT)).toBe([
      'refused.wseq:2:11: argument 1 of malloc (i32) needs an integer, not a float',
      'p = alloc(1.5)',
      '          ^^^',
    ].join('\n'));
  });

  it('every refused call, in line order, as parse errors are', () => {
    // A constant argument run refuses is refused where the sequence meets the module
    // (validateSequence), as run refuses it; what no host can bind, after, by the plan.
    expect(refusal(['x = add(1.5, 2)', 'ok = add(1, 2)', 'f = func_ref()', 'y = take_f32("a")'])).toBe([
      'refused.wseq:2:9: argument 1 of add (i32) needs an integer, not a float',
      'x = add(1.5, 2)',
      '        ^^^',
      'refused.wseq:5:14: argument 1 of take_f32 (f32) needs a number, not text',
      'y = take_f32("a")',
      '             ^^^',
    ].join('\n'));
    expect(refusal(['ok = add(1, 2)', 'f = func_ref()', 'g = func_ref()'])).toBe([
      'refused.wseq:3:5: func_ref returns a funcref, which the exported hosts cannot receive, bound or not: they call only exports whose results are i32, i64, f32 or f64',
      'f = func_ref()',
      '    ^^^^^^^^',
      'refused.wseq:4:5: func_ref returns a funcref, which the exported hosts cannot receive, bound or not: they call only exports whose results are i32, i64, f32 or f64',
      'g = func_ref()',
      '    ^^^^^^^^',
    ].join('\n'));
  });

  it.each(HOST_LANGUAGES)('%s: leaves what run passes, and arguments with names, which only the program knows', (language) => {
    const r = exported([
      'x = add(-2147483648, 4294967295)', 'i = take_i64(-9223372036854775808)', 'j = take_i64(0xffffffffffffffff)',
      'f = take_f32(2)', 'g = take_f32(1e400)', 'h = take_f64(-1.5)', 'a = 1.5', 'y = add(a, x)', 'z = add(x + 0.5, 1)',
    ], language);
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
  });
});

describe('export-host refuses an export whose signature no host can pass or bind', () => {
  // A v128 anywhere and a reference argument: run's own refusal, before anything runs (validateSequence).
  it.each([
    ['a v128 result', 'v = vec()', [
      "refused.wseq:2:5: 'vec' returns a v128, which JavaScript cannot receive from WebAssembly (the JS API refuses any call of it)",
      'v = vec()',
      '    ^^^',
    ]],
    ['a v128 parameter', 'take_vec(0, 0)', [
      "refused.wseq:2:1: 'take_vec' takes a v128, which a sequence cannot pass (it passes numbers: i32, i64, f32, f64)",
      'take_vec(0, 0)',
      '^^^^^^^^',
    ]],
    ['an externref parameter (before its externref result)', 'r = echo_ref(0)', [
      "refused.wseq:2:5: 'echo_ref' takes an externref, which a sequence cannot pass (it passes numbers: i32, i64, f32, f64)",
      'r = echo_ref(0)',
      '    ^^^^^^^^',
    ]],
    ['a funcref result, unbound', 'func_ref()', [
      'refused.wseq:2:1: func_ref returns a funcref, which the exported hosts cannot receive, bound or not: they call only exports whose results are i32, i64, f32 or f64',
      'func_ref()',
      '^^^^^^^^',
    ]],
    ['a funcref result, which run binds as 0', 'f = func_ref()', [
      'refused.wseq:2:5: func_ref returns a funcref, which the exported hosts cannot receive, bound or not: they call only exports whose results are i32, i64, f32 or f64',
      'f = func_ref()',
      '    ^^^^^^^^',
    ]],
  ])('%s', (_name, step, expected) => {
    expect(refusal([step])).toBe(expected.join('\n'));
  });
});
