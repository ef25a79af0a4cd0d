import { describe, expect, it } from 'vitest';
import { unmeasured, withMeasured, type MeasuredHeights } from './line-heights.ts';

const LONG = (n: number) => `# comment ${n} ${'x'.repeat(60)}`;

describe('the editor\'s measured line heights', () => {
  it('lays out each text that may wrap once, and after an edit only the line it changed', () => {
    const lines = ['module "m.wasm"', ...Array.from({ length: 4000 }, (_, i) => (i % 2 ? 'free(p)' : LONG(i % 10)))];
    // 2,000 long lines, 5 distinct texts: measured once each.
    const first = unmeasured(lines, 40, new Map());
    expect(first).toEqual([0, 2, 4, 6, 8].map(LONG));
    const known = withMeasured({ layout: '', byText: new Map() }, '600 false', first, [40, 40, 40, 40, 60], lines);
    expect(unmeasured(lines, 40, known.byText)).toEqual([]);

    const edited = lines.with(2001, `${LONG(0)}!`);
    expect(unmeasured(edited, 40, known.byText)).toEqual([`${LONG(0)}!`]);
    // A short line typed into, or a wider box where none may wrap: nothing to lay out.
    expect(unmeasured(lines.with(2, 'free(q)'), 40, known.byText)).toEqual([]);
    expect(unmeasured(lines, 200, new Map())).toEqual([]);
  });

  it('keeps the heights of texts still in the lines, at the layout they were measured at', () => {
    const before: MeasuredHeights = { layout: '600 false', byText: new Map([['a', 40], ['b', 60]]) };
    // Line 'a' edited to 'a!': its old height goes, the new one joins 'b's.
    const after = withMeasured(before, '600 false', ['a!'], [80], ['a!', 'b', 'c']);
    expect([...after.byText]).toEqual([['a!', 80], ['b', 60]]);
    // At another width or font the old heights do not count.
    const wider = withMeasured(before, '800 false', ['a'], [20], ['a', 'b']);
    expect(wider).toEqual({ layout: '800 false', byText: new Map([['a', 20]]) });
  });
});
