// Test helper: hand-assembled modules that exercise the reader's features. `featureModule` is
// valid for V8 in Node 20 (multi-value, shared memory, tags, passive data, names, producers,
// target_features, DWARF marker); `memory64Module` uses memory64, which Node 20's V8 rejects
// without a flag, so it is read with our reader alone.

import { T, body, custom, funcType, module, s32, s64, section, str, u32, vec, type Bytes } from './wasm-bytes.ts';

const nameMap = (entries: [number, string][]): Bytes => vec(entries.map(([i, n]) => [...u32(i), ...str(n)]));
const sub = (id: number, payload: Bytes): Bytes => [id, ...u32(payload.length), ...payload];

export function featureModule(): Uint8Array {
  return module(
    section(1, vec([
      funcType([T.i32, T.i32], [T.i32, T.i32]), // 0: swap, multi-value
      funcType([], []), // 1: init
      funcType([T.i32], [T.i64]), // 2: log
      funcType([T.i32], []), // 3: tag payload
    ])),
    section(2, vec([
      [...str('env'), ...str('mem'), 0x02, 0x03, ...u32(1), ...u32(10)], // shared memory 1..10
      [...str('env'), ...str('log'), 0x00, ...u32(2)],
      [...str('env'), ...str('base'), 0x03, T.i32, 0x00],
      [...str('env'), ...str('tbl'), 0x01, T.funcref, 0x00, ...u32(1)],
    ])),
    section(3, vec([u32(0), u32(1), u32(2)])),
    section(13, vec([[0x00, ...u32(3)]])),
    section(6, vec([
      [T.i64, 0x01, 0x42, ...s64(-5n), 0x0b],
      [T.f32, 0x00, 0x43, 0x00, 0x00, 0xc0, 0x3f, 0x0b], // 1.5
      [T.i32, 0x00, 0x23, ...u32(0), 0x0b],
    ])),
    section(7, vec([
      [...str('swap'), 0x00, ...u32(1)],
      [...str('memory'), 0x02, ...u32(0)],
      [...str('counter'), 0x03, ...u32(1)],
      [...str('oops'), 0x04, ...u32(0)],
      [...str('table'), 0x01, ...u32(0)],
      [...str('log'), 0x00, ...u32(0)],
    ])),
    section(8, u32(2)),
    section(9, vec([[0x00, 0x41, ...s32(0), 0x0b, ...vec([u32(1)])]])),
    section(12, u32(2)),
    section(10, vec([
      body([0x20, 1, 0x20, 0]), // local.get 1, local.get 0
      body(),
      body([0x42, 7]), // i64.const 7
    ])),
    section(11, vec([
      [0x01, ...str('hello')], // passive
      [0x00, 0x41, ...s32(16), 0x0b, ...str('abc')], // active, memory 0, offset 16
    ])),
    custom('name', [
      ...sub(0, str('features')),
      ...sub(1, nameMap([[0, 'log'], [1, 'swap'], [2, 'init']])),
      ...sub(2, vec([[...u32(1), ...nameMap([[0, 'a'], [1, 'b']])]])),
      ...sub(7, nameMap([[1, 'counter'], [0, 'base']])),
      ...sub(9, nameMap([[0, 'greeting'], [1, 'abc']])),
    ]),
    custom('producers', vec([
      [...str('language'), ...vec([[...str('C11'), ...str('')]])],
      [...str('processed-by'), ...vec([[...str('clang'), ...str('14.0.6')]])],
    ])),
    custom('target_features', vec([
      [0x2b, ...str('multivalue')],
      [0x2b, ...str('atomics')],
      [0x2d, ...str('simd128')],
    ])),
    custom('.debug_info', [1, 2, 3, 4]),
  );
}

export function memory64Module(): Uint8Array {
  return module(
    section(1, vec([funcType([], [T.i64])])),
    section(3, vec([u32(0)])),
    section(5, vec([[0x05, ...u32(1), ...u32(70000)]])), // memory64, 1..70000 pages
    section(7, vec([[...str('size'), 0x00, ...u32(0)], [...str('memory'), 0x02, ...u32(0)]])),
    section(10, vec([body([0x3f, 0x00])])), // memory.size
    section(11, vec([[0x00, 0x42, ...s64(5_000_000_000n), 0x0b, ...str('far')]])),
  );
}
