// --dump's range against the end of memory: an error past it, cut with a note across it.

import { describe, expect, it } from 'vitest';
import { dumpRange } from './dump-range.ts';

describe('dumpRange', () => {
  it('a range inside memory is shown whole, up to its last byte', () => {
    expect(dumpRange(0x1fff0, 16, 131072)).toEqual({ ok: true, length: 16, note: null });
  });

  it('an address at or past the end of memory is an error naming its size', () => {
    expect(dumpRange(131072, 256, 131072)).toEqual({ ok: false, message: '--dump 0x20000 is past the end of memory (131072 bytes, 0x0..0x1ffff)' });
    expect(dumpRange(0xffffffff, 16, 131072)).toEqual({ ok: false, message: '--dump 0xffffffff is past the end of memory (131072 bytes, 0x0..0x1ffff)' });
    expect(dumpRange(0, 16, 0)).toEqual({ ok: false, message: '--dump 0x0 is past the end of memory (it is empty, 0 bytes)' });
  });

  it('names the address as typed only when the number lost digits (past 2^53); else in hex', () => {
    expect(dumpRange(Number('0xFFFFFFFFFFFFFFFFFFFF'), 16, 131072, '0xFFFFFFFFFFFFFFFFFFFF')).toEqual({
      ok: false, message: '--dump 0xFFFFFFFFFFFFFFFFFFFF is past the end of memory (131072 bytes, 0x0..0x1ffff)',
    });
    expect(dumpRange(131072, 16, 131072, '131072')).toEqual({ ok: false, message: '--dump 0x20000 is past the end of memory (131072 bytes, 0x0..0x1ffff)' });
  });

  it('a range running past the end is cut there, with a note saying how much was shown', () => {
    expect(dumpRange(0x1fff0, 100, 131072)).toEqual({
      ok: true, length: 16, note: '--dump showed 16 bytes of the 100 asked for: memory ends at 0x20000 (131072 bytes, 0x0..0x1ffff)',
    });
    expect(dumpRange(0x1ffff, 2, 131072)).toMatchObject({ length: 1, note: '--dump showed 1 byte of the 2 asked for: memory ends at 0x20000 (131072 bytes, 0x0..0x1ffff)' });
  });

  it('a memory of one byte is "1 byte", in the error and in the note', () => {
    expect(dumpRange(1, 16, 1)).toEqual({ ok: false, message: '--dump 0x1 is past the end of memory (1 byte, 0x0..0x0)' });
    expect(dumpRange(0, 16, 1)).toEqual({ ok: true, length: 1, note: '--dump showed 1 byte of the 16 asked for: memory ends at 0x1 (1 byte, 0x0..0x0)' });
  });
});
