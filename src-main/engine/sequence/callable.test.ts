import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../module/inspect.ts';
import { body, funcType, module as wasm, section, str, T, u32, vec } from '../module/testing/wasm-bytes.ts';
import { formatSourceError } from './errors.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';

// (v128) -> (), () -> v128, () -> externref, () -> i32; no memory.
const bytes = wasm(
  section(1, vec([funcType([T.v128], []), funcType([], [T.v128]), funcType([], [T.externref]), funcType([], [T.i32])])),
  section(3, vec([u32(0), u32(1), u32(2), u32(3)])),
  section(7, vec(['vin', 'v', 'ext', 'one'].map((name, i) => [...str(name), 0x00, ...u32(i)]))),
  section(10, vec([body(), body([0xfd, 0x0c, ...new Array<number>(16).fill(0)]), body([0xd0, T.externref]), body([0x41, 0x01])])),
);

describe('calls a sequence cannot make', () => {
  it('are refused where the call is, before anything runs: a v128 in or out, a reference in', () => {
    const info = inspectBytes(bytes);
    if (!info.ok) throw new Error(info.error.message);
    const parsed = parseSequence('x = v()\nvin(1)\none()\n', 'types.wseq');
    expect(parsed.errors).toEqual([]);
    expect(validateSequence(parsed.sequence, info.value).map(formatSourceError)).toEqual([
      "types.wseq:1:5: 'v' returns a v128, which JavaScript cannot receive from WebAssembly (the JS API refuses any call of it)\nx = v()\n    ^",
      "types.wseq:2:1: 'vin' takes a v128, which a sequence cannot pass (it passes numbers: i32, i64, f32, f64)\nvin(1)\n^^^",
    ]);
  });
});
