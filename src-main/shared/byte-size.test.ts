import { describe, expect, it } from 'vitest';
import { formatSize } from './byte-size.ts';

describe('formatSize', () => {
  it('says whole sizes without decimals, others to two places, in the largest unit reached', () => {
    expect([0, 100, 65536, 3 * 65536, 1536 << 10, 17 * 65536, 16 << 20, 2 ** 30, 2 ** 32].map(formatSize))
      .toEqual(['0 B', '100 B', '64 KiB', '192 KiB', '1.5 MiB', '1.07 MiB', '16 MiB', '1 GiB', '4 GiB']);
  });

  it('rounds up, so one byte over a limit never reads as the limit', () => {
    expect(formatSize((32 << 20) + 1)).toBe('32.01 MiB');
    expect(formatSize((1 << 20) - 1)).toBe('1024 KiB');
  });
});
