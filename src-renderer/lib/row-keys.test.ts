// PageUp and PageDown in the lists row-keys.ts serves (the call log, the heap panel) move focus
// by the rows that fit in the view, as a list box does; before, they were passed over and the
// focused row stayed while the list scrolled away from it.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { moveAmongRows, pageFrom } from './row-keys.ts';

/** Rows of `h` pixels from y = 0, one after the other. */
const stacked = (n: number, h = 20) => Array.from({ length: n }, (_, i) => ({ top: i * h, bottom: (i + 1) * h }));

describe('pageFrom', () => {
  it('moves by the rows that fit less one, and stops at the ends', () => {
    const rows = stacked(100);
    expect(pageFrom(rows, 0, 1, 200)).toBe(9);
    expect(pageFrom(rows, 9, 1, 200)).toBe(18);
    expect(pageFrom(rows, 95, 1, 200)).toBe(99);
    expect(pageFrom(rows, 99, 1, 200)).toBe(99);
    expect(pageFrom(rows, 50, -1, 200)).toBe(41);
    expect(pageFrom(rows, 3, -1, 200)).toBe(0);
  });

  it('counts rows of other heights as drawn, passes over hidden rows, and moves at least one row', () => {
    const rows = [{ top: 0, bottom: 20 }, { top: 20, bottom: 120 }, { top: 0, bottom: 0 }, { top: 120, bottom: 140 }, { top: 140, bottom: 400 }];
    expect(pageFrom(rows, 0, 1, 150)).toBe(3);
    expect(pageFrom(rows, 3, 1, 150)).toBe(4);
    expect(pageFrom(rows, 4, -1, 100)).toBe(3);
  });
});

describe('moveAmongRows', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('PageDown and PageUp focus the row a page away (the key is taken from the list)', () => {
    vi.stubGlobal('innerHeight', 200);
    vi.stubGlobal('getComputedStyle', () => ({ overflowY: 'visible' }));
    const focused: number[] = [];
    const rows = stacked(50).map((box, i) => ({ getBoundingClientRect: () => box, focus: () => focused.push(i), scrollIntoView: () => {} }));
    const list = { querySelectorAll: () => rows, scrollHeight: 1000, clientHeight: 1000, parentElement: null } as unknown as HTMLElement;
    const press = (key: string, at: number) => {
      const e = { key, target: rows[at], defaultPrevented: false, preventDefault() { e.defaultPrevented = true; } };
      moveAmongRows(e as unknown as KeyboardEvent, list, 'button');
      return e.defaultPrevented;
    };
    expect(press('PageDown', 0)).toBe(true);
    expect(press('PageUp', 30)).toBe(true);
    expect(press('End', 0)).toBe(true);
    expect(press('x', 0)).toBe(false);
    expect(focused).toEqual([9, 21, 49]);
  });
});
