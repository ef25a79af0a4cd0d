// The bookmark line the app writes reads back, through the sequence parser, as the same bookmark:
// names with line ends, tabs, other controls and line separators included.

import { describe, expect, it } from 'vitest';
import { parseSequence } from './parse.ts';
import { bookmarkLine } from '../../shared/bookmark-line.ts';
import { sequenceLines } from '../../shared/sequence-text.ts';

function readBack(line: string) {
  const { sequence, errors } = parseSequence(`f()\n${line}\n`, 'b.wseq');
  const names = sequence.directives.flatMap((d) => (d.kind === 'bookmark' ? [d.name] : []));
  return { names, errors: errors.map((e) => e.message) };
}

describe('bookmarkLine', () => {
  it('escapes a CR, a tab and other controls, so the line stays one line', () => {
    const line = bookmarkLine({ name: 'a\r\nb\tc\x01"\\', start: 0x1fff0, size: 4, colour: 'green' });
    expect(line).toBe('bookmark "a\\x0d\\x0ab\\x09c\\x01\\"\\\\" @ 0x1fff0 [4] green');
    expect(sequenceLines(line)).toHaveLength(1);
  });

  it.each([
    ['a CR', 'win\rname'],
    ['CRLF', 'two\r\nlines'],
    ['a tab and a NUL', 'x\ty\0z'],
    ['U+2028 and U+2029 (no line break in the format)', 'ls\u2028ps\u2029'],
    ['DEL and non-ASCII', 'del\x7f café ✓'],
    ['quotes and backslashes', 'ret "slot" \\ 2'],
  ])('reads back the same name: %s', (_what, name) => {
    expect(readBack(bookmarkLine({ name, start: 16, size: 1, colour: 'blue' }))).toEqual({ names: [name], errors: [] });
  });
});
