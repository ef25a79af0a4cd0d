// Which steps count as long: the worker flushes finished records before each, so their time
// limit starts there (the flush itself is exercised by session-run.test.ts's stuck call).

import { describe, expect, it } from 'vitest';
import { parseSequence } from '../sequence/parse.ts';
import { stepMayRunLong } from './step-runner.ts';

function longSteps(text: string): boolean[] {
  const { sequence, errors } = parseSequence(text);
  expect(errors).toEqual([]);
  return sequence.steps.map(stepMayRunLong);
}

describe('stepMayRunLong', () => {
  it('guest calls and text or bytes reads and writes may run long; the rest take microseconds', () => {
    expect(longSteps([
      'before = pages()',
      'expect before == 256',
      'n = 1',
      'b = read bytes @ 0 [16000000]',
      't = read utf8 @ 0 [n]',
      'w = read utf16 @ 0 [n]',
      'write utf8 "hi" @ 0',
      'write bytes "de ad" @ 0',
      'x = read u32 @ 0',
      's = read {a: u32, b: u8} @ 0',
      'write u32 7 @ 0',
      'fill(1024, 256, 0xab)',
    ].join('\n'))).toEqual([true, false, false, true, true, true, true, true, false, false, false, true]);
  });
});
