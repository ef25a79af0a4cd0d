import { describe, expect, it } from 'vitest';
import type { StaticVariable } from '../../src-main/shared/dto.ts';
import { bytesIn, partExpression, readSpans, readsAgain, setOf, watchOf } from './static-reads.ts';
import type { PointedType } from '../../src-main/shared/dto.ts';
import type { Typed } from '../../src-main/shared/static-values.ts';

describe('static reads', () => {
  it('merges near ranges into one read, keeps far ones and a long one apart', () => {
    expect(readSpans([
      { address: 0x420, size: 4 }, { address: 0x400, size: 8 }, { address: 0x410, size: 16 },
      { address: 0x2000, size: 2 }, { address: 0x2100, size: 0x10000 }, { address: 0x500, size: 0 },
    ])).toEqual([{ address: 0x400, length: 0x24 }, { address: 0x2000, length: 2 }, { address: 0x2100, length: 0x10000 }]);
  });

  it('reads again for other memory or other rows, a row sent again with the same name and address included', () => {
    const count: StaticVariable = { name: 'count', address: 0x438, size: 4, type: 'int', unit: 'statics.c' };
    const origin: StaticVariable = { name: 'origin', address: 0x410, size: 8, type: 'point', unit: 'statics.c' };
    const last = { key: '3:live', vars: [origin, count] };
    expect(readsAgain(null, '3:live', [origin, count])).toBe(true);
    expect(readsAgain(last, '3:live', [origin, count])).toBe(false);
    expect(readsAgain(last, '4:live', [origin, count])).toBe(true);
    expect(readsAgain(last, '3:live', [count])).toBe(true);
    // A module's info sent again: equal rows, new objects, which the values read (kept by row) do not name.
    expect(readsAgain(last, '3:live', [{ ...origin }, { ...count }])).toBe(true);
  });

  it('hands each row its bytes out of the span that holds them', () => {
    const read = [{ address: 0x400, bytes: new Uint8Array([1, 2, 3, 4, 5, 6]) }];
    expect([...bytesIn(read, 0x402, 2)!]).toEqual([3, 4]);
    expect(bytesIn(read, 0x404, 4)).toBeNull();
    expect(bytesIn(read, 0x300, 1)).toBeNull();
  });

  it('names a watch of a part by its path in the sequence, through a pointer by its address', () => {
    expect(partExpression(partExpression('&slot', '(anonymous)'), 'i')).toBe('&slot.i');
    expect(partExpression('&grid', '[1]')).toBe('&grid[1]');
    expect(partExpression(null, 'key')).toBeNull();
    expect(watchOf('origin.y', '&origin.y', 0x414, 4)).toEqual({ name: 'origin_y', at: '&origin.y' });
    expect(watchOf('enums::SHAPE.w', '&enums::SHAPE.w', 0x100006, 2)).toEqual({ name: 'SHAPE_w', at: '&enums::SHAPE.w' });
    expect(watchOf('table[0].key', null, 0x10670, 4)).toEqual({ name: 'table_0_key', at: '0x10670 [4]' });
  });

  it('writes a set value as a typed write step, a bit field as its whole bytes, by address through a pointer', () => {
    const b = (...x: number[]) => new Uint8Array(x);
    const setLine = (p: Typed, old: Uint8Array, text: string, expression: string | null, address: number) => {
      const set = setOf(p, address, old, text, expression, []);
      return 'error' in set ? set : set.line;
    };
    expect(setLine({ scalar: 'signed', type: 'int', size: 4 }, b(2, 0, 0, 0), '-3', '&origin.y', 0x414)).toBe('write i32 -3 @ &origin.y');
    expect(setLine({ scalar: 'unsigned', type: 'unsigned short', size: 2 }, b(0, 0), '0xffff', '&grid[0][1]', 0x422)).toBe('write u16 65535 @ &grid[0][1]');
    expect(setLine({ scalar: 'float', type: 'float', size: 4 }, b(0, 0, 0, 0), '2.5', null, 0x10674)).toBe('write f32 2.5 @ 0x10674');
    expect(setLine({ scalar: 'float', type: 'float', size: 4 }, b(0, 0, 0, 0), '0.1', null, 0x10674)).toBe('write f32 0.1 @ 0x10674');
    expect(setLine({ scalar: 'signed', type: 'char', size: 1 }, b(0), "'k'", null, 0x10680)).toBe('write i8 107 @ 0x10680');
    expect(setLine({ scalar: 'unsigned', type: 'unsigned int : 3', size: 1, bits: { shift: 1, width: 3 } }, b(1), '5', '&state.mode', 0x430)).toBe('write bytes "0b" @ &state.mode');
    expect(setLine({ scalar: 'signed', type: 'signed char', size: 1 }, b(0), '200', '&c', 0x400)).toEqual({ error: '200 does not fit signed char (-128 to 127)' });
  });

  it('sets a C++ reference by writing the object it names, by its address, never the reference itself', () => {
    // refs.cpp: `IntRef named = count` holds 0x40c, `count`'s address; `PairRef whole` holds 0x410.
    const types: PointedType[] = [
      { type: 'int', size: 4, scalar: 'signed' },
      { type: 'const Pair', size: 8, layout: { kind: 'struct', fields: [] } },
    ];
    const named = { type: 'IntRef', size: 4, scalar: 'pointer' as const, pointee: 0, reference: true as const };
    const at40c = new Uint8Array([0x0c, 0x04, 0, 0]);
    // It wrote `write u32 9 @ &named`: the reference re-pointed at address 9.
    expect(setOf(named, 0x500, at40c, '9', '&named', types)).toEqual({ address: 0x40c, bytes: new Uint8Array([9, 0, 0, 0]), line: 'write i32 9 @ 0x40c' });
    expect(setOf({ ...named, type: 'PairRef', pointee: 1 }, 0x504, new Uint8Array([0x10, 4, 0, 0]), '1', '&whole', types))
      .toEqual({ error: 'PairRef refers to const Pair, which is not a number: set its parts one by one' });
    expect(setOf(named, 0x500, new Uint8Array(4), '9', '&named', types)).toEqual({ error: 'IntRef holds address 0, no object: nothing to set through it' });
    // Anything else is set where it is, named as the sequence names it.
    expect(setOf({ type: 'int', size: 4, scalar: 'signed' }, 0x40c, at40c, '-3', '&count', types)).toEqual({ address: 0x40c, bytes: new Uint8Array([0xfd, 0xff, 0xff, 0xff]), line: 'write i32 -3 @ &count' });
  });
});
