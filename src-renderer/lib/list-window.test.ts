import { describe, expect, it } from 'vitest';
import { LIST_WINDOW, showMoreText, spanAround } from './list-window.ts';

describe('spanAround', () => {
  it('draws LIST_WINDOW steps around a far step, not every step from it to the end', () => {
    // Go to step 2 of 10,000 drew 9,999 rows: the window grew from the end back to it.
    expect(spanAround(1, 10_000)).toEqual({ from: 0, to: LIST_WINDOW });
    expect(spanAround(8999, 10_000)).toEqual({ from: 8799, to: 9199 });
  });

  it('stays whole at the end, and is the whole list when it is short', () => {
    expect(spanAround(9990, 10_000)).toEqual({ from: 9600, to: 10_000 });
    expect(spanAround(2, 440)).toEqual({ from: 0, to: 400 });
    expect(spanAround(5, 12)).toEqual({ from: 0, to: 12 });
  });
});

describe('showMoreText', () => {
  it('says one row in the singular', () => {
    // It said "Show 1 earlier steps (1 not shown)".
    expect(showMoreText(1, 'earlier steps', 'earlier step')).toBe('Show 1 earlier step (1 not shown)');
    expect(showMoreText(2, 'earlier steps', 'earlier step')).toBe('Show 2 earlier steps (2 not shown)');
  });

  it('draws at most LIST_WINDOW a press; words without a singular stay as they are', () => {
    expect(showMoreText(9600, 'earlier steps', 'earlier step')).toBe('Show 400 earlier steps (9600 not shown)');
    expect(showMoreText(1, 'older')).toBe('Show 1 older (1 not shown)');
  });
});
