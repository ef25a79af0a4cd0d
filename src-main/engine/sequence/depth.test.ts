// Deep nesting is a parse error at line:column, never a stack overflow (issue 13, item 7): the
// red-team inputs were ~733 parentheses, 9,449 unary minus, 2,460 nested structs and a
// 200,000-term chain, each of which ended `memscope run` with "Maximum call stack size exceeded".

import { describe, expect, it } from 'vitest';
import { evaluateExpression, parseSequence } from './index.ts';

function firstError(text: string): { message: string; line?: number; column?: number } {
  const parsed = parseSequence(text, 'deep.wseq');
  const e = parsed.errors[0];
  if (!e) throw new Error('no error reported');
  return { message: e.message, line: e.where?.line, column: e.where?.column };
}

describe('nesting limits of the sequence parser', () => {
  it('refuses 733 parentheses with the place the limit was passed', () => {
    const e = firstError(`x = 1\ny = ${'('.repeat(733)}1${')'.repeat(733)}\n`);
    expect(e.message).toMatch(/nested more than 100 levels deep/);
    expect(e).toMatchObject({ line: 2, column: 5 + 100 });
  });

  it('refuses 9,449 unary minus signs and 2,460 nested structs', () => {
    expect(firstError(`x = ${'-~'.repeat(4725)}1\n`).message).toMatch(/nested more than 100 levels deep/);
    const struct = `${'{a: '.repeat(2460)}u32${'}'.repeat(2460)}`;
    expect(firstError(`s = read ${struct} @ 0\n`).message).toMatch(/nested more than 100 levels deep/);
  });

  it('refuses 3,000 field accesses in a row, at the dot past the limit (was a stack overflow)', () => {
    const e = firstError(`s = read {a: u32} @ 0\ny = s${'.a'.repeat(3000)}\n`);
    expect(e).toEqual({ message: 'nested more than 100 levels deep; simplify this line', line: 2, column: 6 + 2 * 100 });
    // As deep as a struct type may nest is still a field chain.
    const deepest = `${'{a: '.repeat(100)}u8${'}'.repeat(100)}`;
    expect(parseSequence(`s = read ${deepest} @ 0\nexpect s${'.a'.repeat(100)} == 0\n`).errors).toEqual([]);
  });

  it('refuses a 200,000-term chain', () => {
    expect(firstError(`x = ${Array(200_000).fill('1').join(' + ')}\n`).message).toMatch(/more than 1000 operators/);
  });

  it('keeps reasonable nesting and the address box says the same', () => {
    expect(parseSequence(`x = ${'('.repeat(50)}1${')'.repeat(50)} + ${Array(500).fill('2').join(' * ')}\n`).errors).toEqual([]);
    const r = evaluateExpression(`${'('.repeat(5000)}1${')'.repeat(5000)}`, {});
    expect(r.ok ? 'ok' : r.error.message).toMatch(/nested more than 100 levels deep/);
  });
});
