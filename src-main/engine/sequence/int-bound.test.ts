// Sequence integers are exact up to MAX_INT_BITS: `x = x * x` repeated once took seconds per
// line (and ended in the guest's time limit) as the number doubled in size with each line.

import { describe, expect, it } from 'vitest';
import type { BoundValue } from '../../shared/dto.ts';
import type { Expr } from './ast.ts';
import { evaluate, evaluateExpression, MAX_INT_BITS } from './expr.ts';
import { fastEval } from './fast-eval.ts';
import { Cursor, parseExpr } from './parse-expr.ts';
import { lexLine } from './lexer.ts';

const wide = (1n << BigInt(MAX_INT_BITS - 1)) + 1n;
const bindings: Record<string, BoundValue> = { x: { kind: 'int', value: wide.toString() }, m: { kind: 'int', value: '18446744073709551615' } };

const result = (text: string): string => {
  const r = evaluateExpression(text, bindings);
  return r.ok ? `ok ${r.value}` : `${r.error.code} @${r.error.where?.column}+${r.error.where?.length}: ${r.error.message}`;
};

function fast(text: string): string {
  const e = parseExpr(new Cursor(lexLine(text), 1));
  const lookup = (n: string): BoundValue | undefined => bindings[n];
  try {
    const values = (n: string): bigint | undefined => (bindings[n]?.kind === 'int' ? BigInt((bindings[n] as { value: string }).value) : undefined);
    return `ok ${fastEval(e, values, (sub: Expr) => evaluate(sub, lookup)) as bigint}`;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('integer width', () => {
  it('keeps results up to the limit exact', () => {
    expect(result('m * m')).toBe(`ok ${18446744073709551615n ** 2n}`);
    expect(result('(1 << 128) * (1 << 128) >> 100 >> 100')).toBe(`ok ${1n << 56n}`);
    expect(result('x - 1')).toBe(`ok ${wide - 1n}`);
  });

  it('refuses a result past the limit at its operator, in both evaluators', () => {
    const msg = `the result of '*' needs more than ${MAX_INT_BITS} bits; sequence integers are exact up to ${MAX_INT_BITS} bits`;
    expect(result('1 + x * x')).toBe(`eval-error @5+5: ${msg}`);
    expect(fast('1 + x * x')).toBe(msg);
    expect(result('x + x')).toMatch(/^eval-error @1\+5: the result of '\+' needs more than/);
    expect(fast('x << 2')).toMatch(/the result of '<<' needs more than/);
    expect(result('-x - x')).toMatch(/^eval-error @1\+6: the result of '-'/);
  });
});
