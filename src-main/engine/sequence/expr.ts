// Evaluates sequence expressions over bound values. Integers are bigint and exact: no wrapping
// (wrapping happens only where a value is stored into a typed slot: an argument or a write).
// Floats are numbers, text is a string, bytes a Uint8Array, struct reads their bound form.

import { Buffer, constants } from 'node:buffer';
import type { BoundValue, Result, StaticVariable } from '../../shared/dto.ts';
import { numberText } from '../../shared/value-format.ts';
import { resolveStatics } from './static-names.ts';
import type { CompareOp, Expr, Span } from './ast.ts';
import { SequenceFault, locatedError, quoted, suggestion } from './errors.ts';
import { LexError, lexLine } from './lexer.ts';
import { Cursor, ParseFault, parseExpr } from './parse-expr.ts';

export type StructBound = Extract<BoundValue, { kind: 'struct' }>;
export type Value = bigint | number | string | Uint8Array | StructBound;

export type Lookup = (name: string) => BoundValue | undefined;

const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** Shifts past this many bits are refused, so a typo cannot build a gigantic number. */
const MAX_SHIFT = 128n;

/**
 * Integers are exact, but not unbounded: an arithmetic result of more than this many bits is
 * refused. Without a bound, `x = x * x` on a few lines doubled the size each time and the run
 * spent seconds on one multiplication, then reported the guest's time limit (and printed a
 * number of millions of digits). Anything stored is at most 64 bits; this leaves room for
 * intermediate results such as a 128-bit product shifted back down.
 */
export const MAX_INT_BITS = 1024;
const INT_LIMIT = 1n << BigInt(MAX_INT_BITS);

/** Whether `v` is past MAX_INT_BITS (its magnitude needs more bits). */
export function tooWide(v: bigint): boolean {
  return v >= INT_LIMIT || v <= -INT_LIMIT;
}

function bounded(v: bigint, op: string, span: Span): bigint {
  if (tooWide(v)) fault(`the result of '${op}' needs more than ${MAX_INT_BITS} bits; sequence integers are exact up to ${MAX_INT_BITS} bits`, span);
  return v;
}

function fault(message: string, span: Span): never {
  throw new SequenceFault('eval-error', message, span);
}

export function kindOf(v: Value): string {
  if (typeof v === 'bigint') return 'an integer';
  if (typeof v === 'number') return 'a float';
  if (typeof v === 'string') return 'text';
  if (v instanceof Uint8Array) return 'bytes';
  return `a struct ${v.type}`;
}

/** Short text of a value for messages: 42 (0x2a), "text", de ad, {ptr: u32, …}@0x10. */
export function showValue(v: Value): string {
  if (typeof v === 'bigint') return v > 9n || v < -9n ? `${v} (${v < 0n ? '-' : ''}0x${(v < 0n ? -v : v).toString(16)})` : `${v}`;
  // numberText: -0 keeps its sign, as a bound value prints it (`${v}` said an expect's -0 was 0).
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Uint8Array) return `bytes ${toHex(v) || '(empty)'}`;
  return `${v.type} @ 0x${v.address.toString(16)}`;
}

/**
 * Lowercase hex of `bytes`, in one native pass: appending per byte built a rope whose cost grew
 * faster than the input (a 16 MiB read took seconds). Refuses what no string can hold.
 */
