// A sequence with many bad lines: its errors are listed up to LISTED_ERRORS, then counted
// (100,000 bad lines were 100,000 errors, each printed by run and listed by the page).

import { describe, expect, it } from 'vitest';
import type { ModuleInfo } from '../../shared/dto.ts';
import { LISTED_ERRORS, listedErrors } from './errors.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';

const SYNTAX_NEXT = 'fixing those above lists the next (the checks against the module run once every line parses)';
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

describe('a sequence\'s errors, listed', () => {
  it('100,000 parse errors: the first 50 as they are, then how many more, at the first of them', () => {
    const { errors } = parseSequence(lines(100_000, (i) => `x = = ${i}`), 'bad.wseq');
    expect(errors).toHaveLength(LISTED_ERRORS + 1);
    expect(errors[0]).toEqual({ code: 'parse-error', message: "expected a number, a string, a name or '(', found '='",
      where: { file: 'bad.wseq', line: 1, column: 5, source: 'x = = 0', length: 1 } });
    expect(errors[49]!.where?.line).toBe(50);
    expect(errors[50]).toEqual({ code: 'parse-error', message: `… and 99950 more syntax errors, 100000 in all, the first of them here: ${SYNTAX_NEXT}`, where: { file: 'bad.wseq', line: 51, column: 5 } });
  });

  it('says the count is of syntax errors: the lines that parse are checked against the module only once all do', () => {
    // 60 bad lines and 60 calls of no export: "60 in all" read as every error there was.
    const info = { exports: [], imports: [], functionCount: 0, tables: [], memories: [], allocator: null } as unknown as ModuleInfo;
    const parsed = parseSequence(lines(120, (i) => (i % 2 ? `nosuch${i}()` : `x = = ${i}`)), 'mixed.wseq');
    expect(parsed.errors.at(-1)!.message).toBe(`… and 10 more syntax errors, 60 in all, the first of them here: ${SYNTAX_NEXT}`);
    expect(validateSequence(parsed.sequence, info)).toHaveLength(LISTED_ERRORS + 1);
  });

  it('validation errors the same way, in line order', () => {
    const info = { exports: [], imports: [], functionCount: 0, tables: [], memories: [], allocator: null } as unknown as ModuleInfo;
    const parsed = parseSequence(lines(1000, (i) => `nosuch${i}()`), 'bad.wseq');
    expect(parsed.errors).toEqual([]);
    const errors = validateSequence(parsed.sequence, info);
    expect(errors.map((e) => e.where?.line)).toEqual([...Array.from({ length: 50 }, (_, i) => i + 1), 51]);
    expect(errors[50]!.message).toBe('… and 950 more errors, 1000 in all, the first of them here: fixing those above lists the next');
  });

  it('as many as fit, and one more, are listed whole (the count would take its place)', () => {
    const errors = Array.from({ length: LISTED_ERRORS + 1 }, (_, i) => ({ code: 'parse-error' as const, message: `e${i}` }));
    expect(listedErrors(errors)).toBe(errors);
    const more = listedErrors([...errors, { code: 'parse-error', message: 'last' }]);
    expect(more.at(-1)).toEqual({ code: 'parse-error', message: '… and 2 more errors, 52 in all, the first of them here: fixing those above lists the next' });
  });
});
