import { describe, expect, it } from 'vitest';
import { chipsThatFit } from './regions.ts';

describe('region chips beside a grid row', () => {
  it('shows every chip when there is room', () => {
    expect(chipsThatFit(['s', 'ret'], 400, 11.5)).toBe(2);
  });
  it('keeps room for a "+N" chip instead of squeezing four chips into 50 px', () => {
    expect(chipsThatFit(['256', '260', '264', '268'], 50, 11.5)).toBe(0);
    expect(chipsThatFit(['256', '260', '264', '268'], 120, 11.5)).toBe(2);
  });
  it('always shows a lone chip, even with no room', () => {
    expect(chipsThatFit(['a-long-region-name'], 10, 11.5)).toBe(1);
    expect(chipsThatFit([], 10, 11.5)).toBe(0);
  });
});
