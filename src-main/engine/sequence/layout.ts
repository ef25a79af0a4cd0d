// Memory types of the sequence language: numeric reads/writes and C struct layout (each field at
// its natural alignment, struct aligned to its widest field, size padded to that alignment;
// little-endian). Example `{tag: u8, n: u32, x: u64}`: tag @0, pad 1..3, n @4, x @8, size 16.

import type { BoundValue } from '../../shared/dto.ts';
import { floatMax, intRange } from '../../shared/num-range.ts';
import type { FieldType, NumType, Span, StructField } from './ast.ts';
import { SequenceFault } from './errors.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { floatBound, kindOf } from './expr.ts';
import type { StructBound, Value } from './expr.ts';
import { formatFieldType } from './parse-expr.ts';

export const NUM_SIZE: Record<NumType, number> = {
  u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8, f32: 4, f64: 8,
};

export interface FieldLayout {
  name: string;
  offset: number;
  type: FieldType;
  layout: TypeLayout;
}

export interface TypeLayout {
  size: number;
  align: number;
  fields: FieldLayout[];
}

export function layoutOf(t: FieldType): TypeLayout {
  if (t.kind === 'num') return { size: NUM_SIZE[t.type], align: NUM_SIZE[t.type], fields: [] };
  return structLayout(t.fields);
}

function structLayout(fields: StructField[]): TypeLayout {
  let offset = 0;
  let align = 1;
  const out: FieldLayout[] = [];
  for (const f of fields) {
    const l = layoutOf(f.type);
    offset = alignUp(offset, l.align);
    out.push({ name: f.name, offset, type: f.type, layout: l });
    offset += l.size;
    align = Math.max(align, l.align);
  }
  return { size: alignUp(offset, align), align, fields: out };
}

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/** A numeric value: bigint for integers (u64 unsigned, i64 signed), number for floats. */
export function readNum(mem: GuestMemory, type: NumType, a: number): bigint | number {
  switch (type) {
    case 'u8': return BigInt(mem.getU8(a));
    case 'i8': return BigInt(mem.getI8(a));
    case 'u16': return BigInt(mem.getU16(a));
    case 'i16': return BigInt(mem.getI16(a));
    case 'u32': return BigInt(mem.getU32(a));
    case 'i32': return BigInt(mem.getI32(a));
    case 'u64': return mem.getU64(a);
    case 'i64': return mem.getI64(a);
    case 'f32': return mem.getF32(a);
    case 'f64': return mem.getF64(a);
  }
}

/** A number readNum read as `type`: an f32 keeps its width (BoundValue float `bits`). */
export function numToBound(v: bigint | number, type: NumType): BoundValue {
  if (typeof v === 'bigint') return { kind: 'int', value: v.toString() };
  return floatBound(v, type === 'f32');
}

/** A struct type as its reads need it: its layout, its text (StructBound.type), its struct fields' readers. */
interface StructReader {
  layout: TypeLayout;
  text: string;
  /** By field, in layout order: the reader of each struct field (undefined for a number). */
  nested: (StructReader | undefined)[];
}

/**
 * Struct types already worked out, by their text (formatFieldType: one text, one layout). A
 * read made its layout twice (an object per field) and its text from every field's name and
 * type at each read, though a sequence reads few types, often the same one at many steps.
 */
const structReaders = new Map<string, StructReader>();

function structReader(fields: StructField[], text: string): StructReader {
  let reader = structReaders.get(text);
  if (reader === undefined) {
    const layout = layoutOf({ kind: 'struct', fields });
    const nested = layout.fields.map((f) => (f.type.kind === 'struct' ? structReader(f.type.fields, formatFieldType(f.type)) : undefined));
    reader = { layout, text, nested };
    structReaders.set(text, reader);
  }
  return reader;
}

/** `text` is the type's formatFieldType text, when the caller has it (a read step's typeText). */
export function readStruct(mem: GuestMemory, fields: StructField[], address: number, text = formatFieldType({ kind: 'struct', fields })): StructBound {
  const reader = structReader(fields, text);
  mem.check(address, reader.layout.size);
  return readStructAt(mem, reader, address);
}

function readStructAt(mem: GuestMemory, reader: StructReader, address: number): StructBound {
  const out: Record<string, BoundValue> = {};
  const fields = reader.layout.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    out[f.name] = f.type.kind === 'num'
      ? numToBound(readNum(mem, f.type.type, address + f.offset), f.type.type)
      : readStructAt(mem, reader.nested[i]!, address + f.offset);
  }
  return { kind: 'struct', type: reader.text, address, size: reader.layout.size, fields: out };
}

/** Checks `v` fits `bits` (signed or unsigned range) and returns it; faults otherwise. */
export function fitInt(v: Value, bits: number, what: string, span: Span): bigint {
  if (typeof v !== 'bigint') {
    throw new SequenceFault('eval-error', `${what} needs an integer, not ${kindOf(v)}`, span);
  }
  const [lo, hi] = intRange(bits);
  if (v < lo || v > hi) {
    throw new SequenceFault('eval-error', `${what}: ${v} does not fit in ${bits} bits (${lo} to ${hi})`, span);
  }
  return v;
}

/**
 * Checks `v` is a number that stays finite as an f32 or f64 (rounded as wasm rounds it) and
 * returns it; faults otherwise, as fitInt does: 1e50 would become Infinity as an f32. A value
 * that is ±Infinity or NaN already (`1e400`) is passed as it is.
 */
export function fitFloat(v: Value, bits: 32 | 64, what: string, span: Span): number {
  if (typeof v !== 'bigint' && typeof v !== 'number') throw new SequenceFault('eval-error', `${what} needs a number, not ${kindOf(v)}`, span);
  const n = Number(v);
  if ((typeof v === 'bigint' || Number.isFinite(v)) && !Number.isFinite(bits === 32 ? Math.fround(n) : n)) {
    const max = floatMax(bits);
    throw new SequenceFault('eval-error', `${what}: ${v} does not fit in f${bits} (${-max} to ${max})`, span);
  }
  return n;
}

/** `v` as `write TYPE` stores it (fitFloat: a number, fitInt: a bigint); faults as they do, in the write's words. */
export function fitWritten(type: NumType, v: Value, span: Span): number | bigint {
  const what = `write ${type}`;
  if (type === 'f32' || type === 'f64') return fitFloat(v, type === 'f32' ? 32 : 64, what, span);
  return fitInt(v, NUM_SIZE[type] * 8, what, span);
}

/** Writes a numeric value; returns the byte count. */
export function writeNum(mem: GuestMemory, type: NumType, a: number, v: Value, span: Span): number {
  const n = fitWritten(type, v, span);
  // A number for f32 and f64, a bigint for the integer types.
  if (typeof n === 'number') {
    if (type === 'f32') mem.setF32(a, n);
    else mem.setF64(a, n);
  } else {
    const bits = NUM_SIZE[type] * 8;
    if (bits === 64) mem.setU64(a, n);
    else if (bits === 32) mem.setU32(a, Number(BigInt.asUintN(32, n)));
    else if (bits === 16) { mem.check(a, 2); mem.setU8(a, Number(n & 0xffn)); mem.setU8(a + 1, Number((n >> 8n) & 0xffn)); }
    else mem.setU8(a, Number(BigInt.asUintN(8, n)));
  }
  return NUM_SIZE[type];
}
