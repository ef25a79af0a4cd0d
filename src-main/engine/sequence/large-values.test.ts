// Large reads stay exact: hex of bytes and UTF-16 text are built in native passes (no per-byte
// string appends), and a read no string can hold is refused with the limit named.

import { constants } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { GuestMemory } from '../memory/guest-memory.ts';
import { fromHex, toHex } from './expr.ts';

describe('toHex and fromHex', () => {
  it('write two lowercase digits per byte and read them back, for every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hex = toHex(bytes);
    expect(hex.slice(0, 8)).toBe('00010203');
    expect(hex.slice(-4)).toBe('feff');
    expect(hex.length).toBe(512);
    expect([...fromHex(hex)]).toEqual([...bytes]);
  });

  it('hex a view at an offset, not the whole buffer behind it', () => {
    const backing = Uint8Array.from([1, 2, 3, 4, 5]);
    expect(toHex(backing.subarray(1, 3))).toBe('0203');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('round-trip 8 MiB exactly', () => {
    const bytes = new Uint8Array(8 << 20);
    for (let i = 0; i < bytes.length; i += 4093) bytes[i] = (i * 31) & 0xff;
    const back = fromHex(toHex(bytes));
    expect(back.length).toBe(bytes.length);
    expect(Buffer.compare(back, bytes)).toBe(0);
  });

  it('refuse bytes whose hex no string can hold, naming the limit', () => {
    const tooMany = new Uint8Array(Math.floor(constants.MAX_STRING_LENGTH / 2) + 1); // zero pages, never touched
    expect(() => toHex(tooMany)).toThrow(`longest string this runtime holds (${constants.MAX_STRING_LENGTH})`);
  });
});

describe('GuestMemory.readUtf16', () => {
  const memory = new WebAssembly.Memory({ initial: 17 });
  const guest = new GuestMemory(memory);

  it('keeps unpaired surrogates and ignores an odd trailing byte', () => {
    const text = 'a\uD800b\uDC00é😀';
    guest.writeUtf16(3, text); // an odd address: the read must not need alignment
    expect(guest.readUtf16(3, text.length * 2 + 1)).toBe(text);
  });

  it('reads 1 MiB of text that spans many chunks', () => {
    const units = 1 << 19;
    const text = Array.from({ length: units }, (_, i) => String.fromCharCode(0x20 + (i % 0x5000))).join('');
    guest.writeUtf16(64, text);
    expect(guest.readUtf16(64, units * 2)).toBe(text);
  });

  it('faults outside memory', () => {
    expect(() => guest.readUtf16(memory.buffer.byteLength - 2, 4)).toThrow(/out of bounds/);
  });
});
