// A static's value, and its parts', as the module's DWARF types read them: one reading for
// whoever shows values, the DAP's Variables and the app's Statics panel. The bytes come from
// the caller (a memory read at the step shown); this file only says which bytes and what they
// read as (static-follow.ts reads what they lead to: a `char *`'s text, a container's elements).
// Wasm is little-endian; a pointer is 4 bytes (wasm32), written in hex as the grid writes
// addresses; a bit field is `width` bits from bit `shift` of its bytes read as one little-endian
// number, which is how clang lays them out for wasm.

import type { Enumerators, PointedType, StaticField, StaticLayout, StaticScalar, StaticVariable, TypedBlock, VariantCase, Variants } from './dto.ts';
import { float32Text, formatBinding } from './value-format.ts';
import { hexAddress } from './hex.ts';
import { arrayElement, containerOf, containerShape, isTuple, smartPointer, transparent, type Named } from './std-types.ts';
import { isMap, mapCount } from './std-collections.ts';
import { withFunctionName, type FunctionSlots } from './function-pointer.ts';

/** Elements of an array listed when it is opened (each is a row to read and draw). */
export const MAX_ELEMENTS = 100;

/** What reading a value takes of a static, a part or a pointed-to type: how its bytes read and what they are. */
export interface Typed {
  type: string | null;
  size?: number | null;
  scalar?: StaticScalar;
  bits?: StaticField['bits'];
  enumerators?: Enumerators;
  layout?: StaticLayout;
  stored?: StaticVariable['stored'];
  functionPointer?: true;
  reference?: true;
}

/** One part of a struct or array: a member, or an element named `[i]`. */
export interface ValuePart extends Omit<StaticField, 'name'> {
  /** `y` for a member ('(anonymous)' for C11's unnamed struct or union), `[2]` for an element. */
  name: string;
}

/**
 * The members of a struct, or the first `max` elements of an array, in offset order; of a Rust
 * enum, the fields of the variant its `bytes` hold (none without the bytes).
 */
export function partsOf(layout: StaticLayout, max = MAX_ELEMENTS, bytes: Uint8Array | null = null): ValuePart[] {
  if (layout.kind === 'struct') {
    const variant = layout.variants && bytes ? variantOf(layout.variants, bytes)?.layout : null;
    return [...layout.fields, ...(variant?.fields ?? [])].map((f) => ({ ...f, name: f.name || '(anonymous)' }));
  }
  const element = arrayElement(layout);
  return Array.from({ length: Math.min(layout.count ?? 0, max) }, (_, i) => ({ ...element, name: `[${i}]`, offset: i * layout.stride }));
}

/** Whether the layout has parts to open into: an enum only once its `bytes` say a variant with fields is there. */
export function hasParts(layout: StaticLayout, bytes: Uint8Array | null): boolean {
  return partsOf(layout, 1, bytes).length > 0;
}

/** Bytes from the layout's start to its last part's end (partsOf's, any variant's): one read covers them all. */
export function bytesToRead(layout: StaticLayout, max = MAX_ELEMENTS): number {
  const ends = (parts: readonly Omit<ValuePart, 'name'>[]) => Math.max(0, ...parts.map((p) => p.offset + (p.size ?? 0)));
  return layout.kind === 'struct' && layout.variants ? Math.max(layout.variants.size, ends(layout.fields)) : ends(partsOf(layout, max));
}

/**
 * The variant a Rust enum's `bytes` (from its start) hold: the one whose value the discriminant
 * has (read unsigned, or signed for a negative value), else the one with none; null when the
 * bytes are short of the discriminant or no variant matches.
 */
export function variantOf(v: Variants, bytes: Uint8Array): VariantCase | null {
  const { offset, size } = v.discr;
  if (size > 8 || bytes.length < offset + size) return null;
  const n = littleEndian(bytes.subarray(offset, offset + size));
  const signed = BigInt.asIntN(8 * size, n);
  return v.cases.find((c) => c.value !== null && (BigInt(c.value) === n || BigInt(c.value) === signed))
    ?? v.cases.find((c) => c.value === null) ?? null;
}