export function toHex(bytes: Uint8Array): string {
  if (bytes.length * 2 > MAX_STRING_LENGTH) {
    throw new SequenceFault('out-of-bounds', `${bytes.length} bytes as hex would be ${bytes.length * 2} characters, ` +
      `more than the longest string this runtime holds (${MAX_STRING_LENGTH}); read at most ` +
      `${Math.floor(MAX_STRING_LENGTH / 2)} bytes at a time, or export a snapshot`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Bytes of hex text this module wrote (toHex): pairs of hex digits, nothing else. */
export function fromHex(hex: string): Uint8Array {
  const buffer = Buffer.from(hex, 'hex');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The value a bound name stands for in an expression. */
export function fromBound(b: BoundValue, name: string, span: Span): Value {
  switch (b.kind) {
    case 'int': return BigInt(b.value);
    case 'float': return b.value;
    case 'text': return b.value;
    case 'bytes': return fromHex(b.hex);
    case 'struct': return b;
    case 'tuple': return fault(`'${name}' holds several values; bind them with (a, b) = ...`, span);
    case 'js':
      if (b.type === 'string') return b.value;
      if (b.type === 'boolean') return b.value === 'true' ? 1n : 0n;
      return fault(`'${name}' holds a JavaScript ${b.type === 'other' ? 'value' : b.type} (${b.value}), which expressions cannot use`, span);
  }
}

/** A float as bound: one from an f32 keeps its width (BoundValue float `bits`), so it prints and compares as an f32. */
export function floatBound(value: number, f32: boolean): BoundValue {
  return f32 ? { kind: 'float', value, bits: 32 } : { kind: 'float', value };
}

/** The bound form of an evaluated value (assignments); `f32`: the value is an f32's (a copy of an f32 name, namesF32). */
export function toBound(v: Value, span: Span, f32 = false): BoundValue {
  if (typeof v === 'bigint') return { kind: 'int', value: v.toString() };
  if (typeof v === 'number') return floatBound(v, f32);
  if (typeof v === 'object' && !(v instanceof Uint8Array)) return v;
  return fault(`cannot assign ${kindOf(v)}: text and bytes are bound by reads`, span);
}

export function evaluate(e: Expr, lookup: Lookup): Value {
  switch (e.kind) {
    case 'int': return e.value;
    case 'float': return e.value;
    case 'string': return e.value;
    case 'name': {
      const b = lookup(e.name);
      if (!b) return fault(`unknown name ${quoted(e.name)}`, e.span);
      return fromBound(b, e.name, e.span);
    }
    case 'field': {
      const obj = evaluate(e.object, lookup);
      if (typeof obj !== 'object' || obj instanceof Uint8Array) {
        return fault(`'.${e.field}' needs a struct, but this is ${kindOf(obj)}`, e.span);
      }
      const f = obj.fields[e.field];
      if (!f) return fault(`struct ${obj.type} has no field ${quoted(e.field)}${suggestion(e.field, Object.keys(obj.fields))}`, e.span);
      return fromBound(f, e.field, e.span);
    }
    case 'unary': {
      const v = evaluate(e.operand, lookup);
      // Negation and ~ add at most one bit: checked so that no operator makes a value too wide.
      if (e.op === '-' && typeof v === 'bigint') return bounded(-v, e.op, e.span);
      if (e.op === '-' && typeof v === 'number') return -v;
      if (e.op === '~' && typeof v === 'bigint') return bounded(~v, e.op, e.span);
      return fault(`'${e.op}' does not apply to ${kindOf(v)}`, e.span);
    }
    case 'binary': return binary(e.op, evaluate(e.left, lookup), evaluate(e.right, lookup), e.span);
    case 'static': return e.address ?? fault(`'&${e.name}' needs the module's static variables, which this expression was not checked against`, e.span);
  }
}

function binary(op: string, a: Value, b: Value, span: Span): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+': return bounded(a + b, op, span);
      case '-': return bounded(a - b, op, span);
      case '*': return bounded(a * b, op, span);
      case '/': if (b === 0n) fault('division by zero', span); return a / b;
      case '%': if (b === 0n) fault('division by zero (remainder)', span); return a % b;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      default:
        if (b < 0n || b > MAX_SHIFT) fault(`shift count ${b} is outside 0..${MAX_SHIFT}`, span);
        return op === '<<' ? bounded(a << b, op, span) : a >> b;
    }
  }
  const numeric = (x: Value): x is bigint | number => typeof x === 'bigint' || typeof x === 'number';
  if (numeric(a) && numeric(b) && '+-*/%'.includes(op)) {
    const x = Number(a), y = Number(b);
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': return x / y;
      default: return x % y;
    }
  }
  return fault(`'${op}' does not apply to ${kindOf(a)} and ${kindOf(b)}`, span);
}

