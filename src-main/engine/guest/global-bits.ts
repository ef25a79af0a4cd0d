// Reads a live global's exact bits (worker side). `WebAssembly.Global.value` hands a float over
// as a JS number, and the trip through a double quiets an f32's signalling NaN (V8's f32->f64
// conversion sets the quiet bit), so a coredump written from it would change the guest's value.
// Instead a tiny module imports the Global itself (globals are shared by reference) and returns
// its reinterpreted bits as an integer, which the JS API passes exactly:
//
//   (module
//     (import "m" "g" (global [mut] T))
//     (func (export "bits") (result i32|i64) global.get 0 [i32.reinterpret_f32 | i64.reinterpret_f64]))
//
// A v128 has no JS value at all (`Global.value` throws), but a v128 Global can still be imported,
// so its reader stores the 16 bytes into a memory of its own, which JS reads:
//
//   (module
//     (import "m" "g" (global [mut] v128))
//     (memory (export "mem") 1)
//     (func (export "bits") (v128.store (i32.const 0) (global.get 0))))

import type { ValType, WasmValue } from '../../shared/dto.ts';
import { ByteWriter } from '../module/byte-writer.ts';

type NumType = 'i32' | 'i64' | 'f32' | 'f64';
type BitsType = NumType | 'v128';

const TYPE_BYTE: Record<BitsType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };
/** The integer type each type's bits come back as, and the reinterpret opcode that gets them. */
const BITS: Record<NumType, { result: number; reinterpret: number[] }> = {
  i32: { result: 0x7f, reinterpret: [] },
  i64: { result: 0x7e, reinterpret: [] },
  f32: { result: 0x7f, reinterpret: [0xbc] },
  f64: { result: 0x7e, reinterpret: [0xbd] },
};

const modules = new Map<string, WebAssembly.Module>();
const readers = new WeakMap<WebAssembly.Global, () => WasmValue>();

function readerModule(type: BitsType, mutable: boolean): WebAssembly.Module {
  const key = `${type}${mutable ? ' mut' : ''}`;
  let module = modules.get(key);
  if (module) return module;
  const v128 = type === 'v128';
  const out = new ByteWriter().raw(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  const results = v128 ? [] : [BITS[type].result];
  out.section(1, new ByteWriter().uleb(1).u8(0x60).uleb(0).uleb(results.length).raw(new Uint8Array(results)).bytes());
  out.section(2, new ByteWriter().uleb(1).name('m').name('g').u8(0x03).u8(TYPE_BYTE[type]).u8(mutable ? 1 : 0).bytes());
  out.section(3, new ByteWriter().uleb(1).uleb(0).bytes());
  if (v128) out.section(5, new ByteWriter().uleb(1).u8(0x00).uleb(1).bytes());
  const exports = new ByteWriter().uleb(v128 ? 2 : 1).name('bits').u8(0x00).uleb(0);
  if (v128) exports.name('mem').u8(0x02).uleb(0);
  out.section(7, exports.bytes());
  // i32.const 0, global.get 0, v128.store align=2^4 offset=0 | global.get 0, reinterpret?
  const code = v128 ? [0x41, 0x00, 0x23, 0x00, 0xfd, 0x0b, 0x04, 0x00] : [0x23, 0x00, ...BITS[type].reinterpret];
  const body = new ByteWriter().uleb(0).raw(new Uint8Array(code)).u8(0x0b).bytes();
  out.section(10, new ByteWriter().uleb(1).uleb(body.length).raw(body).bytes());
  module = new WebAssembly.Module(out.bytes());
  modules.set(key, module);
  return module;
}

/** A function returning `global`'s value, read through its own instance of the reader module. */
function makeReader(global: WebAssembly.Global, type: BitsType, mutable: boolean): () => WasmValue {
  const exports = new WebAssembly.Instance(readerModule(type, mutable), { m: { g: global } }).exports;
  const bits = exports.bits as () => number | bigint | undefined;
  if (type === 'v128') {
    const mem = exports.mem as WebAssembly.Memory;
    // WasmValue's v128 bits are most significant first: the stored little-endian bytes reversed.
    return () => {
      bits();
      return { type, bits: Array.from(new Uint8Array(mem.buffer, 0, 16), (b) => b.toString(16).padStart(2, '0')).reverse().join('') };
    };
  }
  if (type === 'i32' || type === 'f32') return () => ({ type, bits: Number(bits()) >>> 0 });
  return () => ({ type, bits: BigInt.asUintN(64, BigInt(bits()!)).toString(16).padStart(16, '0') });
}

/**
 * The exact value of `global`, of wasm type `type` (mutability as declared), or null for a
 * reference type, whose value has no bits to read.
 */
export function readGlobalBits(global: WebAssembly.Global, type: ValType, mutable: boolean): WasmValue | null {
  if (type === 'funcref' || type === 'externref') return null;
  let read = readers.get(global);
  if (!read) {
    read = makeReader(global, type, mutable);
    readers.set(global, read);
  }
  return read();
}