/** Fields a variant's or struct's summary lists (`Rect { w: 3, h: 4 }`); past them it reads `Rect {…}`, `{ x: 1, y: 2, … }`. */
const SUMMARY_FIELDS = 4;
/** Elements an array's summary lists: `[1, 0, 0, 0, …]`. */
export const SUMMARY_ELEMENTS = 8;
/** Bytes of a struct or array read for its summary (valueBytes): its first parts are what it shows. */
export const SUMMARY_BYTES = 256;

/**
 * A struct or array in one line, as debuggers show one closed: `{ x: 1, y: 2 }`, `[1, 0, 0, 0]`,
 * `[[1, 0], [0, 0]]`, its first parts read as valueText reads them (a struct inside as `{…}`
 * unless it wraps one field, read through: `{ v: { value: 1 } }`; an array of
 * numbers whole once, deeper ones as `[…]`; a `char` array as its text); `…` for a part past
 * the bytes read, and for the parts left out.
 */
function summaryText(layout: StaticLayout, bytes: Uint8Array, types: readonly PointedType[] | undefined, functions: FunctionSlots | undefined, nested = false): string {
  const all = partsOf(layout, SUMMARY_ELEMENTS + 1, bytes);
  const limit = layout.kind === 'struct' ? SUMMARY_FIELDS : SUMMARY_ELEMENTS;
  // A tuple's elements (Rust's and C++'s, `__0`, `__1`…) read as one, unnamed: `(7, 0.25)`.
  const tuple = layout.kind === 'struct' && !layout.variants && isTuple(layout.fields);
  const shown = all.slice(0, limit).map((p) => {
    const own = p.size !== null && p.offset + p.size <= bytes.length ? bytes.subarray(p.offset, p.offset + p.size) : null;
    // One level of numbers inside (a row of `int grid[3][4]`) reads whole; anything deeper
    // elided. A string whose bytes are in these (a short std::string) reads as its text.
    const text = own && inlineText(p, own, types);
    const value = !own ? '…'
      : text ? text
      : !p.layout || isText(p.layout) || wideArray(p.layout) || (p.layout.kind === 'struct' && p.layout.variants) || isStd(p) ? valueText(p, own, types, functions) ?? '…'
      : !nested && p.layout.kind === 'array' && !p.layout.layout ? summaryText(p.layout, own, types, functions, true)
      : p.layout.kind === 'struct' && p.layout.fields.length === 1 ? summaryText(p.layout, own, types, functions, nested)
      : p.layout.kind === 'struct' ? '{…}' : '[…]';
    return layout.kind === 'struct' && !tuple ? `${p.name}: ${value}` : value;
  });
  const more = all.length > limit || (layout.kind === 'array' && (layout.count ?? 0) > limit) ? ', …' : '';
  const [open, close] = tuple ? ['(', ')'] : layout.kind === 'struct' ? ['{ ', ' }'] : ['[', ']'];
  return `${open}${shown.join(', ')}${more}${close}`;
}

/** `"ada"`: the text of a string whose bytes are its own (a short std::string's), or null. */
function inlineText(p: Typed, bytes: Uint8Array, types: readonly PointedType[] | undefined): string | null {
  // At address 0, an inline container's address is its elements' offset in `bytes`.
  const c = containerOf(transparent(p), 0, bytes, types);
  return c?.text && c.inline && c.address + c.count <= bytes.length ? utf8Text(bytes.subarray(c.address, c.address + c.count), c.count) : null;
}

