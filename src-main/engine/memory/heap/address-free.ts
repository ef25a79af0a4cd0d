// Whether a word of static data can hold an address, by the DWARF types of the statics it lies
// in (StaticVariable.layout, scalar): the leak scan's keepsAt (heap-tracker.ts) lets a word keep
// a block only if it can. A block of megabytes spans so many values that 4 bytes of a char table
// read as a word pointing into it by chance (an Emscripten build's `states[0][40]` kept a lost
// 20 MB block), and nothing a program stores through a char, a short or a float is an address.
//
// A byte can hold part of an address unless every part its type gives it is one of:
// - an integer narrower than 32 bits (bool, short; a char only when const): an address does not
//   fit in it. A char that is not const may be storage for other objects, which C and C++ let
//   only char arrays be (`alignas(T) unsigned char buf[sizeof(T)]` with placement new, absl's
//   NoDestructor, an arena of the program's own), so its words keep blocks as any word does;
// - a float: a program does not keep an address in one (NaN-boxing keeps it in a union with an
//   integer, and a union member that can keep counts, below);
// - an enum: it holds its enumerators (or flags of them), never a converted pointer;
// - a bit field narrower than 32 bits.
// Everything else can, conservatively: pointers; integers of 32 bits or more (uintptr_t, size_t,
// int64_t: programs store addresses there); a union or Rust enum where any member or variant
// covering the byte can; padding and bytes DWARF gives no part (past a struct's known members);
// types DWARF does not describe; statics without a type; bytes in no static.

import type { StaticField, StaticLayout, StaticVariable } from '../../../shared/dto.ts';
import { staticAt } from '../../../shared/statics.ts';
import { arrayElement } from '../../../shared/std-types.ts';

/** Bytes of an address in wasm32's linear memory. */
const ADDRESS_BYTES = 4;

/** A value's type as DWARF gives it: a static's, a member's, an array element's. */
type Typed = Pick<StaticField, 'size' | 'scalar' | 'enumerators' | 'bits' | 'layout'> & { type: string | null };

/** True when each of the `length` bytes at `at` lies in a static whose type says it holds no part of an address. */
export function holdsNoAddress(statics: readonly StaticVariable[], at: number, length = ADDRESS_BYTES): boolean {
  for (let byte = at; byte < at + length; byte++) {
    const v = staticAt(statics, byte);
    if (!v || mayHoldAddress(v, byte - v.address)) return false;
  }
  return true;
}

/** Whether byte `offset` of a value of type `t` can be part of an address. */
function mayHoldAddress(t: Typed, offset: number): boolean {
  if (t.layout) return layoutMayHold(t.layout, offset);
  if (t.scalar === 'float' || t.enumerators) return false;
  if (t.bits) return t.bits.width >= ADDRESS_BYTES * 8;
  if (t.scalar === 'signed' || t.scalar === 'unsigned') return t.size === null || t.size >= ADDRESS_BYTES || (t.size === 1 && objectStorage(t.type));
  return true;
}

function layoutMayHold(layout: StaticLayout, offset: number): boolean {
  if (layout.kind === 'array') {
    const index = Math.floor(offset / layout.stride);
    if (layout.count !== null && index >= layout.count) return true;
    return mayHoldAddress(arrayElement(layout), offset - index * layout.stride);
  }
  // Every member covering the byte (a union's all start at 0; bit fields share their unit), and
  // every Rust enum variant's, whichever the bytes hold now: the byte can if any of them can.
  const fields = [...layout.fields, ...(layout.variants?.cases.flatMap((c) => c.layout?.fields ?? []) ?? [])];
  let covered = false;
  for (const f of fields) {
    if (offset < f.offset || offset >= f.offset + Math.max(1, f.size ?? 1)) continue;
    if (mayHoldAddress(f, offset - f.offset)) return true;
    covered = true;
  }
  return !covered;
}

/** A 1-byte integer type that may hold other objects' bytes: a char that is not const (bool never does). */
function objectStorage(type: string | null): boolean {
  if (type === null) return true;
  return !/\bconst\b/.test(type) && !/\b(bool|_Bool)\b/.test(type);
}
