// Wasm values as data, and the one place values become text: call arguments and results (CLI,
// the renderer's call log, `--explain`, `run --json`) and a sequence's bound values (CLI, DAP
// variables, snapshots, the call log, `--explain`; at the end). The representation is WasmValue in
// dto.ts: bit patterns, so a value crosses the worker, Electron IPC and the web shell's JSON
// exactly. Text, matching what JavaScript's String() printed for the same value before values
// travelled as structure (the goldens pin it):
//   i32, i64     signed decimal                 -1, 4467570830351532032
//   i32 address  hex, when the caller knows it as an address (KnownAddress): a call's argument,
//                result or bound value in a region or heap block, as the grid writes it: 0x10620
//   f32, f64     JavaScript number text         1.5, Infinity; an f32 in the fewest digits that read back as
//                the same f32 (float32Text): 1.1, not 1.100000023841858 (its f64 widening)
//   -0           -0                             (String(-0) said 0; the sign is the value)
//   NaN          NaN for the canonical quiet NaN; else its sign and payload as the wasm text
//                format writes it: -NaN, NaN:0x200001 (mantissa bits, hex)
//   funcref      func 12, or null               externref: extern, or null

import type { BoundValue, CallValue, StaticScalar, ValType, WasmValue } from './dto.ts';
import { hexAddress } from './hex.ts';

const scratch = new DataView(new ArrayBuffer(8));

/**
 * A value as JavaScript's WebAssembly API hands it over (i64 a bigint, i32/f32/f64 a number,
 * references an object or null), as data of type `type`. Call it before the number is stored
 * in an array: V8 may quiet a signalling NaN there. (The JS API has already quieted an f32's.)
 */
export function fromJs(type: ValType, raw: unknown): WasmValue {
  switch (type) {
    case 'i32': return { type, bits: Number(raw) >>> 0 };
    case 'i64': return { type, bits: BigInt.asUintN(64, BigInt(raw as bigint | number)).toString(16).padStart(16, '0') };
    case 'f32':
      scratch.setFloat32(0, Number(raw));
      return { type, bits: scratch.getUint32(0) };
    case 'f64':
      scratch.setFloat64(0, Number(raw));
      return { type, bits: scratch.getBigUint64(0).toString(16).padStart(16, '0') };
    // The JS API refuses v128 at a call's boundary (TypeError) before any value could arrive.
    case 'v128': throw new TypeError('a v128 value cannot cross the JavaScript API');
    case 'funcref': return { type, func: typeof raw === 'function' && /^\d+$/.test(raw.name) ? Number(raw.name) : null };
    case 'externref': return { type, isNull: raw === null || raw === undefined };
  }
}

/** What JavaScript's WebAssembly API takes for the value (an i64 as a bigint). */
export function toJs(value: WasmValue): number | bigint | null {
  switch (value.type) {
    case 'i32': return value.bits | 0;
    case 'i64': return BigInt.asIntN(64, BigInt(`0x${value.bits}`));
    case 'f32':
      scratch.setUint32(0, value.bits);
      return scratch.getFloat32(0);
    case 'f64':
      scratch.setBigUint64(0, BigInt(`0x${value.bits}`));
      return scratch.getFloat64(0);
    default: return null;
  }
}

/** The zero (or null reference) of a type: what a global holds when nothing better is known. */
export function zeroValue(type: ValType): WasmValue {
  switch (type) {
    case 'i32': case 'f32': return { type, bits: 0 };
    case 'i64': case 'f64': return { type, bits: '0'.repeat(16) };
    case 'v128': return { type, bits: '0'.repeat(32) };
    case 'funcref': return { type, func: null };
    case 'externref': return { type, isNull: true };
  }
}

/**
 * Says whether an i32 (read unsigned) is an address the reader has been shown by the step: in a
 * region or a heap block (known-addresses.ts). Such a value prints in hex, as the memory view,
 * the regions and the heap write addresses, so a call log's `free(0x10620)` is the grid's
 * 0x10620 and `a = 67104 (0x10620)`, not 67104 to convert by hand. Null: every i32 in decimal.
 */
export type KnownAddress = ((address: number) => boolean) | null;

