// Decoders for the small type encodings shared by several sections: value types, reference
// types, limits, table/memory/global types.

import type { GlobalType, MemoryInfo, TableInfo, ValType } from '../../../shared/dto.ts';
import type { ByteReader } from '../reader.ts';

const VAL_TYPES: Record<number, ValType> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

export function readValType(r: ByteReader, what = 'value type'): ValType {
  const at = r.pos;
  const b = r.u8(what);
  const t = VAL_TYPES[b];
  if (t) return t;
  if (b >= 0x63 && b <= 0x73) {
    return r.fail(`${what} ${hex(b)} is a GC / typed-function-reference type, which this reader does not support`, at);
  }
  return r.fail(`unknown ${what} ${hex(b)}`, at);
}

export function readRefType(r: ByteReader, what = 'reference type'): ValType {
  const at = r.pos;
  const t = readValType(r, what);
  if (t !== 'funcref' && t !== 'externref') r.fail(`${what} must be funcref or externref, found ${t}`, at);
  return t;
}

/**
 * Memory type. Flags byte: bit 0 = has max, bit 1 = shared (threads), bit 2 = 64-bit
 * (memory64, limits become u64 LEB128). Other bits are not part of any proposal we read.
 */
export function readMemoryType(r: ByteReader): MemoryInfo {
  const at = r.pos;
  const flags = r.u8('memory limits flags');
  if (flags & ~0x07) r.fail(`memory limits flags ${hex(flags)} has unknown bits`, at);
  const memory64 = (flags & 0x04) !== 0;
  const shared = (flags & 0x02) !== 0;
  const read = (what: string): number => (memory64 ? r.u64(what) : r.u32(what));
  const min = read('memory minimum');
  const max = flags & 0x01 ? read('memory maximum') : null;
  return { min, max, shared, memory64 };
}

/** Table type: reference type, then limits (flags 0/1; 0x04/0x05 are table64). */
export function readTableType(r: ByteReader): TableInfo {
  const element = readRefType(r, 'table element type');
  const at = r.pos;
  const flags = r.u8('table limits flags');
  if (flags & ~0x05) r.fail(`table limits flags ${hex(flags)} has unknown bits`, at);
  const is64 = (flags & 0x04) !== 0;
  const read = (what: string): number => (is64 ? r.u64(what) : r.u32(what));
  const min = read('table minimum');
  const max = flags & 0x01 ? read('table maximum') : null;
  return { element, min, max };
}

export function readGlobalType(r: ByteReader): GlobalType {
  const type = readValType(r, 'global type');
  const at = r.pos;
  const mut = r.u8('global mutability');
  if (mut > 1) r.fail(`global mutability must be 0 or 1, found ${hex(mut)}`, at);
  return { type, mutable: mut === 1 };
}
