// Constant expressions (global initialisers, data and element offsets) as text, plus their
// value when the expression is a single constant. Covers MVP, reference types, SIMD and the
// extended-const proposal (i32/i64 add, sub, mul). Float and v128 immediates are kept as their
// bits (little-endian in the binary), never through a JS number, so a NaN's payload survives.

import type { WasmValue } from '../../../shared/dto.ts';
import { formatValue } from '../../../shared/value-format.ts';
import type { ByteReader } from '../reader.ts';
import { readRefType } from './value-types.ts';

export interface ConstExpr {
  /** e.g. `i32.const 1024`, `global.get 0 i32.const 16 i32.add`. */
  text: string;
  /** The value of a lone i32.const / i64.const, read as unsigned (as an offset is). */
  constant: number | null;
  /** The value of a lone constant instruction (`T.const`, `ref.null`, `ref.func`), exact; else null. */
  value: WasmValue | null;
}

const BINARY_OPS: Record<number, string> = {
  0x6a: 'i32.add', 0x6b: 'i32.sub', 0x6c: 'i32.mul',
  0x7c: 'i64.add', 0x7d: 'i64.sub', 0x7e: 'i64.mul',
};

export function readConstExpr(r: ByteReader, what: string): ConstExpr {
  const parts: string[] = [];
  let constant: number | null = null;
  let value: WasmValue | null = null;
  let instructions = 0;
  for (;;) {
    const at = r.pos;
    const op = r.u8(`${what} (missing end)`);
    if (op === 0x0b) break;
    instructions++;
    constant = null;
    value = null;
    switch (op) {
      case 0x41: {
        const v = r.s32('i32.const');
        parts.push(`i32.const ${v}`);
        constant = v >>> 0;
        value = { type: 'i32', bits: v >>> 0 };
        break;
      }
      case 0x42: {
        const v = r.s64('i64.const');
        parts.push(`i64.const ${v}`);
        const u = BigInt.asUintN(64, v);
        constant = u <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(u) : null;
        value = { type: 'i64', bits: hex64(u) };
        break;
      }
      case 0x43: {
        const bytes = r.take(4, 'f32.const');
        value = { type: 'f32', bits: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) };
        parts.push(`f32.const ${formatValue(value)}`);
        break;
      }
      case 0x44: {
        const bytes = r.take(8, 'f64.const');
        value = { type: 'f64', bits: hex64(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true)) };
        parts.push(`f64.const ${formatValue(value)}`);
        break;
      }
      case 0x23:
        parts.push(`global.get ${r.u32('global index')}`);
        break;
      case 0xd0: {
        const heap = readHeapTypeName(r);
        parts.push(`ref.null ${heap}`);
        value = heap === 'func' ? { type: 'funcref', func: null } : { type: 'externref', isNull: true };
        break;
      }
      case 0xd2: {
        const func = r.u32('function index');
        parts.push(`ref.func ${func}`);
        value = { type: 'funcref', func };
        break;
      }
      case 0xfd: {
        const sub = r.u32('SIMD opcode');
        if (sub !== 12) r.fail(`SIMD opcode ${sub} is not allowed in a constant expression`, at);
        const bytes = r.take(16, 'v128.const');
        parts.push(`v128.const 0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`);
        // WasmValue's v128 bits are most significant first: the immediate's bytes reversed.
        value = { type: 'v128', bits: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).reverse().join('') };
        break;
      }
      default: {
        const name = BINARY_OPS[op];
        if (!name) r.fail(`opcode 0x${op.toString(16).padStart(2, '0')} is not allowed in ${what}`, at);
        parts.push(name);
      }
    }
  }
  if (instructions !== 1) {
    constant = null;
    value = null;
  }
  return { text: parts.join(' '), constant, value };
}

function hex64(bits: bigint): string {
  return BigInt.asUintN(64, bits).toString(16).padStart(16, '0');
}

/** ref.null's operand: 0x70 func / 0x6f extern. */
function readHeapTypeName(r: ByteReader): string {
  return readRefType(r, 'ref.null type') === 'funcref' ? 'func' : 'extern';
}