/** A value as text (see the table at the top; a Go function's JavaScript value as it read). */
export function formatValue(value: CallValue): string {
  switch (value.type) {
    case 'js': return value.text;
    case 'i32': return String(value.bits | 0);
    case 'i64': return BigInt.asIntN(64, BigInt(`0x${value.bits}`)).toString();
    case 'f32': return floatText(toJs(value) as number, BigInt(value.bits), 32);
    case 'f64': return floatText(toJs(value) as number, BigInt(`0x${value.bits}`), 64);
    case 'v128': return `v128 0x${value.bits}`;
    case 'funcref': return value.func === null ? 'null' : `func ${value.func}`;
    case 'externref': return value.isNull ? 'null' : 'extern';
  }
}

/** An address as the memory view writes it: 0x10620. */

/** A call's argument or result as text: an i32 `known` as an address in hex, else as formatValue. */
export function formatCallValue(value: CallValue, known: KnownAddress): string {
  return value.type === 'i32' && known?.(value.bits >>> 0) ? hexAddress(value.bits >>> 0) : formatValue(value);
}

/** A list of values as text: `1024, 6` (`0x10620, 6` where `known` says 67104 is an address). */
export function formatValues(values: readonly CallValue[], known: KnownAddress = null): string {
  return values.map((v) => formatCallValue(v, known)).join(', ');
}

/** `greet(1040, 6)`: an export call with its arguments (`greet(0x410, 6)` where 1040 is a known address). */
export function formatCallExpr(name: string, args: readonly CallValue[], known: KnownAddress = null): string {
  return `${sequenceName(name)}(${formatValues(args, known)})`;
}

/**
 * A function's name as a sequence writes it: bare when it is an identifier (the lexer's rule:
 * letters, digits, `_`, `$`, not starting with a digit), else quoted: `"my-func"`,
 * `"pkg:x/y#greet"`, with `\\`, `\"` and control characters escaped as sequence strings are.
 */
export function sequenceName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : sequenceString(name);
}

/** A static's name after `&`: `count`, `calls::n`, or quoted when a part is no identifier (`"a::{impl#1}::X"`), as the sequence parser takes them. */
export function sequenceStaticName(name: string): string {
  return name.split('::').every((part) => sequenceName(part) === part) ? name : sequenceString(name);
}

/**
 * The sequence's number type (`read`, `write`) for a value read as `scalar` in
 * `size` bytes: `i32`, `u8`, `f64`; a pointer as an unsigned integer; null for another size.
 */
export function sequenceNumType(scalar: StaticScalar | undefined, size: number | null): string | null {
  if (scalar === undefined || (size !== 1 && size !== 2 && size !== 4 && size !== 8)) return null;
  if (scalar === 'float') return size === 4 ? 'f32' : size === 8 ? 'f64' : null;
  return `${scalar === 'signed' ? 'i' : 'u'}${8 * size}`;
}

