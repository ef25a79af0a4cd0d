// The leak scan on hand-made memory: a pointer from static data, one through another reachable
// leak, a cycle of leaks nothing else points to, a block's pointer to itself, and pointers into
// a block rather than at its start.

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
    const found = pointedTo(bytes, [d, c, b, a], 0x400);
    // c and d only point to each other: said (each from inside the other), and not kept.
    expect(found.from).toEqual(new Map([[a.address, 0x10], [b.address, a.address + 4], [c.address, d.address + 8], [d.address, c.address]]));
    expect([...found.kept].sort()).toEqual([a.address, b.address]);
  });

  it('stops at the end it is given, and reads only aligned words', () => {
    const bytes = memory({ 0x200: a.address });
    expect(pointedTo(bytes, [a], 0x200).from.size).toBe(0);
    expect(pointedTo(bytes, [a], 0x204).from).toEqual(new Map([[a.address, 0x200]]));
    // The same value one byte off alignment is not a pointer.
    const odd = new Uint8Array(0x400);
    new DataView(odd.buffer).setUint32(0x201, a.address, true);
    expect(pointedTo(odd, [a], 0x400).from.size).toBe(0);
    expect(pointedTo(odd, [], 0x400).from.size).toBe(0);
  });

  it('keeps what memory in use points to; a pointer left only in memory nothing uses keeps nothing', () => {
    // Below 0x100 is the free stack (keeps nothing), from 0x300 static data (keeps), as in Rust's
    // stack-first layout. a: from both, the stack's word first; b: only from the stack; c: from
    // inside a (kept through it); d: from inside b (reachable, not kept).
    const bytes = memory({ 0x10: a.address, 0x300: a.address, 0x14: b.address, [a.address + 8]: c.address, [b.address + 8]: d.address });
    const found = pointedTo(bytes, [a, b, c, d], 0x400, (at) => at >= 0x300);
    expect(found.from).toEqual(new Map([[a.address, 0x300], [b.address, 0x14], [c.address, a.address + 8], [d.address, b.address + 8]]));
    expect([...found.kept].sort()).toEqual([a.address, c.address]);
  });

  it('a leak inside another leak is said to be pointed to from there, before a stale word in the free stack', () => {
    // A lost Box<Words> (a) whose Vec buffer (b) a returned frame still points to, at 0x20.
    const bytes = memory({ 0x20: b.address, [a.address]: b.address });
    const found = pointedTo(bytes, [a, b], 0x400, (at) => at >= 0x300);
    expect(found.from).toEqual(new Map([[b.address, a.address]]));
    expect(found.kept.size).toBe(0);
  });

  it('a word inside another leak pointing inside a leak is said for a leak nothing points to at its start, and keeps nothing', () => {
    // a: pointed into (at +8) from inside b and from the free stack: b's word is said; c:
    // pointed into from inside d and at its start from the free stack: the start wins; d:
    // pointed into from inside itself and from the free stack (a cursor in a dead frame): none said.
    const bytes = memory({ 0x10: a.address + 8, [b.address + 4]: a.address + 8, [d.address]: c.address + 4, 0x14: c.address, [d.address + 4]: d.address + 8, 0x18: d.address + 4 });
    const found = pointedTo(bytes, [a, b, c, d], 0x400, (at) => at >= 0x300);
    expect(found.from).toEqual(new Map([[a.address, b.address + 4], [c.address, 0x14]]));
    expect(found.into).toEqual(new Map([[a.address, 8]]));
    expect(found.kept.size).toBe(0);
  });

  it('a word surely in use pointing inside a leak keeps it, and what it points into in turn; memory that may be free does not', () => {
    // A Rust HashMap in a static: its table (a) is pointed to only inside, past its buckets, at
    // +8 from static data (0x300); an entry's String buffer (b) at its start from inside a. A
    // Box<HashMap> in a static: the box (c) at its start from 0x304, its table (d) inside from c.
    // The same words from .bss of unknown size ('maybe', below 0x100) keep nothing; nor does one
    // at a block's last word (0x308: where dlmalloc's state points, at the next chunk's header).
    const words = { 0x300: a.address + 8, [a.address + 4]: b.address, 0x304: c.address, [c.address]: d.address + 4 };
    const found = pointedTo(memory(words), [a, b, c, d], 0x400, (at) => at >= 0x300);
    expect([...found.kept].sort()).toEqual([a.address, b.address, c.address, d.address]);
    expect(found.from).toEqual(new Map([[a.address, 0x300], [b.address, a.address + 4], [c.address, 0x304], [d.address, c.address]]));
    expect(found.into).toEqual(new Map([[a.address, 8], [d.address, 4]]));
    const maybe = pointedTo(memory({ 0x30: a.address + 8, [a.address + 4]: b.address, 0x34: c.address, [c.address]: d.address + 4 }), [a, b, c, d], 0x400, (at) => (at < 0x100 ? 'maybe' : false));
    expect([...maybe.kept].sort()).toEqual([c.address, d.address]);
    expect(maybe.into).toEqual(new Map([[d.address, 4]]));
    const last = pointedTo(memory({ 0x308: a.address + 12 }), [a], 0x400, (at) => at >= 0x300);
    expect(last.from.size).toBe(0);
  });

  it('a reference from a surely kept leak is said over a word that only may be in use', () => {
    // A libc++ deque in a static (0x300) points to its map (a), whose slots point to its blocks
    // (b, c); a stale word beside the stack ('maybe', 0x30, scanned first) points to c too.
    const keeps = (at: number) => (at >= 0x300 ? true : at < 0x100 ? 'maybe' : false);
    const found = pointedTo(memory({ 0x30: c.address, 0x300: a.address, [a.address]: b.address, [a.address + 4]: c.address }), [a, b, c], 0x400, keeps);
    expect(found.from).toEqual(new Map([[a.address, 0x300], [b.address, a.address], [c.address, a.address + 4]]));
    expect([...found.kept].sort()).toEqual([a.address, b.address, c.address]);
    // When the map (a) hangs on a 'maybe' word too, the first such word is said; a later word
    // surely in use wins over it.
    const alone = pointedTo(memory({ 0x30: c.address, 0x34: a.address, [a.address + 4]: c.address }), [a, c], 0x400, keeps);
    expect(alone.from).toEqual(new Map([[a.address, 0x34], [c.address, 0x30]]));
    expect([...alone.kept].sort()).toEqual([a.address, c.address]);
    const later = pointedTo(memory({ 0x30: c.address, 0x304: c.address }), [c], 0x400, keeps);
    expect(later.from).toEqual(new Map([[c.address, 0x304]]));
  });
});
