// `bookmark "name" @ ADDR [SIZE] colour` lines: parsed with their defaults, allowed after the
// steps (they run nothing), and every malformed one named with line:column.

import { describe, expect, it } from 'vitest';
import { bookmarkLine } from '../../shared/bookmark-line.ts';
import { parseSequence } from './parse.ts';

function only(text: string) {
  const { sequence, errors } = parseSequence(text, 'b.wseq');
  const bookmarks = sequence.directives.flatMap((d) => (d.kind === 'bookmark' ? [{ name: d.name, start: d.start, size: d.size, colour: d.colour, line: d.line }] : []));
  return { bookmarks, errors, steps: sequence.steps.length };
}

describe('bookmark lines', () => {
  it('name, address, optional size (1) and colour (blue)', () => {
    const { bookmarks, errors, steps } = only('ret = malloc(8)\nbookmark "ret slot" @ 0x10620 [8] green\nbookmark "flag" @ 256\n');
    expect(errors).toEqual([]);
    expect(steps).toBe(1);
    expect(bookmarks).toEqual([
      { name: 'ret slot', start: 0x10620, size: 8, colour: 'green', line: 2 },
      { name: 'flag', start: 256, size: 1, colour: 'blue', line: 3 },
    ]);
  });

  it('names what is wrong, where', () => {
    const at = (text: string) => only(text).errors.map((e) => `${e.where?.line}:${e.where?.column} ${e.message}`);
    expect(at('bookmark "a" @ 16 [4] red')).toEqual([expect.stringMatching(/^1:23 unknown colour 'red'; colours are blue, green, orange, pink, purple/)]);
    expect(at('bookmark "a" 16')).toEqual([expect.stringMatching(/^1:14 .*'@' then the address/)]);
    expect(at('bookmark "a" @ 16 [0]')).toEqual([expect.stringMatching(/^1:20 .*a size in bytes, at least 1/)]);
    // The limit is named: past 4 GiB, an address and a range's end (a range to 8 GiB was taken).
    expect(at('bookmark "a" @ 99999999999')).toEqual(["1:16 expected an address (hex or decimal) below 4 GiB, found '99999999999'"]);
    expect(at('bookmark "a" @ 0xfffffff0 [17]')).toEqual(["1:28 expected a size in bytes, at least 1, that ends the range within 4 GiB (at most 16), found '17'"]);
    expect(at('bookmark "a" @ 0xfffffff0 [16]')).toEqual([]);
    expect(at('bookmark "" @ 16')).toHaveLength(1);
    expect(at('bookmark a @ 16')).toEqual([expect.stringMatching(/^1:10 .*the bookmark's name as a string/)]);
  });

  it('reads back exactly what the app writes (shared/bookmark-line.ts), quotes in names too', () => {
    const list = [{ name: 'ret "slot" \\ 2', start: 0x10620, size: 8, colour: 'green' as const }, { name: 'flag', start: 0, size: 1, colour: 'blue' as const }];
    expect(bookmarkLine(list[1]!)).toBe('bookmark "flag" @ 0x0 [1] blue');
    const { bookmarks, errors } = only(`ret = malloc(8)\n${list.map(bookmarkLine).join('\n')}\n`);
    expect(errors).toEqual([]);
    expect(bookmarks.map(({ line: _line, ...b }) => b)).toEqual(list);
  });
});
