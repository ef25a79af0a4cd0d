// The functions table 0 holds once instantiated, from hand-made element sections of every
// encoding (sections/segments.ts), checked against V8; dap/values.test.ts names a clang build's
// function pointer through them, shared/function-pointer.test.ts reads a slot.

import { expect, it } from 'vitest';
import { inspectBytes } from './inspect.ts';
import { T, body, funcType, module, s32, section, str, u32, vec, type Bytes } from './testing/wasm-bytes.ts';

/** A module of four functions, an imported i32 global (`__table_base`), two tables of 32 funcref and one element section holding `segments`. */
function withElements(...segments: Bytes[]): Uint8Array {
  return module(
    section(1, vec([funcType([], [])])),
    section(2, vec([[...str('env'), ...str('__table_base'), 0x03, T.i32, 0x00]])),
    section(3, vec([u32(0), u32(0), u32(0), u32(0)])),
    section(4, vec([[T.funcref, 0x00, ...u32(32)], [T.funcref, 0x00, ...u32(32)]])),
    section(9, vec(segments)),
    section(10, vec([body(), body(), body(), body()])),
  );
}

const END = 0x0b;
const i32 = (n: number): Bytes => [0x41, ...s32(n), END];
const refFunc = (f: number): Bytes => [0xd2, ...u32(f), END];

it('keeps the active segments of table 0 at a constant offset, of every encoding, in order; counts them all', () => {
  const result = inspectBytes(withElements(
    [0x00, ...i32(1), ...vec([u32(1), u32(2)])], // flags 0: slots 1 and 2
    [0x02, ...u32(1), ...i32(1), 0x00, ...vec([u32(3)])], // flags 2: table 1, not table 0
    [0x04, ...i32(10), ...vec([refFunc(3), [0xd0, T.funcref, END]])], // flags 4: ref.func 3, ref.null
    [0x00, 0x23, ...u32(0), END, ...vec([u32(0)])], // at global.get 0 (__table_base): known only at run time
    [0x01, 0x00, ...vec([u32(0)])], // passive
    [0x06, ...u32(0), ...i32(20), T.funcref, ...vec([refFunc(0)])], // flags 6: table 0 named
    [0x03, 0x00, ...vec([u32(2)])], // declarative
    [0x00, ...i32(2), ...vec([u32(0)])], // slot 2 again: instantiation leaves function 0 there
  ));
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.elementSegments).toBe(8);
  expect(result.value.tableFunctions).toEqual([
    { slot: 1, functions: [1, 2] },
    { slot: 10, functions: [3, null] },
    { slot: 20, functions: [0] },
    { slot: 2, functions: [0] },
  ]);
});

it('is absent when no segment fills table 0 at a constant offset', () => {
  const result = inspectBytes(withElements([0x01, 0x00, ...vec([u32(0)])]));
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value).toMatchObject({ elementSegments: 1 });
  expect(result.value.tableFunctions).toBeUndefined();
});

it('a segment V8 refuses is refused by the reader, naming the segment', () => {
  // Before, the reader skipped the segments; now it reads them, so it must refuse only what V8 does.
  const cases: [Bytes, RegExp][] = [
    [[0x08, ...i32(0), ...vec([u32(0)])], /element segment 0 has unknown flags 8/],
    [[0x01, 0x01, ...vec([u32(0)])], /element segment 0 has element kind 1, not 0 \(funcref\)/],
    [[0x04, 0x42, 0x00, END, ...vec([refFunc(0)])], /./], // an i64 offset: our reader reads it, V8 refuses its type
    [[0x00, 0x45, END, ...vec([u32(0)])], /opcode 0x45 is not allowed in element segment 0 offset/],
  ];
  for (const [segment, message] of cases) {
    const bytes = withElements(segment);
    expect(WebAssembly.validate(bytes)).toBe(false);
    const result = inspectBytes(bytes);
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed-module' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  }
});