/** `count` bytes of UTF-8 of which `bytes` are the first, quoted as JSON: `"ada"`, `"memscope ti…"` when only some were read. */
export function utf8Text(bytes: Uint8Array, count: number): string {
  const text = JSON.stringify(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  return bytes.length < count ? `${text.slice(0, -1)}…"` : text;
}

/** `None`, `Some(7)`, `Rect { w: 3, h: 4 }`, `Big {…}`: the variant `bytes` hold, its fields read as valueText reads them. */
function variantText(v: Variants, bytes: Uint8Array, types: readonly PointedType[] | undefined, functions: FunctionSlots | undefined): string | null {
  const variant = variantOf(v, bytes);
  if (!variant) return null;
  const fields = variant.layout?.fields ?? [];
  if (fields.length === 0) return variant.name;
  const tuple = isTuple(fields);
  if (fields.length > SUMMARY_FIELDS) return `${variant.name}${tuple ? '(…)' : ' {…}'}`;
  const values = fields.map((f) => (f.size === null ? null : valueText(f, bytes.subarray(f.offset, f.offset + f.size), types, functions)) ?? '…');
  // An unnamed case of one field (a C++ optional's value, a variant's alternative) reads as that value alone.
  if (variant.name === '' && fields.length === 1) return values[0]!;
  return tuple ? `${variant.name}(${values.join(', ')})` : `${variant.name} { ${fields.map((f, i) => `${f.name}: ${values[i]}`).join(', ')} }`;
}

/** `origin.y`, `bodies[1]`: a part's path from its parent's and its own name. */
export function partPath(parent: string, name: string): string {
  return name.startsWith('[') ? `${parent}${name}` : `${parent}.${name}`;
}

/**
 * Little-endian `bytes` read as `scalar` says: an integer signed or not, a float, a pointer in
 * hex, or a bit field's bits; null when the bytes cannot be one such number (an odd size).
 */
export function scalarText(scalar: StaticScalar, bytes: Uint8Array, bits?: StaticField['bits']): string | null {
  if (bits) {
    if (bytes.length === 0 || bytes.length > 8 || scalar === 'float' || scalar === 'pointer') return null;
    const n = (littleEndian(bytes) >> BigInt(bits.shift)) & ((1n << BigInt(bits.width)) - 1n);
    return integerText(scalar === 'signed' ? BigInt.asIntN(bits.width, n) : n);
  }
  if (bytes.length !== 1 && bytes.length !== 2 && bytes.length !== 4 && bytes.length !== 8) return null;
  const n = littleEndian(bytes);
  if (scalar === 'pointer') return hexAddress(Number(n));
  if (scalar === 'float') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return bytes.length === 4 ? float32Text(view.getFloat32(0, true)) : bytes.length === 8 ? String(view.getFloat64(0, true)) : null;
  }
  return integerText(scalar === 'signed' ? BigInt.asIntN(8 * bytes.length, n) : n);
}

/** C's and C++'s character types, which read as a number and the character it is. */
const CHAR = /^(const |volatile )*(signed |unsigned )?char$/;
/** C's, C++'s and Rust's booleans: one byte, which reads as `true` or `false` when it holds 1 or 0. */
const BOOL = /^(const |volatile )*(_Bool|bool)$/;

/**
 * A part's value as its type reads it: scalarText; a C `char` with its character (`107 'k'`,
 * `10 '\n'`); a boolean holding 1 or 0 as `true` or `false`; an enum's number as its
 * enumerator (`RUNNING (2)`); a `char` array as the text in it (`"hello"`); a Rust enum as its
 * variant (`Some(7)`); a standard container as its count (`len 3`, `size 12`: followText reads
 * what it holds); a smart pointer (Rc, unique_ptr) as its address; another struct or array in
 * one line (`{ x: 1, y: 2 }`, a tuple's `(7, 2.5)`); a shrunk global as its value (storedText);
 * null for bytes that cannot be one number. `types` (ModuleInfo.staticTypes) size a
 * std::vector's elements; `functions` (the module's table) name what a function pointer's slot
 * holds (`0x1 <add>`), its own value's and a struct's or array's in their one line alike.
 */
export function valueText(typed: Typed, bytes: Uint8Array, types?: readonly PointedType[], functions?: FunctionSlots): string | null {
  if (typed.stored) return storedText(typed, typed.stored, bytes);
  const p = transparent(typed);
  if (isText(p.layout)) return charArrayText(bytes.subarray(0, TEXT_PREVIEW));
  const wide = wideArray(p.layout);
  if (wide) return wideText(wide.prefix, wide.stride, bytes.subarray(0, TEXT_PREVIEW * wide.stride), wide.count > TEXT_PREVIEW);
  if (p.layout?.kind === 'struct' && p.layout.variants) return variantText(p.layout.variants, bytes, types, functions);
  const container = containerOf(p, 0, bytes, types);
  if (container) return `${container.word} ${container.count}`;
  const smart = smartPointer(p);
  if (smart) return scalarText('pointer', bytes.subarray(smart.pointer.offset, smart.pointer.offset + 4));
  const count = mapCount(p, bytes);
  if (count !== null) return count;
  if (p.layout) return summaryText(p.layout, bytes, types, functions);
  if (!p.scalar) return null;
  const named = p.enumerators ? enumeratorText(p.enumerators, p.scalar, bytes) : null;
  if (named !== null) return named;
  if (bytes.length === 1 && !p.bits && bytes[0]! <= 1 && BOOL.test(p.type ?? '')) return bytes[0] ? 'true' : 'false';
  const wideChar = wideCharText(p, bytes);
  if (wideChar !== null) return wideChar;
  if (bytes.length !== 1 || p.bits || p.scalar === 'float' || !CHAR.test(p.type ?? '')) {
    const number = scalarText(p.scalar, bytes, p.bits);
    return number !== null && functions ? withFunctionName(number, p, pointerTarget(bytes), functions) : number;
  }
  const b = bytes[0]!;
  return `${p.scalar === 'signed' ? (b << 24) >> 24 : b} ${charLiteral(b)}`;
}

