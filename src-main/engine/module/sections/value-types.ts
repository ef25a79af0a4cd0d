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
    return r.refuse(`${what} ${hex(b)} is a GC / typed-function-reference type, which this reader does not support`, at);
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

/**
 * The nullable abstract reference types (GC, typed function references, exception handling) by
 * their one-byte form, each with the hierarchy it belongs to. The module reader refuses them
 * (readValType: the engine's reader cannot follow GC types); a coredump reads them
 * (coredump/ref-globals.ts): wasmtime writes an anyref global as 0x6e, and the convention's
 * reference values are null whatever the type, so nothing past the type byte needs the GC reader.
 */
export const NULLABLE_REF_TYPES: Record<number, { name: string; top: 'func' | 'extern' | 'any' | 'exn' }> = {
  0x70: { name: 'funcref', top: 'func' },
  0x73: { name: 'nullfuncref', top: 'func' },
  0x6f: { name: 'externref', top: 'extern' },
  0x72: { name: 'nullexternref', top: 'extern' },
  0x6e: { name: 'anyref', top: 'any' },
  0x6d: { name: 'eqref', top: 'any' },
  0x6c: { name: 'i31ref', top: 'any' },
  0x6b: { name: 'structref', top: 'any' },
  0x6a: { name: 'arrayref', top: 'any' },
  0x71: { name: 'nullref', top: 'any' },
  0x69: { name: 'exnref', top: 'exn' },
  0x74: { name: 'nullexnref', top: 'exn' },
};

/**
 * A nullable abstract reference type, as its one byte or as `0x63 heaptype` (`ref null any`):
 * its byte and entry. A non-nullable one (0x64) or one of a concrete type index cannot hold the
 * null a coredump writes, or needs the module's types: said, not guessed.
 */
export function readNullableRefType(r: ByteReader, what: string): { byte: number; name: string; top: 'func' | 'extern' | 'any' | 'exn' } {
  const at = r.pos;
  let b = r.u8(what);
  if (b === 0x63) b = r.u8(`${what}'s heap type`);
  const known = NULLABLE_REF_TYPES[b];
  if (known) return { byte: b, ...known };
  if (b === 0x64) return r.fail(`${what} ${hex(b)} is a non-nullable reference type, which cannot hold the null a coredump writes for a reference`, at);
  return r.fail(`${what} ${hex(b)} is not a nullable abstract reference type (a coredump's references are null of funcref, externref, anyref and the like)`, at);
}
