// Reads a live global's exact bits (worker side). `WebAssembly.Global.value` hands a float over
// as a JS number, and the trip through a double quiets an f32's signalling NaN (V8's f32->f64
// conversion sets the quiet bit), so a coredump written from it would change the guest's value.
// Instead a tiny module imports the Global itself (globals are shared by reference) and returns
// its reinterpreted bits as an integer, which the JS API passes exactly:
//
//   (module
//     (import "m" "g" (global [mut] T))
//     (func (export "bits") (result i32|i64) global.get 0 [i32.reinterpret_f32 | i64.reinterpret_f64]))

import type { ValType, WasmValue } from '../../shared/dto.ts';
import { ByteWriter } from '../module/byte-writer.ts';

type NumType = 'i32' | 'i64' | 'f32' | 'f64';

const TYPE_BYTE: Record<NumType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
/** The integer type each type's bits come back as, and the reinterpret opcode that gets them. */
const BITS: Record<NumType, { result: number; reinterpret: number[] }> = {
  i32: { result: 0x7f, reinterpret: [] },
  i64: { result: 0x7e, reinterpret: [] },
  f32: { result: 0x7f, reinterpret: [0xbc] },
  f64: { result: 0x7e, reinterpret: [0xbd] },
};

const modules = new Map<string, WebAssembly.Module>();
const readers = new WeakMap<WebAssembly.Global, () => number | bigint>();

function readerModule(type: NumType, mutable: boolean): WebAssembly.Module {
  const key = `${type}${mutable ? ' mut' : ''}`;
  let module = modules.get(key);
  if (module) return module;
  const { result, reinterpret } = BITS[type];
  const out = new ByteWriter().raw(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  out.section(1, new ByteWriter().uleb(1).u8(0x60).uleb(0).uleb(1).u8(result).bytes());
  out.section(2, new ByteWriter().uleb(1).name('m').name('g').u8(0x03).u8(TYPE_BYTE[type]).u8(mutable ? 1 : 0).bytes());
  out.section(3, new ByteWriter().uleb(1).uleb(0).bytes());
  out.section(7, new ByteWriter().uleb(1).name('bits').u8(0x00).uleb(0).bytes());
  const body = new ByteWriter().uleb(0).u8(0x23).uleb(0).raw(new Uint8Array(reinterpret)).u8(0x0b).bytes();
  out.section(10, new ByteWriter().uleb(1).uleb(body.length).raw(body).bytes());
  module = new WebAssembly.Module(out.bytes());
  modules.set(key, module);
  return module;
}

/**
 * The exact value of `global`, of wasm type `type` (mutability as declared), or null for a type
 * whose bits no reader returns here (v128, references).
 */
export function readGlobalBits(global: WebAssembly.Global, type: ValType, mutable: boolean): WasmValue | null {
  if (type !== 'i32' && type !== 'i64' && type !== 'f32' && type !== 'f64') return null;
  let read = readers.get(global);
  if (!read) {
    const instance = new WebAssembly.Instance(readerModule(type, mutable), { m: { g: global } });
    read = instance.exports.bits as () => number | bigint;
    readers.set(global, read);
  }
  const raw = read();
  if (type === 'i32' || type === 'f32') return { type, bits: Number(raw) >>> 0 };
  return { type, bits: BigInt.asUintN(64, BigInt(raw)).toString(16).padStart(16, '0') };
}