/** A wide character's number and the character, as gdb shows one (`955 L'λ'`); null for any other part. */
function wideCharText(p: Typed, bytes: Uint8Array): string | null {
  const prefix = widePrefix(p.type);
  if (!prefix || p.bits || (p.scalar !== 'signed' && p.scalar !== 'unsigned') || (bytes.length !== 2 && bytes.length !== 4)) return null;
  const n = Number(littleEndian(bytes));
  const signed = p.scalar === 'signed' ? Number(BigInt.asIntN(8 * bytes.length, BigInt(n))) : n;
  // As charLiteral writes a `char`: `L'\n'`, `L'\0'`.
  return `${signed} ${prefix}'${ESCAPES[n] ?? wideEscaped(n, "'")}'`;
}

/**
 * `5 (stored as 1)`: a shrunk global's value (StaticVariable.stored) from the number its bytes
 * hold, as its enum's enumerator when it is one (`BUSY (5) (stored as 1)`).
 */
function storedText(p: Typed, stored: NonNullable<Typed['stored']>, bytes: Uint8Array): string | null {
  if (bytes.length < 1 || bytes.length > 4) return null;
  const x = Number(littleEndian(bytes));
  const n = BigInt(stored.scale * x + stored.offset);
  const named = p.enumerators?.[String(n)];
  return `${named !== undefined ? `${named} (${n})` : integerText(n)} (stored as ${x})`;
}

/** `RUNNING (2)`, `READ | WRITE (3)`: an enum's number as the enumerator it is, or a flags enum's it ORs; null when none is (a bad value). */
function enumeratorText(names: Enumerators, scalar: StaticScalar, bytes: Uint8Array): string | null {
  if (bytes.length < 1 || bytes.length > 8 || (scalar !== 'signed' && scalar !== 'unsigned')) return null;
  const n = littleEndian(bytes);
  const signed = BigInt.asIntN(8 * bytes.length, n);
  // DWARF may give a negative enumerator as the unsigned number of its bytes: either reading names it.
  const name = names[String(n)] ?? names[String(signed)] ?? flagsText(names, n);
  return name === undefined ? null : `${name} (${scalar === 'signed' ? signed : n})`;
}

/**
 * `READ | WRITE`, `EXEC | 0x8`: a flags enum's value as the enumerators OR'ed into it, as gdb
 * reads one, and the bits none names in hex. A flags enum's enumerators are each zero or bits
 * no other has; of any other enum (or a value of none of its bits), undefined.
 */
function flagsText(names: Enumerators, n: bigint): string | undefined {
  const flags = Object.keys(names).map(BigInt).filter((v) => v !== 0n).sort((a, b) => (a < b ? -1 : 1));
  let seen = 0n;
  for (const v of flags) {
    if (v < 0n || (seen & v) !== 0n) return undefined;
    seen |= v;
  }
  const set = flags.filter((v) => (n & v) === v);
  if (flags.length < 2 || set.length === 0) return undefined;
  const rest = set.reduce((left, v) => left & ~v, n);
  return [...set.map((v) => names[String(v)]!), ...(rest !== 0n ? [`0x${rest.toString(16)}`] : [])].join(' | ');
}

const ESCAPES: Record<number, string> = { 0: '\\0', 9: '\\t', 10: '\\n', 13: '\\r', 39: "\\'", 92: '\\\\' };

/** `'k'`, `'\n'`, `'\xe9'`: a byte as a C character literal. */
function charLiteral(b: number): string {
  return `'${ESCAPES[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)}'`;
}

