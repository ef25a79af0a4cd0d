// The leak scan on hand-made memory: a pointer from static data, one through another reachable
// leak, a cycle of leaks nothing else points to, and a block's pointer to itself.

import { describe, expect, it } from 'vitest';
import { pointedTo } from './pointed-to.ts';

function memory(words: Record<number, number>, size = 0x400): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  for (const [at, value] of Object.entries(words)) view.setUint32(Number(at), value, true);
  return bytes;
}

describe('pointedTo', () => {
  const a = { address: 0x100, size: 16 };
  const b = { address: 0x120, size: 16 };
  const c = { address: 0x140, size: 16 };
  const d = { address: 0x160, size: 16 };

  it('a leak pointed to from outside the leaks is reachable, and so is one it points to', () => {
    // static 0x10 → a; a+4 → b; c ↔ d (a cycle nothing else reaches); c points to itself too.
    const bytes = memory({ 0x10: a.address, [a.address + 4]: b.address, [c.address]: d.address, [d.address + 8]: c.address, [c.address + 4]: c.address });
    expect([...pointedTo(bytes, [d, c, b, a], 0x400)].sort()).toEqual([[a.address, 0x10], [b.address, a.address + 4]]);
  });

  it('stops at the end it is given, and reads only aligned words', () => {
    const bytes = memory({ 0x200: a.address });
    expect(pointedTo(bytes, [a], 0x200).size).toBe(0);
    expect(pointedTo(bytes, [a], 0x204)).toEqual(new Map([[a.address, 0x200]]));
    // The same value one byte off alignment is not a pointer.
    const odd = new Uint8Array(0x400);
    new DataView(odd.buffer).setUint32(0x201, a.address, true);
    expect(pointedTo(odd, [a], 0x400).size).toBe(0);
    expect(pointedTo(odd, [], 0x400).size).toBe(0);
  });
});
