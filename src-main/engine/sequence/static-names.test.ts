// `&name` in a sequence: the address of a static variable the module's DWARF names, checked
// against the module when the sequence is loaded (engine/module/dwarf/testdata/statics.c).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { findStatic } from './static-names.ts';
import type { BoundValue, StaticVariable } from '../../shared/dto.ts';

const open = openSessionsDisposedAfterEach();
const DWARF = join(import.meta.dirname, '../module/dwarf/testdata');

function int(value: BoundValue | undefined): number {
  if (value?.kind !== 'int') throw new Error(`not an int: ${JSON.stringify(value)}`);
  return Number(value.value);
}

describe('&name: a static variable by name', () => {
  it('reads and watches C globals by name; a watch of &name covers the whole variable', async () => {
    const session = await open(join(DWARF, 'statics.wasm'), {
      sequence: 'before = read i32 @ &count\nwatch g @ &grid\nwatch t @ &table\nk = alloc(4)\nwrite utf8 "key\\0" @ k\nput(k, k)\n'
        + 'after = read i32 @ &count\nat = &calls::n\nn = calls()\nm = read i32 @ &n\nwrite u16 7 @ &grid + 22\n',
    });
    expect(session.sequenceErrors).toEqual([]);
    const records = await session.run();
    expect(records.every((r) => r.ok), JSON.stringify(records.find((r) => !r.ok)?.error)).toBe(true);
    expect(int(session.bindings.before)).toBe(0);
    expect(int(session.bindings.after)).toBe(1);
    expect(int(session.bindings.at)).toBe(0x440); // calls::n
    expect(int(session.bindings.m)).toBe(1); // `n` alone: the one static whose last part is n
    // put() wrote table (4 bytes, its whole size) and not grid.
    expect(records[5]!.watchHits).toEqual([expect.objectContaining({ name: 't', address: 0x43c, size: 4, function: 'put' })]);
    // grid's last element, 22 bytes in: inside the 24-byte watch, past a default 4-byte one.
    expect(records[10]!.watchHits!.map((h) => [h.name, h.address, h.value, h.function])).toEqual([['g', 0x420 + 22, '07', 'host'], ['g', 0x420 + 23, '00', 'host']]);
  });

  it('a name DWARF does not have, or a module without DWARF, is an error at its line and column', async () => {
    const misspelt = await open(join(DWARF, 'statics.wasm'), { sequence: 'x = read u32 @ &tabel\n' });
    expect(misspelt.sequenceErrors.map((e) => [e.where?.line, e.where?.column, e.message])).toEqual([
      [1, 16, "the module's DWARF names no static variable 'tabel' (did you mean 'table'?)"],
    ]);
    const plain = await open(join(DWARF, '../../../../../resources/examples/return-string/return-string.wasm'), { sequence: 'x = read u32 @ &count\n' });
    expect(plain.sequenceErrors.map((e) => e.message)).toEqual(["'&count' needs the module's debug info (DWARF), which names its static variables: build it with -g"]);
  });

  it('a part of a static: &origin.y, &grid[1][2]; a watch of one covers that part', async () => {
    const session = await open(join(DWARF, 'statics.wasm'), {
      sequence: 'y = read i32 @ &origin.y\nwatch cell @ &grid[1][2]\nwrite u16 9 @ &grid[1][3]\nwrite u16 5 @ &grid[1][2]\n'
        + 'cell = read u16 @ &grid[1][2]\nrow = read bytes @ &grid[1] [8]\nwhole = read bytes @ &grid [4]\n',
    });
    expect(session.sequenceErrors).toEqual([]);
    const records = await session.run();
    expect(records.every((r) => r.ok), JSON.stringify(records.find((r) => !r.ok)?.error)).toBe(true);
    expect(int(session.bindings.y)).toBe(2); // origin = {1, 2}
    expect(int(session.bindings.cell)).toBe(5);
    // The watch is the element's 2 bytes: the write next to it did not hit it.
    expect(records[2]!.watchHits ?? []).toEqual([]);
    expect(records[3]!.watchHits!.map((h) => [h.name, h.address])).toEqual([['cell', 0x42c], ['cell', 0x42d]]);
    // `[8]` after a space is still a read's size, also after an element.
    expect(session.bindings.row).toMatchObject({ kind: 'bytes', address: 0x428, hex: '0000000005000900' });
    expect(session.bindings.whole).toMatchObject({ kind: 'bytes', address: 0x420, hex: '01000000' });
  });

  it('a part the static does not have is an error at its column, naming what it has', async () => {
    const session = await open(join(DWARF, 'statics.wasm'), { sequence: 'a = &origin.z\nb = &grid[3]\nc = &count.x\nd = &grid.x\n' });
    expect(session.sequenceErrors.map((e) => [e.where?.line, e.where?.column, e.message])).toEqual([
      [1, 5, "'&origin.z': origin (point) has no member 'z'; its members are x, y"],
      [2, 5, "'&grid[3]': grid (unsigned short[3][4]) has 3 elements: '[3]' is past its end"],
      [3, 5, "'&count.x': count (int) has no members: '.x' names none"],
      [4, 5, "'&grid.x': grid (unsigned short[3][4]) has no members: '.x' names none"],
    ]);
  });

  it("a Rust enum's field by name, at its place whichever variant is there; a field no variant has names them all", async () => {
    const session = await open(join(DWARF, 'enums.wasm'), { sequence: 'r = touch()\nx = read f32 @ &SHAPE.__0\nw = read u16 @ &SLOT.shape.w\n' });
    expect(session.sequenceErrors).toEqual([]);
    expect((await session.run()).every((r) => r.ok)).toBe(true);
    expect(session.bindings.x).toMatchObject({ kind: 'float', value: 1.5 });
    expect(int(session.bindings.w)).toBe(5);
    const wrong = await open(join(DWARF, 'enums.wasm'), { sequence: 'a = &SHAPE.r\n' });
    expect(wrong.sequenceErrors.map((e) => e.message)).toEqual(["'&SHAPE.r': enums::SHAPE (Shape) has no member 'r'; its members are __0, w, h"]);
  });

  it('Rust statics by their last part or their full path, and a quoted name', async () => {
    const session = await open(join(DWARF, 'statics-rust.wasm'), {
      sequence: 'a = &TABLE\nb = &statics::inner::TABLE\nc = &"statics::COUNTER"\n',
    });
    expect(session.sequenceErrors).toEqual([]);
    await session.run();
    expect([int(session.bindings.a), int(session.bindings.b), int(session.bindings.c)]).toEqual([0x100018, 0x100018, 0x100010]);
  });

  it('a last part several statics share must be said in full', () => {
    const statics: StaticVariable[] = [
      { name: 'a::COUNT', address: 16, size: 4, type: 'u32', unit: 'a.rs' },
      { name: 'b::COUNT', address: 32, size: 4, type: 'u32', unit: 'b.rs' },
    ];
    expect(findStatic('COUNT', statics)).toBe("'&COUNT' could be '&a::COUNT', '&b::COUNT': say which");
    expect(findStatic('b::COUNT', statics)).toEqual(statics[1]);
  });
});
