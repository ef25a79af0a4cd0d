// A DWARF type read the ways Memscope shows it: as the source spells it, its size, and how its
// bytes read as one number. Types are DIEs by .debug_info offset (debug-info.ts's map), followed
// through typedefs and qualifiers; a chain deeper than 8 is taken as broken.

import type { StaticScalar } from '../../../shared/dto.ts';
import { dieName, TAG, type Die } from './debug-info.ts';

/** A type as source spells it: `pair *`, `const char[12]`, `unsigned int`, Rust's own names (`&str`). */
export function typeName(ref: number, dies: Map<number, Die>, depth: number): string {
  const t = dies.get(ref);
  if (!t || depth > 8) return '?';
  const name = dieName(t);
  const inner = (): string => (t.type === undefined ? 'void' : typeName(t.type, dies, depth + 1));
  switch (t.tag) {
    case TAG.pointer: return name ?? pointerTo(inner(), '*');
    case TAG.reference: return name ?? pointerTo(inner(), '&');
    case TAG.rvalueReference: return name ?? pointerTo(inner(), '&&');
    case TAG.const: return `const ${inner()}`;
    case TAG.volatile: return `volatile ${inner()}`;
    case TAG.restrict: return `${inner()} restrict`;
    case TAG.atomic: return `_Atomic ${inner()}`;
    case TAG.array: return name ?? arrayName(t, dies, depth);
    case TAG.subroutineType: return 'function';
    case TAG.structure: return name ?? 'struct {…}';
    case TAG.class: return name ?? 'class {…}';
    case TAG.union: return name ?? 'union {…}';
    case TAG.enumeration: return name ?? 'enum {…}';
    default: return name ?? '?';
  }
}

/** DW_ATE_* encodings of base types that read as signed integers: signed, signed_char, signed_fixed. */
const SIGNED_ENCODINGS = new Set([0x05, 0x06, 0x0d]);
const FLOAT_ENCODING = 0x04;

/** How a value of the type reads as one number, through typedefs and qualifiers; null for aggregates. */
export function scalarOf(ref: number, dies: Map<number, Die>, depth: number): StaticScalar | null {
  const t = dies.get(ref);
  if (!t || depth > 8) return null;
  switch (t.tag) {
    case TAG.pointer: case TAG.reference: case TAG.rvalueReference: return 'pointer';
    case TAG.baseType:
      if (t.encoding === FLOAT_ENCODING) return 'float';
      return t.encoding !== undefined && SIGNED_ENCODINGS.has(t.encoding) ? 'signed' : 'unsigned';
    case TAG.enumeration: return t.type === undefined ? 'signed' : scalarOf(t.type, dies, depth + 1);
    case TAG.typedef: case TAG.const: case TAG.volatile: case TAG.restrict: case TAG.atomic:
      return t.type === undefined ? null : scalarOf(t.type, dies, depth + 1);
    default: return null;
  }
}

/**
 * `unsigned short[3][4]`: the element's name, then the bounds, outer first. rustc describes
 * `[[u8; 3]; 2]` as an array of an (unnamed) array type where clang gives one type both bounds:
 * the element's bounds go after this one's (`u8[2][3]`, not `u8[3][2]`).
 */
function arrayName(t: Die, dies: Map<number, Die>, depth: number): string {
  const bounds = arrayDims(t).map((n) => `[${n ?? ''}]`).join('');
  const element = t.type === undefined ? undefined : dies.get(t.type);
  const name = t.type === undefined ? 'void' : typeName(t.type, dies, depth + 1);
  const nested = element?.tag === TAG.array && dieName(element) === undefined ? /^(.*?)((\[\d*\])+)$/.exec(name) : null;
  return nested ? `${nested[1]}${bounds}${nested[2]}` : `${name}${bounds}`;
}

/** `char *`, `char **` (no space between stars), `pair &`. */
function pointerTo(inner: string, sigil: string): string {
  return /[*&]$/.test(inner) ? `${inner}${sigil}` : `${inner} ${sigil}`;
}

/** Bytes a value of the type takes, or null when DWARF does not say. */
export function typeSize(ref: number, dies: Map<number, Die>, addressSize: number, depth: number): number | null {
  const t = dies.get(ref);
  if (!t || depth > 8) return null;
  if (t.byteSize !== undefined) return t.byteSize;
  switch (t.tag) {
    case TAG.pointer: case TAG.reference: case TAG.rvalueReference: return addressSize;
    case TAG.typedef: case TAG.const: case TAG.volatile: case TAG.restrict: case TAG.atomic:
      return t.type === undefined ? null : typeSize(t.type, dies, addressSize, depth + 1);
    case TAG.array: {
      const element = t.type === undefined ? null : typeSize(t.type, dies, addressSize, depth + 1);
      const dims = arrayDims(t);
      if (element === null || dims.some((n) => n === null)) return null;
      return dims.reduce<number>((total, n) => total * n!, element);
    }
    default: return null;
  }
}

/** An array type's dimensions from its DW_TAG_subrange_type children (null: not given, as in `int x[]`). */
export function arrayDims(array: Die): (number | null)[] {
  const dims: (number | null)[] = [];
  for (const d of array.subranges ?? []) {
    if (d.count !== undefined) dims.push(d.count);
    else if (d.upperBound !== undefined) dims.push(d.upperBound - (d.lowerBound ?? 0) + 1);
    else dims.push(null);
  }
  return dims.length > 0 ? dims : [null];
}
