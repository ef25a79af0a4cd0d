// The parts of statics DWARF describes (StaticVariable.layout), read from real builds
// (testdata/build.sh: layout.cpp with clang++-19, statics.c in DWARF 4 and 5, statics.rs with
// rustc 1.63), and how a byte in them reads: the static's name, the part's path and type.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../index.ts';
import { partAt, pointeePlace, staticAt, staticPlace } from '../../../shared/statics.ts';
import { bytesToRead, encodeValue, isText, partPath, partsOf, pointeeParts, pointerTarget, valueText, type ValuePart } from '../../../shared/static-values.ts';
import type { PointedType, StaticLayout, StaticVariable, StructLayout } from '../../../shared/dto.ts';

function module(name: string): { statics: StaticVariable[]; types: PointedType[] } {
  const r = inspectBytes(new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url))));
  if (!r.ok) throw new Error(r.error.message);
  return { statics: r.value.statics!, types: r.value.staticTypes ?? [] };
}

const statics = (name: string): StaticVariable[] => module(name).statics;

/** How the byte `offset` into the static `name` reads. */
function place(all: StaticVariable[], name: string, offset: number): string {
  const v = all.find((s) => s.name === name)!;
  return staticPlace(staticAt(all, v.address + offset)!, v.address + offset);
}

/** A layout's parts, one per line, arrays by their first element: what a reader of the test compares. */
function outline(layout: StaticLayout | undefined, indent = ''): string[] {
  if (!layout) return [];
  if (layout.kind === 'array') {
    return [`${indent}[${layout.count ?? '?'}] of ${layout.element}, ${layout.stride} B apart${layout.scalar ? `, ${layout.scalar}` : ''}`, ...outline(layout.layout, `${indent}  `)];
  }
  return layout.fields.flatMap((f) => [
    `${indent}+${f.offset} ${f.name || '(anonymous)'}: ${f.type} (${f.size} B)${f.scalar ? `, ${f.scalar}` : ''}${f.bits ? `, bits ${f.bits.shift}..${f.bits.shift + f.bits.width - 1}` : ''}`,
    ...outline(f.layout, `${indent}  `),
  ]);
}