/** Text as a sequence string literal: quoted, with `\\`, `\"` and control characters (`\xNN`) escaped. */
export function sequenceString(text: string): string {
  const escaped = text.replace(/[\\"]/g, (ch) => `\\${ch}`)
    .replace(/[\x00-\x1f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${escaped}"`;
}

/** A float that is not NaN (or a bound float, whose payload is gone) as text: String(), but -0 with its sign. */
export function numberText(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * An f32 as text: the fewest significant digits that read back (rounded to f32) as the same f32,
 * as Rust's `{}` and Go's FormatFloat(…, 32) print one: `0.1`, where its f64 widening is
 * 0.10000000149011612, a number the guest never had. toPrecision's nearest d-digit decimal
 * suffices but for f32s just above a power of two, whose rounding interval is lopsided: there it
 * can take one digit more than the fewest, still reading back exactly. Never more than 9.
 */
export function float32Text(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return numberText(n);
  for (let digits = 1; digits <= 9; digits++) {
    const shorter = Number(n.toPrecision(digits));
    if (Math.fround(shorter) === n) return numberText(shorter);
  }
  return numberText(n);
}

function floatText(n: number, bits: bigint, width: 32 | 64): string {
  if (!Number.isNaN(n)) return width === 32 ? float32Text(n) : numberText(n);
  const mantissaBits = width === 32 ? 23n : 52n;
  const payload = bits & ((1n << mantissaBits) - 1n);
  const negative = (bits >> BigInt(width - 1)) === 1n;
  const canonical = payload === 1n << (mantissaBits - 1n);
  return `${negative ? '-' : ''}NaN${canonical ? '' : `:0x${payload.toString(16)}`}`;
}

/**
 * How a bound value reads in each place; integers are exact decimal text, floats JS numbers.
 *   formatBinding   CLI, snapshots, DAP    66640 (0x10450), "hello", {ptr: 1024, len: 12}, (no bytes)
 *   boundText       the call log's line    66640, or 0x10450 when known as an address, cut at `max` characters at every level
 *   boundInSentence --explain              66640 (0x10450) from 256 on, text cut at 40, "12 bytes"
 */
interface BoundStyle {
  /** `signed`: the value's signed reading when it differs (an i32 result of 0xffffffff is -1). */
  int(decimal: string, signed: string | null): string;
  text(value: string): string;
  bytes(hex: string): string;
  /** Each level's text is cut here with an ellipsis. */
  max?: number;
}

function formatBound(v: BoundValue, style: BoundStyle): string {
  let out: string;
  switch (v.kind) {
    case 'int': out = style.int(v.value, signedReading(v.value, v.bits)); break;
    // numberText: `x = negz()` printed "x = 0" under the call's "= -0". An f32 as the call log shows it
    // (0.1, not its widening 0.10000000149011612).
    case 'float': out = v.bits === 32 ? float32Text(v.value) : numberText(v.value); break;
    case 'text': out = style.text(v.value); break;
    case 'bytes': out = style.bytes(v.hex); break;
    case 'struct': out = `{${Object.entries(v.fields).map(([k, f]) => `${k}: ${formatBound(f, style)}`).join(', ')}}`; break;
    case 'tuple': out = `(${v.items.map((i) => formatBound(i, style)).join(', ')})`; break;
    case 'js': out = v.type === 'string' ? style.text(v.value) : v.value; break;
  }
  return style.max !== undefined && out.length > style.max ? `${out.slice(0, style.max - 1)}…` : out;
}

/** `-1` for an i32 result bound as 4294967295; null when unsigned and signed read the same. */
function signedReading(decimal: string, bits: 32 | 64 | undefined): string | null {
  if (bits === undefined) return null;
  const n = BigInt(decimal);
  return n >= 1n << BigInt(bits - 1) ? BigInt.asIntN(bits, n).toString() : null;
}

const CLI_STYLE: BoundStyle = {
  int: (d, signed) => (BigInt(d) >= 10n ? `${d} (0x${BigInt(d).toString(16)}${signed ? `, signed ${signed}` : ''})` : d),
  text: (t) => JSON.stringify(t),
  bytes: (hex) => (hex === '' ? '(no bytes)' : hex),
};

const SENTENCE_STYLE: BoundStyle = {
  int: (d, signed) => {
    if (signed) return `${signed} (${d} unsigned)`;
    const n = Number(d);
    return Number.isSafeInteger(n) && n >= 256 ? `${d} (${hexAddress(n)})` : d;
  },
  text: (t) => JSON.stringify(t.length > 40 ? `${t.slice(0, 39)}…` : t),
  bytes: (hex) => `${hex.length / 2} bytes`,
};

/** A bound value as a person reads it: `66640 (0x10450)`, `"hello"`, `{ptr: 1024, len: 12}`. */
export function formatBinding(value: BoundValue): string {
  return formatBound(value, CLI_STYLE);
}

/**
 * A bound value as one short line: `12`, `"hello from C"`, `{ptr: 67120, len: 12}`; an integer
 * `known` as an address in hex, as the call's arguments beside it (`0x10620`, `{ptr: 0x10630, len: 12}`).
 */
export function boundText(value: BoundValue, max = 60, known: KnownAddress = null): string {
  const int = (d: string, signed: string | null) => {
    const n = Number(d);
    if (known && Number.isInteger(n) && n >= 0 && n < 2 ** 32 && known(n)) return hexAddress(n);
    return signed ? `${d} (signed ${signed})` : d;
  };
  return formatBound(value, { int, text: (t) => JSON.stringify(t), bytes: (hex) => hex, max });
}

/** A bound value inside a sentence of --explain. */
export function boundInSentence(value: BoundValue): string {
  return formatBound(value, SENTENCE_STYLE);
}
