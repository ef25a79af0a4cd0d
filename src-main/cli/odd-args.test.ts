// Command lines that were refused in the wrong words: `-` (standard input, no option) called an
// unknown option by `new` and `snapshot`, and `heap --step` at the end of the line said of "".

import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

function firstLine(args: string[]) {
  const r = memscope(args);
  return { status: r.status, line: r.stderr.split('\n')[0] };
}

describe('refusals say what is wrong', () => {
  it('new -: standard input is not read, and why', () => {
    expect(firstLine(['new', '-'])).toEqual({ status: 2, line: "memscope new: reads a module file, not standard input (-): the sequence's module line names the file" });
  });

  it('snapshot -: standard input is not read', () => {
    expect(firstLine(['snapshot', '-'])).toEqual({ status: 2, line: "memscope snapshot: reads files, not standard input (-): give the snapshot's path" });
  });

  it('heap --step with nothing after it needs a count', () => {
    expect(firstLine(['heap', 'x.wseq', '--step'])).toEqual({ status: 2, line: 'memscope heap: --step needs a step count (0 or more)' });
    expect(firstLine(['heap', 'x.wseq', '--step', 'x'])).toEqual({ status: 2, line: 'memscope heap: --step takes a step count (0 or more), not "x"' });
  });
});
