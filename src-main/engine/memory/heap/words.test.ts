// Words.of hands a step's walk the views it made for the same memory before, and new ones for a
// grown memory or a copy, so a walk never reads through views of the wrong bytes.

import { describe, expect, it } from 'vitest';
import { Words } from './words.ts';

describe('Words.of', () => {
  it('reuses the views of the same memory and makes new ones after a growth or for a copy', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    new Uint32Array(memory.buffer)[1] = 0xdeadbeef;
    const first = Words.of(new Uint8Array(memory.buffer));
    expect(Words.of(new Uint8Array(memory.buffer))).toBe(first);
    expect(first.at(4)).toBe(0xdeadbeef);

    const copy = new Uint8Array(memory.buffer).slice();
    new Uint32Array(memory.buffer)[1] = 7;
    const ofCopy = Words.of(copy);
    expect(ofCopy).not.toBe(first);
    expect(ofCopy.at(4)).toBe(0xdeadbeef);
    expect(first.at(4)).toBe(7);

    memory.grow(1);
    const grown = Words.of(new Uint8Array(memory.buffer));
    expect(grown).not.toBe(first);
    expect(grown.size).toBe(2 * 65536);
    expect(grown.at(65536 + 4)).toBe(0);
    expect(grown.at(4)).toBe(7);
  });

  it('makes separate views for different parts of one buffer', () => {
    const buffer = new ArrayBuffer(64);
    new Uint32Array(buffer)[4] = 42;
    const whole = Words.of(new Uint8Array(buffer));
    const tail = Words.of(new Uint8Array(buffer, 16, 16));
    expect(tail).not.toBe(whole);
    expect(tail.at(0)).toBe(42);
    expect(Words.of(new Uint8Array(buffer))).not.toBe(tail);
  });
});