/** A C `char` array (`char name[16]`), which reads as the text in it. */
export function isText(layout: StaticLayout | undefined): boolean {
  return layout?.kind === 'array' && layout.stride === 1 && CHAR.test(layout.element);
}

/** Bytes of text read to show it: those a `char *` points at, the start of a `char` array. */
export const TEXT_PREVIEW = 64;

/** Whether a pointer's pointee (`types[index]`) is a C character, so it points at text. */
export function pointsAtText(types: readonly PointedType[] | undefined, index: number | undefined): boolean {
  const t = index === undefined ? undefined : types?.[index];
  return t !== undefined && t.size === 1 && CHAR.test(t.type);
}

/** The text at a `char *` as C reads it, to its NUL: `"key"`, quoted and escaped as JSON; `"abc…"` when no NUL came within the bytes read. */
export function cText(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(end === -1 ? bytes : bytes.subarray(0, end));
  return end === -1 ? `${JSON.stringify(text).slice(0, -1)}…"` : JSON.stringify(text);
}

/**
 * A `char` array's text: as C reads it, to its NUL (cText), when nothing but NULs follow; else
 * every byte to the last that is not 0, as gdb shows such an array (`"\000\000\200?"`). A
 * buffer whose first byte is 0 read as `""` however much was after it.
 */