describe('static layouts from DWARF', () => {
  const cpp = statics('layout.wasm');

  it('nested structs and arrays of them, bit fields, an anonymous union, a base class\'s members', () => {
    const layout = (name: string) => outline(cpp.find((v) => v.name === name)!.layout);
    expect(layout('bodies')).toEqual([
      '[3] of body, 28 B apart',
      '  +0 at: vec2 (8 B)',
      '    +0 x: float (4 B), float',
      '    +4 y: float (4 B), float',
      '  +8 speed: vec2[2] (16 B)',
      '    [2] of vec2, 8 B apart',
      '      +0 x: float (4 B), float',
      '      +4 y: float (4 B), float',
      '  +24 tag: unsigned char (1 B), unsigned',
    ]);
    expect(layout('state')).toEqual([
      '+0 ready: unsigned int : 1 (1 B), unsigned, bits 0..0',
      '+0 mode: unsigned int : 3 (1 B), unsigned, bits 1..3',
      '+2 count: unsigned short (2 B), unsigned',
    ]);
    expect(layout('slot')).toEqual([
      '+0 kind: int (4 B), signed',
      '+8 (anonymous): union {…} (8 B)',
      '  +0 i: int (4 B), signed',
      '  +0 d: double (8 B), float',
      '  +0 bytes: char[8] (8 B)',
      '    [8] of char, 1 B apart, signed',
    ]);
    expect(layout('ring')).toEqual(['+0 id: int (4 B), signed', '+4 r: float (4 B), float']);
    expect(layout('big')).toEqual([
      '+0 cells: int[64][5] (1280 B)',
      '  [64] of int[5], 20 B apart',
      '    [5] of int, 4 B apart, signed',
    ]);
  });

  it("a union's byte reads as its first member, a pointer word as the member that is a pointer there", () => {
    const message = cpp.find((v) => v.name === 'message')!;
    expect(place(cpp, 'message', 0)).toBe('the static message.small[0] (char)');
    expect(staticPlace(message, message.address, true)).toBe('the static message.big.data (char *)');
    expect(staticPlace(message, message.address + 4, true)).toBe('the static message.small[4] (char)');
  });

  it('a struct of more parts than a layout keeps has none, and reads by its offset', () => {
    expect(cpp.find((v) => v.name === 'lots')!.layout).toBeUndefined();
    expect(place(cpp, 'lots', 8)).toBe('the static lots (many), 8 bytes in');
  });

  it('names the part holding a byte, and how far into it', () => {
    expect(place(cpp, 'bodies', 28 + 8 + 8 + 4)).toBe('the static bodies[1].speed[1].y (float)');
    expect(place(cpp, 'bodies', 28 + 8 + 8 + 5)).toBe('the static bodies[1].speed[1].y (float), 1 byte in');
    expect(place(cpp, 'bodies', 24)).toBe('the static bodies[0].tag (unsigned char)');
    // Padding after `tag` belongs to no member: named by the element around it.
    expect(place(cpp, 'bodies', 26)).toBe('the static bodies[0] (body), 26 bytes in');
    expect(place(cpp, 'state', 2)).toBe('the static state.count (unsigned short)');
    // An anonymous union's members read as the struct's own; the first long enough names a byte.
    expect(place(cpp, 'slot', 8)).toBe('the static slot.i (int)');
    expect(place(cpp, 'slot', 13)).toBe('the static slot.d (double), 5 bytes in');
    expect(place(cpp, 'ring', 0)).toBe('the static ring.id (int)');
    expect(place(cpp, 'big', 3 * 20 + 4 * 4 + 2)).toBe('the static big.cells[3][4] (int), 2 bytes in');
  });

  it('C (DWARF 4 and 5 alike) and Rust statics', () => {
    const c = statics('statics.wasm');
    expect(place(c, 'origin', 5)).toBe('the static origin.y (int), 1 byte in');
    expect(place(c, 'grid', 2 * 8 + 3 * 2)).toBe('the static grid[2][3] (unsigned short)');
    expect(place(c, 'greeting', 4)).toBe('the static greeting[4] (const char)');
    expect(place(c, 'table', 0)).toBe('the static table (pair *)');
    expect(statics('statics-dwarf5.wasm').map((v) => v.layout)).toEqual(c.map((v) => v.layout));
    const rust = statics('statics-rust.wasm');
    expect(place(rust, 'statics::GREETING', 4)).toBe('the static statics::GREETING.length (usize)');
    expect(place(rust, 'statics::HITS', 0)).toBe('the static statics::HITS.v.value (u32)');
    expect(place(rust, 'statics::inner::TABLE', 6)).toBe('the static statics::inner::TABLE[3] (u16)');
  });

  it("a pointer carries its pointee's index in the module's pointed-to types, which may point back", () => {
    const { statics: all, types } = module('layout.wasm');
    const head = all.find((v) => v.name === 'head')!;
    // A list node's `next` points to the node's own entry: a cycle by index, not by nesting.
    expect(types[head.pointee!]).toEqual({
      type: 'node', size: 8, layout: { kind: 'struct', fields: [
        { name: 'value', offset: 0, size: 4, type: 'int', scalar: 'signed' },
        { name: 'next', offset: 4, size: 4, type: 'node *', scalar: 'pointer', pointee: head.pointee },
      ] },
    });
    const c = module('statics.wasm');
    const table = c.types[c.statics.find((v) => v.name === 'table')!.pointee!]!;
    expect(table).toMatchObject({ type: 'pair', size: 8 });
    // pair's members are char *: their pointee is char, one entry shared by every char pointer.
    const key = (table.layout as StructLayout).fields[0]!;
    expect(c.types[key.pointee!]).toEqual({ type: 'char', size: 1, scalar: 'signed' });
    expect(c.statics.find((v) => v.name === 'calls::none')!.layout).toMatchObject({ kind: 'array', pointee: key.pointee });
    // char ** points to a char *, which points to char.
    expect(c.types[c.types[c.statics.find((v) => v.name === 'names')!.pointee!]!.pointee!]).toMatchObject({ type: 'char' });
    // void * points to nothing DWARF sizes.
    expect(c.statics.filter((v) => v.type === 'void *').every((v) => v.pointee === undefined)).toBe(true);
    expect(() => JSON.stringify(c)).not.toThrow();
  });

  it('a pointer to a C++ base class names only the object it points at: the block may hold a derived one', () => {
    const { statics: all, types } = module('layout.wasm');
    const pointee = types[all.find((v) => v.name === 'any_shape')!.pointee!]!;
    expect(pointee).toMatchObject({ type: 'shape', size: 4, single: true });
    const block = { address: 0x20000, size: 16, name: 'any_shape', pointee };
    expect(pointeePlace(block, 0x20000)).toBe('any_shape[0].id (int)');
    expect(pointeePlace(block, 0x20004)).toBeNull();
    expect(types[all.find((v) => v.name === 'head')!.pointee!]!.single).toBeUndefined();
  });

  it('a byte of a heap block a static pointer types reads through the pointer; slack past the last whole element, not', () => {
    const c = module('statics.wasm');
    const block = { address: 0x10670, size: 12, name: 'table', pointee: c.types[c.statics.find((v) => v.name === 'table')!.pointee!]! };
    expect(pointeePlace(block, 0x10674)).toBe('table[0].val (char *)');
    expect(pointeePlace(block, 0x10671)).toBe('table[0].key (char *), 1 byte in');
    expect(pointeePlace(block, 0x10678)).toBeNull();
    const text = { address: 0x10680, size: 12, name: 'table[0].key', pointee: { type: 'char', size: 1 } };
    expect(pointeePlace(text, 0x10683)).toBe('table[0].key[3] (char)');
  });

  it('a byte past an array of unknown length is still its element; past a known one, nothing', () => {
    const open: StaticLayout = { kind: 'array', count: null, stride: 4, element: 'int' };
    expect(partAt(open, 41)).toEqual({ path: '[10]', type: 'int', into: 1, leaf: { name: '', offset: 0, size: 4, type: 'int' } });
    expect(partAt({ ...open, count: 10 }, 41)).toBeNull();
  });
});