/**
 * Whether `e` is a name, or a field of one, bound from an f32 (BoundValue float `bits`). An
 * expect compares such a side with a number as f32s: the 0.1 a sequence stored as an f32 reads
 * back as 0.10000000149011612, which no f64 literal a person writes equals.
 */
export function namesF32(e: Expr, lookup: Lookup): boolean {
  const bound = boundAt(e, lookup);
  return bound?.kind === 'float' && bound.bits === 32;
}

function boundAt(e: Expr, lookup: Lookup): BoundValue | undefined {
  if (e.kind === 'name') return lookup(e.name);
  if (e.kind !== 'field') return undefined;
  const object = boundAt(e.object, lookup);
  return object?.kind === 'struct' && Object.hasOwn(object.fields, e.field) ? object.fields[e.field] : undefined;
}

/** Evaluates `left op right` of an expect step. Bytes compare with bytes or a hex string. */
export function compare(op: CompareOp, a: Value, b: Value, span: Span): boolean {
  let c: number;
  if (typeof a === 'bigint' && typeof b === 'bigint') c = a < b ? -1 : a > b ? 1 : 0;
  else if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    const x = Number(a), y = Number(b);
    c = x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  } else if (typeof a === 'string' && typeof b === 'string') c = a < b ? -1 : a > b ? 1 : 0;
  else if (a instanceof Uint8Array || b instanceof Uint8Array) {
    const hex = (v: Value): string | null =>
      v instanceof Uint8Array ? toHex(v) : typeof v === 'string' && /^(\s*[0-9a-fA-F]{2})*\s*$/.test(v) ? v.replace(/\s+/g, '').toLowerCase() : null;
    const x = hex(a), y = hex(b);
    if (x === null || y === null) return fault(`cannot compare ${kindOf(a)} with ${kindOf(b)}`, span);
    c = x < y ? -1 : x > y ? 1 : 0;
  } else return fault(`cannot compare ${kindOf(a)} with ${kindOf(b)}`, span);
  switch (op) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** An address or length: a non-negative integer a JS number holds exactly. */
export function toOffset(v: Value, what: string, span: Span): number {
  if (typeof v !== 'bigint') return fault(`${what} must be an integer, not ${kindOf(v)}`, span);
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SequenceFault('out-of-bounds', `${what} ${v} is outside linear memory`, span);
  }
  return Number(v);
}

/**
 * For the UI's goto box: evaluates `s.ptr + 4` over the session's bound names to an integer.
 * Errors are 'parse-error' or 'eval-error' with the column in the expression text.
 * `statics`: the module's, for `&name` (a static variable's address). `unbound`: why a name is not
 * among `bindings` when the caller knows (bound only by a later step), said after "unknown name".
 */
export function evaluateExpression(text: string, bindings: Record<string, BoundValue>, statics?: readonly StaticVariable[],
  unbound?: (name: string) => string | undefined): Result<bigint> {
  const ref = { source: text };
  // The name evaluate() found unbound: it faults at once, so a fault with one set is about it.
  let missing: string | undefined;
  try {
    const c = new Cursor(lexLine(text), 1);
    if (c.peek().kind === 'eol') c.fail('an expression');
    const expr = parseExpr(c);
    c.expectEnd('the expression');
    resolveStatics(expr, statics);
    const v = evaluate(expr, (n) => {
      if (Object.hasOwn(bindings, n)) return bindings[n];
      missing = n;
      return undefined;
    });
    if (typeof v !== 'bigint') {
      return { ok: false, error: locatedError('eval-error', `the expression is ${kindOf(v)}, not an integer`, ref, expr.span) };
    }
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof ParseFault || e instanceof LexError) {
      return { ok: false, error: locatedError('parse-error', e.message, ref, { line: 1, column: e.column, length: e.length }) };
    }
    if (e instanceof SequenceFault) {
      const span = e.span ?? { line: 1, column: 1, length: text.length };
      const why = missing !== undefined ? unbound?.(missing) : undefined;
      return { ok: false, error: locatedError(e.code, why !== undefined ? `${e.message} (${why})` : e.message, ref, span) };
    }
    throw e;
  }
}
