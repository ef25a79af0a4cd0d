import { describe, expect, it } from 'vitest';
import type { StaticField, StaticVariable } from '../../../shared/dto.ts';
import { holdsNoAddress } from './address-free.ts';

const field = (name: string, offset: number, size: number, type: string, more: Partial<StaticField> = {}): StaticField =>
  ({ name, offset, size, type, ...more });
const int = (name: string, offset: number, size: number) => field(name, offset, size, size === 1 ? 'const char' : 'int', { scalar: 'signed' });
const struct = (name: string, address: number, size: number, fields: StaticField[]): StaticVariable =>
  ({ name, address, size, type: name, unit: 'a.c', layout: { kind: 'struct', fields } });

describe('holdsNoAddress', () => {
  it('const chars, bools, shorts, floats, enums and narrow bit fields hold none', () => {
    const v = struct('s', 0x100, 20, [
      int('c', 0, 1), field('h', 1, 1, 'bool', { scalar: 'unsigned' }), field('w', 2, 2, 'short', { scalar: 'signed' }),
      field('f', 4, 4, 'float', { scalar: 'float' }),
      field('e', 8, 4, 'enum mode', { scalar: 'unsigned', enumerators: { 0: 'IDLE' } }),
      field('a', 12, 4, 'unsigned int : 3', { scalar: 'unsigned', bits: { shift: 0, width: 3 } }),
      field('b', 12, 4, 'unsigned int : 29', { scalar: 'unsigned', bits: { shift: 3, width: 29 } }),
      field('d', 16, 4, 'const char[4]', { layout: { kind: 'array', count: 4, stride: 1, element: 'const char', scalar: 'signed' } }),
    ]);
    for (const at of [0x100, 0x104, 0x108, 0x10c, 0x110]) expect(holdsNoAddress([v], at)).toBe(true);
  });

  it('a char that is not const may: it can be storage for an object (alignas buffers, NoDestructor, arenas)', () => {
    const storage: StaticVariable = { name: 'space', address: 0x100, size: 16, type: 'unsigned char[16]', unit: 'a.cc', layout: { kind: 'array', count: 16, stride: 1, element: 'unsigned char', scalar: 'unsigned' } };
    expect(holdsNoAddress([storage], 0x104)).toBe(false);
    expect(holdsNoAddress([{ ...storage, type: 'const unsigned char[16]', layout: { kind: 'array', count: 16, stride: 1, element: 'const unsigned char', scalar: 'unsigned' } }], 0x104)).toBe(true);
  });

  it('pointers, 32- and 64-bit integers, padding, unknown types and bytes in no static may', () => {
    const v = struct('s', 0x100, 24, [
      field('p', 0, 4, 'char *', { scalar: 'pointer' }), int('n', 4, 4), field('l', 8, 8, 'long long', { scalar: 'signed' }),
      int('c', 16, 1), field('t', 20, 4, 'struct opaque'),
    ]);
    for (const at of [0x100, 0x104, 0x108, 0x10c, 0x110, 0x114, 0x118]) expect(holdsNoAddress([v], at)).toBe(false);
  });

  it('a union or Rust enum may when any member covering the byte may', () => {
    const narrow = struct('u', 0x100, 4, [field('f', 0, 4, 'float', { scalar: 'float' }), field('b', 0, 4, 'short[2]', { layout: { kind: 'array', count: 2, stride: 2, element: 'short', scalar: 'signed' } })]);
    const wide = struct('u', 0x100, 4, [field('f', 0, 4, 'float', { scalar: 'float' }), field('p', 0, 4, 'void *', { scalar: 'pointer' })]);
    expect(holdsNoAddress([narrow], 0x100)).toBe(true);
    expect(holdsNoAddress([wide], 0x100)).toBe(false);
    const rust: StaticVariable = { ...struct('e', 0x100, 8, []), layout: { kind: 'struct', fields: [], variants: { size: 8, discr: { offset: 0, size: 1 }, cases: [
      { name: 'A', value: 0, layout: { kind: 'struct', fields: [int('tag', 0, 1), int('x', 1, 1)] } },
      { name: 'B', value: 1, layout: { kind: 'struct', fields: [int('tag', 0, 1), field('p', 4, 4, '&u8', { scalar: 'pointer' })] } },
    ] } } };
    expect(holdsNoAddress([rust], 0x104)).toBe(false);
  });

  it('a word across two statics holds none only when both say so', () => {
    const short = (name: string, address: number): StaticVariable => ({ name, address, size: 2, type: 'short', unit: 'a.c', scalar: 'signed' });
    expect(holdsNoAddress([short('a', 0x100), short('b', 0x102)], 0x100)).toBe(true);
    expect(holdsNoAddress([short('a', 0x100)], 0x100)).toBe(false);
  });
});
