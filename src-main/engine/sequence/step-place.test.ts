// A step's place: the one answer to where its own failures sit, which run's errors, the debug
// adapter's frame and the exported hosts' `line L:C` all take from stepPlace.

import { describe, expect, it } from 'vitest';
import { parseSequence } from './parse.ts';
import { stepFailure, stepPlace } from './step-place.ts';

/** Each step's source line with its place's text, `line:column` and that text. */
function places(text: string): string[] {
  const { sequence, errors } = parseSequence(text, 's.wseq');
  expect(errors).toEqual([]);
  return sequence.steps.map((s) => {
    const p = stepPlace(s);
    return `${p.line}:${p.column} ${s.source.slice(p.column - 1, p.column - 1 + p.length)}`;
  });
}

describe('stepPlace', () => {
  it("is a call's name, an expect's comparison, else the whole step", () => {
    expect(places([
      '  (a, b) = pair(1, 2)',
      'expect a + 1 == b   # the comparison, not `expect`',
      'x = 7',
      'write u32 5 @ 64',
      'expect no leaks',
    ].join('\n'))).toEqual([
      '1:12 pair',
      '2:8 a + 1 == b',
      '3:1 x = 7',
      '4:1 write u32 5 @ 64',
      '5:1 expect no leaks',
    ]);
  });

  it('places a guest failure without a place of its own there, and keeps one that has a place', () => {
    const { sequence } = parseSequence('  r = divide(1, 0)\n', 's.wseq');
    const step = sequence.steps[0]!;
    const trap = { code: 'trap' as const, message: 'trap: divide by zero' };
    expect(stepFailure(step, 's.wseq', trap).where).toEqual({ file: 's.wseq', line: 1, column: 7, length: 6, source: '  r = divide(1, 0)' });
    const placed = { ...trap, where: { line: 1, column: 14 } };
    expect(stepFailure(step, 's.wseq', placed)).toBe(placed);
  });
});