/** Each part of `layout` at `address` as `name = value`, opening structs and arrays: what the panels show. */
function lines(memory: Uint8Array, path: string, address: number, layout: StaticLayout, max = 4): string[] {
  const bytes = memory.subarray(address, address + bytesToRead(layout, max));
  const parts = partsOf(layout, max, bytes);
  return parts.flatMap((p: ValuePart) => {
    const own = bytes.subarray(p.offset, p.offset + (p.size ?? 0));
    const name = partPath(path, p.name);
    const value = valueText(p, own);
    // A struct or array is shown by its parts; a text or an enum by its value too.
    const whole = p.layout && (isText(p.layout) || (p.layout.kind === 'struct' && p.layout.variants));
    if (p.layout) return [...(whole ? [`${name} = ${value}`] : []), ...lines(memory, name, address + p.offset, p.layout, max)];
    return [`${name} = ${value ?? '?'}`];
  });
}

describe('static values on memory the build wrote (its `touch` run once)', () => {
  const wasm = readFileSync(new URL('./testdata/layout.wasm', import.meta.url));
  const info = inspectBytes(new Uint8Array(wasm));
  if (!info.ok) throw new Error(info.error.message);
  const statics = info.value.statics!;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
  (instance.exports.touch as () => number)();
  const memory = new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer);
  const at = (name: string): StaticVariable => statics.find((v) => v.name === name)!;

  it('reads bit fields by their bits, floats, a union\'s members and nested elements', () => {
    const state = at('state');
    expect(lines(memory, 'state', state.address, state.layout!)).toEqual(['state.ready = 0', 'state.mode = 5', 'state.count = 0']);
    const bodies = at('bodies');
    expect(lines(memory, 'bodies', bodies.address, bodies.layout!, 2).slice(7, 13)).toEqual([
      'bodies[1].at.x = 0', 'bodies[1].at.y = 0',
      'bodies[1].speed[0].x = 0', 'bodies[1].speed[0].y = 0', 'bodies[1].speed[1].x = 0', 'bodies[1].speed[1].y = 2.5',
    ]);
    const slot = at('slot');
    expect(lines(memory, 'slot', slot.address, slot.layout!, 2)).toEqual([
      'slot.kind = 0', 'slot.(anonymous).i = 0', 'slot.(anonymous).d = 1',
      'slot.(anonymous).bytes = "\\000\\000\\000\\000\\000\\000\\360?"', "slot.(anonymous).bytes[0] = 0 '\\0'", "slot.(anonymous).bytes[1] = 0 '\\0'",
    ]);
  });

  it('reads an enum as its enumerator, a negative one too, and a value no enumerator has as its number', () => {
    const current = at('current');
    expect(current.enumerators).toEqual({ 0: 'IDLE', 2: 'RUNNING', '-1': 'FAILED' });
    expect(valueText(current, memory.subarray(current.address, current.address + 4))).toBe('FAILED (-1)');
    const tasks = at('tasks');
    expect(lines(memory, 'tasks', tasks.address, tasks.layout!)).toEqual(['tasks[0].at = FAILED (-1)', 'tasks[0].id = 1', 'tasks[1].at = 7', 'tasks[1].id = 2']);
  });

  it("reads a flags enum's value as the enumerators OR'ed into it, and the bits none names in hex; sets it so too", () => {
    const [perms, odd] = [at('perms'), at('odd')];
    expect(perms.enumerators).toEqual({ 0: 'NO_ACCESS', 1: 'READ', 2: 'WRITE', 4: 'EXEC' });
    expect(valueText(perms, memory.subarray(perms.address, perms.address + 4))).toBe('READ | WRITE (3)');
    expect(valueText(odd, memory.subarray(odd.address, odd.address + 4))).toBe('EXEC | 0x8 (12)');
    expect(valueText(perms, new Uint8Array(4))).toBe('NO_ACCESS (0)');
    expect([...(encodeValue(perms, new Uint8Array(4), 'READ | EXEC') as Uint8Array)]).toEqual([5, 0, 0, 0]);
    expect(encodeValue(perms, new Uint8Array(4), 'READ | SIDEWAYS')).toBe("'READ | SIDEWAYS' is not an integer (42, -1, 0x2a, or one of NO_ACCESS, READ, WRITE, EXEC)");
  });

  it('follows a pointer to its pointee: a base class pointer to the one object it points at', () => {
    const shape = at('any_shape');
    const target = pointerTarget(memory.subarray(shape.address, shape.address + 4))!;
    expect(target).toBe(at('ring').address);
    const opened = pointeeParts(info.value.staticTypes, shape.pointee!, 'any_shape', target)!;
    expect(opened.path).toBe('any_shape[0]');
    expect(lines(memory, opened.path, opened.address, opened.layout)).toEqual(['any_shape[0].id = 7']);
    expect(pointeeParts(info.value.staticTypes, shape.pointee!, 'any_shape', 0)).toBeNull();
  });
});

