// Expressions evaluated over already-converted values, for the executor's per-step path. Only
// the common exact-integer cases are handled here; anything else (a fault, a float, text, bytes,
// a tuple) re-evaluates that subtree with evaluate(), which is pure, so results and error
// messages are exactly those of the tree walker.
//
// Why not compiled once into closures (as it was): each expression of a step is evaluated once
// per run of that step, and the executor kept the compiled closures only for the running step
// (kept longer, they were ~400 bytes a step that no later step used), so every evaluation paid
// for compiling, the cache's lookups and inserts, and the Map's clear at each step, and used
// the closures once.

import type { Expr } from './ast.ts';
import { fromBound, tooWide } from './expr.ts';
import type { Value } from './expr.ts';

/** A bound name's value, already converted from its BoundValue; undefined: ask the slow path. */
export type ValueOf = (name: string) => Value | undefined;
/** Evaluates the original tree (expr.ts evaluate over the bound names). */
export type SlowEval = (e: Expr) => Value;

/** Shifts past this many bits fault (expr.ts MAX_SHIFT); those go to the slow path. */
const MAX_SHIFT = 128n;

export function fastEval(e: Expr, values: ValueOf, slow: SlowEval): Value {
  switch (e.kind) {
    case 'int':
    case 'float':
    case 'string':
      return e.value;
    case 'name':
      return values(e.name) ?? slow(e);
    case 'static':
      return e.address ?? slow(e);
    case 'field': {
      const obj = fastEval(e.object, values, slow);
      const f = typeof obj === 'object' && !(obj instanceof Uint8Array) ? obj.fields[e.field] : undefined;
      return f !== undefined && f.kind === 'int' ? fromBound(f, e.field, e.span) : slow(e);
    }
    case 'unary': {
      const v = fastEval(e.operand, values, slow);
      if (typeof v !== 'bigint') return slow(e);
      return wide(e.op === '-' ? -v : ~v, e, slow);
    }
    case 'binary': return binary(e, fastEval(e.left, values, slow), fastEval(e.right, values, slow), slow);
  }
}

/** Both operands are evaluated before either is looked at, as evaluate() does. */
function binary(e: Extract<Expr, { kind: 'binary' }>, a: Value, b: Value, slow: SlowEval): Value {
  if (typeof a !== 'bigint' || typeof b !== 'bigint') return slow(e);
  switch (e.op) {
    case '+': return wide(a + b, e, slow);
    case '-': return wide(a - b, e, slow);
    case '*': return wide(a * b, e, slow);
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '/': return b === 0n ? slow(e) : a / b;
    case '%': return b === 0n ? slow(e) : a % b;
    default:
      if (b < 0n || b > MAX_SHIFT) return slow(e);
      return e.op === '<<' ? wide(a << b, e, slow) : a >> b;
  }
}

/** A result past expr.ts's MAX_INT_BITS goes to the slow path, which refuses it in its words. */
function wide(v: bigint, e: Expr, slow: SlowEval): Value {
  return tooWide(v) ? slow(e) : v;
}
