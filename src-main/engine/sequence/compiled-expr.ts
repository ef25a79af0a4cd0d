// Expressions compiled once into closures over already-converted values, for the executor's
// per-step path. Only the common exact-integer cases are handled here; anything else (a fault,
// a float, text, bytes, a tuple) re-evaluates the original tree with evaluate(), which is pure,
// so results and error messages are exactly those of the tree walker.

import type { Expr } from './ast.ts';
import { fromBound } from './expr.ts';
import type { Value } from './expr.ts';

/** A bound name's value, already converted from its BoundValue; undefined: ask the slow path. */
export type ValueOf = (name: string) => Value | undefined;
export type CompiledExpr = (values: ValueOf) => Value;
/** Evaluates the original tree (expr.ts evaluate over the bound names). */
export type SlowEval = (e: Expr) => Value;

/** Shifts past this many bits fault (expr.ts MAX_SHIFT); those go to the slow path. */
const MAX_SHIFT = 128n;

export function compileExpr(e: Expr, slow: SlowEval): CompiledExpr {
  switch (e.kind) {
    case 'int':
    case 'float':
    case 'string': {
      const v = e.value;
      return () => v;
    }
    case 'name': {
      const name = e.name;
      return (values) => values(name) ?? slow(e);
    }
    case 'field': {
      const object = compileExpr(e.object, slow);
      const field = e.field;
      return (values) => {
        const obj = object(values);
        const f = typeof obj === 'object' && !(obj instanceof Uint8Array) ? obj.fields[field] : undefined;
        return f !== undefined && f.kind === 'int' ? fromBound(f, field, e.span) : slow(e);
      };
    }
    case 'unary': {
      const operand = compileExpr(e.operand, slow);
      const negate = e.op === '-';
      return (values) => {
        const v = operand(values);
        if (typeof v !== 'bigint') return slow(e);
        return negate ? -v : ~v;
      };
    }
    case 'binary': return compileBinary(e, compileExpr(e.left, slow), compileExpr(e.right, slow), slow);
  }
}

function compileBinary(e: Extract<Expr, { kind: 'binary' }>, left: CompiledExpr, right: CompiledExpr, slow: SlowEval): CompiledExpr {
  const op = e.op;
  return (values) => {
    const a = left(values);
    const b = right(values);
    if (typeof a !== 'bigint' || typeof b !== 'bigint') return slow(e);
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '/': return b === 0n ? slow(e) : a / b;
      case '%': return b === 0n ? slow(e) : a % b;
      default:
        if (b < 0n || b > MAX_SHIFT) return slow(e);
        return op === '<<' ? a << b : a >> b;
    }
  };
}