describe('Rust enums (rustc 1.63, testdata/enums.rs): the variant the discriminant selects', () => {
  const wasm = readFileSync(new URL('./testdata/enums.wasm', import.meta.url));
  const info = inspectBytes(new Uint8Array(wasm));
  if (!info.ok) throw new Error(info.error.message);
  const statics = info.value.statics!;
  const at = (name: string): StaticVariable => statics.find((v) => v.name === name)!;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
  const memory = new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer);
  /** Each static's value and its parts', as the panels show them. */
  const shown = () => ['enums::SHAPE', 'enums::SLOT', 'enums::MAYBE', 'enums::NICHE'].flatMap((name) => {
    const v = at(name);
    const value = valueText(v, memory.subarray(v.address, v.address + v.size!));
    return [`${name} = ${value}`, ...lines(memory, name, v.address, v.layout!)];
  });

  it('lays out each variant with its discriminant', () => {
    const shape = at('enums::SHAPE').layout!;
    expect(shape.kind === 'struct' && shape.variants).toEqual({
      size: 8,
      discr: { offset: 0, size: 2 },
      cases: [
        { name: 'Circle', value: 0, layout: { kind: 'struct', fields: [{ name: '__0', offset: 4, size: 4, type: 'f32', scalar: 'float' }] } },
        { name: 'Rect', value: 1, layout: { kind: 'struct', fields: [{ name: 'w', offset: 2, size: 2, type: 'u16', scalar: 'unsigned' }, { name: 'h', offset: 4, size: 2, type: 'u16', scalar: 'unsigned' }] } },
        { name: 'Empty', value: 2, layout: null },
      ],
    });
    // Option<&u8>: None is the null pointer, Some any other value (no discriminant of its own).
    const niche = at('enums::NICHE').layout!;
    expect(niche.kind === 'struct' && niche.variants && niche.variants.cases.map((c) => [c.name, c.value])).toEqual([['None', 0], ['Some', null]]);
  });

  it('names a byte by the field of the variant the bytes hold, and by its offset without them', () => {
    const fresh = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
    const bytes = new Uint8Array((fresh.exports.memory as WebAssembly.Memory).buffer);
    const shape = at('enums::SHAPE');
    const name = (offset: number, memory: Uint8Array | null) => staticPlace(shape, shape.address + offset, false, memory?.subarray(shape.address) ?? null);
    expect(name(2, bytes)).toBe('the static enums::SHAPE.w (u16)'); // Rect { w: 3, h: 4 }
    expect(name(4, null)).toBe('the static enums::SHAPE (Shape), 4 bytes in');
    (fresh.exports.touch as () => number)();
    expect(name(4, bytes)).toBe('the static enums::SHAPE.__0 (f32)'); // Circle(1.5)
    expect(name(2, bytes)).toBe('the static enums::SHAPE (Shape), 2 bytes in'); // padding in a Circle
  });

  it('reads the variant the bytes hold, before and after touch() moves each to another', () => {
    expect(shown()).toEqual([
      'enums::SHAPE = Rect { w: 3, h: 4 }', 'enums::SHAPE.w = 3', 'enums::SHAPE.h = 4',
      'enums::SLOT = { shape: Empty, id: 1 }', 'enums::SLOT.shape = Empty', 'enums::SLOT.id = 1',
      'enums::MAYBE = Some(7)', 'enums::MAYBE.__0 = 7',
      'enums::NICHE = None',
    ]);
    (instance.exports.touch as () => number)();
    const number = at('enums::NUMBER').address;
    expect(shown()).toEqual([
      'enums::SHAPE = Circle(1.5)', 'enums::SHAPE.__0 = 1.5',
      'enums::SLOT = { shape: Rect { w: 5, h: 6 }, id: 1 }', 'enums::SLOT.shape = Rect { w: 5, h: 6 }', 'enums::SLOT.shape.w = 5', 'enums::SLOT.shape.h = 6', 'enums::SLOT.id = 1',
      'enums::MAYBE = None',
      `enums::NICHE = Some(0x${number.toString(16)})`, `enums::NICHE.__0 = 0x${number.toString(16)}`,
    ]);
  });
});