function charArrayText(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  const last = bytes.findLastIndex((b) => b !== 0);
  if (end === -1 || last < end) return cText(bytes);
  // Octal, as gdb writes it: a hex escape would take the digits after it into its value.
  const escaped = [...bytes.subarray(0, last + 1)].map((b) => (b === 0x22 || b === 0x5c ? `\\${String.fromCharCode(b)}`
    : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`));
  return `"${escaped.join('')}"`;
}

/**
 * C's wide and Unicode character types, by name, and the prefix of their literals: `wchar_t`
 * (4 bytes in wasm32, a typedef of int) `L`, `char16_t` `u`, `char32_t` `U`. Their arrays read
 * as text, as gdb shows them (`L"ab"`); they read as integers, `[97 (0x61), 98 (0x62), 0, 0]`.
 */
const WIDE = /^(?:const |volatile )*(wchar_t|char16_t|char32_t)$/;
const WIDE_PREFIX: Record<string, string> = { wchar_t: 'L', char16_t: 'u', char32_t: 'U' };

function widePrefix(type: string | null | undefined): string | null {
  const m = WIDE.exec(type ?? '');
  return m ? WIDE_PREFIX[m[1]!]! : null;
}

/** A wide character array's literal prefix, element size (2: UTF-16, 4: UTF-32) and length; null for any other layout. */
function wideArray(layout: StaticLayout | undefined): { prefix: string; stride: number; count: number } | null {
  if (layout?.kind !== 'array' || (layout.stride !== 2 && layout.stride !== 4)) return null;
  const prefix = widePrefix(layout.element);
  return prefix ? { prefix, stride: layout.stride, count: layout.count ?? 0 } : null;
}

/**
 * A wide array's text from its code units (`bytes`, `stride` each), as charArrayText reads a
 * `char` array: to its NUL when nothing but NULs follow, else to its last unit that is not 0
 * (`L"a\000b"`); `…` before the quote when `more` of it was not read. A UTF-16 surrogate pair is
 * one character; a lone surrogate, a unit past U+10FFFF (a negative wchar_t) is escaped, as
 * gdb does, in octal.
 */
export function wideText(prefix: string, stride: number, bytes: Uint8Array, more = false): string {
  const units = Array.from({ length: Math.floor(bytes.length / stride) }, (_, i) => Number(littleEndian(bytes.subarray(i * stride, (i + 1) * stride))));
  const end = units.indexOf(0);
  const last = units.findLastIndex((u) => u !== 0);
  const shown = units.slice(0, end === -1 ? units.length : last < end ? end : last + 1);
  let text = '';
  for (let i = 0; i < shown.length; i++) {
    const u = shown[i]!;
    const next = shown[i + 1];
    if (stride === 2 && u >= 0xd800 && u < 0xdc00 && next !== undefined && next >= 0xdc00 && next < 0xe000) {
      text += wideEscaped(0x10000 + ((u - 0xd800) << 10) + (next - 0xdc00), '"');
      i++;
    } else text += wideEscaped(u, '"');
  }
  return `${prefix}"${text}${more && (end === -1 || last > end) ? '…' : ''}"`;
}

/**
 * One character of a wide literal quoted by `quote`: itself when printable; the quote and `\`
 * escaped; a control character in octal as in a `char` array (`\000`, `\n` reads `\012`); any
 * other unprintable character as a universal name (`\u200b`, `\U000e0001`); a unit that is no
 * character (a surrogate, past U+10FFFF) in octal, as gdb writes one (`\37777777777` for -1).
 */
function wideEscaped(n: number, quote: string): string {
  if ((n >= 0xd800 && n < 0xe000) || n > 0x10ffff) return `\\${n.toString(8)}`;
  const c = String.fromCodePoint(n);
  if (c === quote || c === '\\') return `\\${c}`;
  if (n < 0x20 || n === 0x7f) return `\\${n.toString(8).padStart(3, '0')}`;
  if (!UNPRINTABLE.test(c)) return c;
  return n <= 0xffff ? `\\u${n.toString(16).padStart(4, '0')}` : `\\U${n.toString(16).padStart(8, '0')}`;
}

/** Characters a literal escapes: controls, format characters (a zero-width space), private use, unassigned, line and paragraph separators. */
const UNPRINTABLE = /^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]$/u;

/** Whether a pointer's pointee (`types[index]`) is a wide character (its literal prefix), so it points at wide text; null when not. */
export function pointsAtWideText(types: readonly PointedType[] | undefined, index: number | undefined): { prefix: string; stride: number } | null {
  const t = index === undefined ? undefined : types?.[index];
  const prefix = t && (t.size === 2 || t.size === 4) ? widePrefix(t.type) : null;
  return prefix ? { prefix, stride: t!.size } : null;
}

/**
 * The bytes that make `text` the value of a number-like part whose bytes are `old` (same
 * length): an integer (`42`, `-1`, `0x2a`), a float, a pointer, an enumerator's name (or
 * several OR'ed: `READ | WRITE`), a C character literal (`'k'`); a bit field's other bits kept.
 * What is wrong, naming the range or the enumerators, when the text is no such value.
 */
export function encodeValue(p: Typed, old: Uint8Array, text: string): Uint8Array | string {
  const t = text.trim();
  const type = p.type ?? 'this type';
  if (p.stored) return encodeStored(p, p.stored, old, t);
  if (!p.scalar || (!p.bits && old.length !== 1 && old.length !== 2 && old.length !== 4 && old.length !== 8)) return `${type} is not a number: set its parts one by one`;
  const out = new Uint8Array(old);
  const view = new DataView(out.buffer);
  if (p.scalar === 'float') {
    const n = Number(t);
    if (t === '' || Number.isNaN(n) && !/^nan$/i.test(t)) return `'${text}' is not a number`;
    // Past the type's largest, the write stored Infinity and said nothing; an infinity asked
    // for by name is one. Refused as an integer out of range is.
    const max = old.length === 4 ? 3.4028234663852886e+38 : Number.MAX_VALUE;
    if (!/^[+-]?infinity$/i.test(t) && Math.abs(old.length === 4 ? Math.fround(n) : n) === Infinity) return `${t} does not fit ${type} (${-max} to ${max})`;
    if (old.length === 4) view.setFloat32(0, n, true);
    else if (old.length === 8) view.setFloat64(0, n, true);
    else return `${type} is not a 4- or 8-byte float`;
    return out;
  }
  // An enum's value may be its enumerators OR'ed, as a flags enum reads (`READ | WRITE`).
  const terms = (p.enumerators && t.includes('|') ? t.split('|') : [t]).map((term) => integerOf(p, term.trim()));
  const n = terms.includes(null) ? null : terms.reduce((all, term) => all! | term!, 0n);
  if (n === null) {
    const names = p.enumerators ? `, or one of ${Object.values(p.enumerators).join(', ')}` : '';
    return `'${text}' is not ${p.scalar === 'pointer' ? 'an address' : 'an integer'} (42, -1, 0x2a${names})`;
  }
  const width = p.bits?.width ?? 8 * old.length;
  const signed = p.scalar === 'signed';
  const [low, high] = signed ? [-(1n << BigInt(width - 1)), (1n << BigInt(width - 1)) - 1n] : [0n, (1n << BigInt(width)) - 1n];
  if (n < low || n > high) return `${text.trim()} does not fit ${type} (${low} to ${high})`;
  const field = BigInt.asUintN(width, n);
  const shift = BigInt(p.bits?.shift ?? 0);
  const mask = ((1n << BigInt(width)) - 1n) << shift;
  const whole = (littleEndian(old) & ~mask) | (field << shift);
  for (let i = 0; i < out.length; i++) out[i] = Number((whole >> BigInt(8 * i)) & 0xffn);
  return out;
}

/**
 * What Set Value on `p` (at `address`, its own bytes `bytes`) writes: itself, or (`through`) the
 * object a C++ reference names, at the address its bytes hold, as that object's type. C++ cannot
 * re-point a reference, and gdb's `set var r = 5` assigns through it; writing the new value into
 * the reference's own bytes pointed it at whatever sat at address 5. What is wrong when the
 * object named is no number (a struct: its parts are set one by one, opened from it).
 */
export function setTarget(p: Part, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined):
  { part: Typed; address: number; through: boolean } | string {
  const own = transparent(p);
  if (!own.reference) return { part: own, address, through: false };
  const referred = own.pointee !== undefined ? types?.[own.pointee] : undefined;
  const target = pointerTarget(bytes);
  const type = own.type ?? 'the reference';
  if (!referred) return `${type} refers to a type DWARF does not describe: write memory at its address instead`;
  if (!target) return `${type} holds ${target === 0 ? 'address 0' : 'no 32-bit address'}, no object: nothing to set through it`;
  if (!isScalar(referred)) return `${type} refers to ${referred.type}, which is not a number: set its parts one by one`;
  return { part: referred, address: target, through: true };
}

/**
 * The bytes of a shrunk global (StaticVariable.stored) that make its value `t`. The optimiser
 * shrinks a global to a flag, x = 0 for its initial value and 1 for the other: those two are
 * all it can be set to, whatever else the bytes could hold.
 */
function encodeStored(p: Typed, { scale, offset }: NonNullable<Typed['stored']>, old: Uint8Array, t: string): Uint8Array | string {
  const n = integerOf(p, t);
  const x = [0, 1].find((flag) => n !== null && BigInt(scale * flag + offset) === n);
  if (x === undefined) return `'${t}' cannot be stored: the optimiser keeps ${p.type ?? 'it'} as a flag x and its value as ${scale}·x + ${offset}, so it is ${offset} or ${scale + offset}`;
  const out = new Uint8Array(old.length);
  out[0] = x;
  return out;
}

/** The integer `t` names for a part like `p`: an enumerator's name, a C character literal, a boolean's `true` or `false`, a decimal or hex number; null for none. */
function integerOf(p: Typed, t: string): bigint | null {
  if ((t === 'true' || t === 'false') && BOOL.test(p.type ?? '')) return t === 'true' ? 1n : 0n;
  const named = p.enumerators ? Object.entries(p.enumerators).find(([, name]) => name === t) : undefined;
  const char = /^'(?:\\(.)|(.))'$/.exec(t);
  if (named) return BigInt(named[0]);
  if (char) return BigInt(({ 0: 0, n: 10, t: 9, r: 13 } as Record<string, number>)[char[1] ?? ''] ?? (char[1] ?? char[2]!).charCodeAt(0));
  return /^-?(0x[0-9a-f]+|\d+)$/i.test(t) ? (t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t)) : null;
}

/** A part of a static as its value reads: its type, and a pointer's pointee. */
export type Part = Typed & { pointee?: number };

/** A standard container, smart pointer or Rust wrapper (std-types.ts), which reads as what it holds, not as its members. */
function isStd(p: Named): boolean {
  return containerShape(p) !== null || smartPointer(p) !== null || isMap(p) || transparent(p) !== p;
}

/**
 * What a value named `path` at `address` opens into, as parts to read: a container's elements
 * (`NUMS[0]`, on the heap), a struct's or array's parts, or what a typed pointer points at;
 * null for nothing (a number, text, an empty container, a null pointer) and for a map or set,
 * which opens into its entries (mapParts).
 */
export function opensInto(part: Part, path: string, address: number, bytes: Uint8Array | null, types: readonly PointedType[] | undefined):
  { path: string; address: number; layout: StaticLayout } | null {
  const p = transparent(part);
  // A map's entries are not where its members say (mapParts finds them).
  if (isMap(p)) return null;
  const container = bytes ? containerOf(p, address, bytes, types) : null;
  if (container) {
    if (container.text || !container.element || container.count === 0 || container.address === 0) return null;
    return { path, address: container.address, layout: elementsOf(container.element, container.count) };
  }
  const smart = smartPointer(p);
  if (smart) {
    const target = bytes ? pointerTarget(bytes.subarray(smart.pointer.offset, smart.pointer.offset + 4)) : null;
    return target === null ? null : pointeeParts(types, smart.pointer.pointee, path, target);
  }
  if (p.layout) return hasParts(p.layout, bytes) ? { path, address, layout: p.layout } : null;
  const target = p.pointee !== undefined && bytes ? pointerTarget(bytes) : null;
  return target === null ? null : pointeeParts(types, p.pointee!, path, target);
}

/** Read as one number: a base type, an enum or a pointer of 1, 2, 4 or 8 bytes. */
function isScalar(v: { scalar?: StaticScalar; size: number | null }): boolean {
  return v.scalar !== undefined && (v.size === 1 || v.size === 2 || v.size === 4 || v.size === 8);
}

/** The bytes a static's own value is read from (valueText): a number's, a `char` array's first TEXT_PREVIEW, an enum's, another struct's or array's first SUMMARY_BYTES. */
export function valueBytes(v: { scalar?: StaticScalar; size: number | null; layout?: StaticLayout }): number {
  if (isScalar(v)) return v.size!;
  if (v.layout?.kind === 'struct' && v.layout.variants) return v.layout.variants.size;
  if (isText(v.layout)) return Math.min(v.size ?? 0, TEXT_PREVIEW);
  const wide = wideArray(v.layout);
  if (wide) return Math.min(v.size ?? 0, TEXT_PREVIEW * wide.stride);
  return v.layout ? Math.min(v.size ?? 0, SUMMARY_BYTES) : 0;
}

/** The address a pointer's 4 bytes hold; null when they are not 4 bytes. */
export function pointerTarget(bytes: Uint8Array): number | null {
  return bytes.length === 4 ? Number(littleEndian(bytes)) : null;
}

/**
 * What a pointer named `path` points at, as parts to open: a struct's members (`table[0].key`),
 * else its one element (`table[0].key[0]`), whose pointers open in turn. Null for a null
 * pointer or one whose pointee DWARF does not type (`void *`).
 */
export function pointeeParts(types: readonly PointedType[] | undefined, index: number, path: string, target: number):
  { path: string; address: number; layout: StaticLayout } | null {
  const pointee = types?.[index];
  if (target === 0 || !pointee) return null;
  if (pointee.layout?.kind === 'struct') return { path: `${path}[0]`, address: target, layout: pointee.layout };
  return { path, address: target, layout: elementsOf(pointee, 1) };
}

/** Whole elements of its type in a typed block: one for a base class (what follows may be the derived object's). */
export function elementsIn(t: TypedBlock): number {
  return t.pointee.single || t.node !== undefined ? 1 : Math.floor(t.size / t.pointee.size);
}

/**
 * A typed heap block as parts to open: its elements (`table[0]`, `table[1]`), each read as the
 * pointer's type says; a node's entry, its parts (`ages["ada"].__cc_`); null for a node whose
 * entry has none (a set<int>'s).
 */
export function blockParts(t: TypedBlock): { path: string; address: number; layout: StaticLayout } | null {
  if (t.node === undefined) return { path: t.name, address: t.address, layout: elementsOf(t.pointee, elementsIn(t)) };
  return t.pointee.layout ? { path: t.name, address: t.address + t.node, layout: t.pointee.layout } : null;
}

/** `count` elements of a pointed-to type, as an array layout. */
function elementsOf(t: PointedType, count: number): StaticLayout {
  const { type, size, scalar, layout, pointee, enumerators, functionPointer } = t;
  const elements: StaticLayout = { kind: 'array', count, stride: size, element: type };
  if (scalar) elements.scalar = scalar;
  if (enumerators) elements.enumerators = enumerators;
  if (layout) elements.layout = layout;
  if (pointee !== undefined) elements.pointee = pointee;
  if (functionPointer) elements.functionPointer = functionPointer;
  return elements;
}

/** `bytes` as one little-endian unsigned number. */
export function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function integerText(n: bigint): string {
  return formatBinding({ kind: 'int', value: n.toString() });
}
