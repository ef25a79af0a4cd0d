// Embind (testdata/emscripten-runtime/embind.cpp, `em++ --bind`): the module exports none of its
// C++ functions; its constructors register them, the instantiation's call log says each with its
// C++ signature, and a sequence calls them by their registered names through their invokers,
// numbers as they are, a std::string through embind's {u32 length; bytes} wire block, a class's
// constructor, methods (the object first), static function and destructor by JavaScript's names;
// a property by its getter and setter, an enum as its integer, a value object by pointer.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const EMBIND = resolve(import.meta.dirname, 'testdata/emscripten-runtime/embind-js.wasm');
const SHAPES = resolve(import.meta.dirname, 'testdata/emscripten-runtime/embind-shapes-js.wasm');

const STRING_ROUND_TRIP = `s = malloc(4 + 5)
write u32 5 @ s
write utf8 "hello" @ s + 4
r = shout(s)
free(s)
len = read u32 @ r
text = read utf8 @ r + 4 [len]
free(r)
expect no leaks
`;

describe('functions registered with embind', () => {
  it('are listed by the instantiation with their C++ signatures', async () => {
    const session = await open(EMBIND, { sequence: '' });
    const lines = session.initCall!.imports.map((i) => i.summary);
    expect(lines).toContainEqual(expect.stringMatching(/^_embind_register_function\("add", int \(int, int\), invoker table\[\d+\], fn \d+\) → callable as add\(…\)$/));
    // The module's registrations come before the builtin types': std::string is read from its type_info.
    expect(lines).toContainEqual(expect.stringMatching(/^_embind_register_function\("shout", std::string \(std::string\), invoker table\[\d+\], fn \d+\) → callable as shout\(…\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^_embind_register_bigint\(type 0x[0-9a-f]+, "int64_t"\)$/));
    expect(session.initCall!.imports.every((i) => i.binding === 'builtin')).toBe(true);
    // Listed for the app once every type is registered: int64_t by its registered name now.
    expect(session.registered).toEqual(expect.arrayContaining([
      { name: 'widen', signature: 'int64_t (int)', type: { params: ['i32'], results: ['i64'] } },
      { name: 'Counter', signature: 'Counter* (int)', type: { params: ['i32'], results: ['i32'] } },
      { name: 'Counter.increment', signature: 'int (Counter*, int)', type: { params: ['i32', 'i32'], results: ['i32'] } },
      { name: 'Counter.delete', signature: 'void (Counter*)', type: { params: ['i32'], results: [] } },
    ]));
    expect(session.registered).toHaveLength(9);
  });

  it('are called by name: ints, a double, an int64_t as an i64, each a call of its invoker', async () => {
    const session = await open(EMBIND, { sequence: 'n = add(2, 3)\nh = half(5)\nw = widen(1)\n' });
    const records = await session.run();
    expect(records.map((r) => r.error?.message)).toEqual([undefined, undefined, undefined]);
    expect(records[0]!.bound.n).toMatchObject({ value: '5' });
    expect(records[0]!.calls[0]).toMatchObject({ export: 'add', args: [{ type: 'i32', bits: 2 }, { type: 'i32', bits: 3 }] });
    expect(records[1]!.bound.h).toMatchObject({ kind: 'float', value: 2.5 });
    expect(records[2]!.calls[0]!.results[0]).toMatchObject({ type: 'i64', bits: '0000000100000000' });
    expect(records[2]!.bound.w).toMatchObject({ value: '4294967296' });
  });

  it('take and return a std::string as a malloc\'d {u32 length; bytes} the caller frees', async () => {
    const session = await open(EMBIND, { sequence: STRING_ROUND_TRIP });
    const records = await session.run();
    expect(records.map((r) => r.error?.message).filter(Boolean)).toEqual([]);
    expect(records.find((r) => 'text' in r.bound)!.bound.text).toMatchObject({ value: 'hello!' });
  });

  it('a class: constructed, its methods called on the object, a static function, deleted; the heap sees each block', async () => {
    const session = await open(EMBIND, { sequence: `c = Counter(5)
n = "Counter.increment"(c, 3)
l = "Counter.label"(c)
len = read u32 @ l
text = read utf8 @ l + 4 [len]
free(l)
"Counter.delete"(c)
m = "Counter.make"()
"Counter.delete"(m)
expect no leaks
` });
    const lines = session.initCall!.imports.map((i) => i.summary);
    expect(lines).toContainEqual(expect.stringMatching(/^_embind_register_class\("Counter", destructor table\[\d+\]\) → callable as "Counter.delete"\(…\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^_embind_register_class_function\(Counter, "label", std::string \(const Counter\*\), invoker table\[\d+\], context 0x[0-9a-f]+\) → callable as "Counter.label"\(…\)$/));
    const records = await session.run();
    expect(records.map((r) => r.error?.message).filter(Boolean)).toEqual([]);
    const bound = Object.assign({}, ...records.map((r) => r.bound));
    expect(bound).toMatchObject({ n: { value: '8' }, text: { value: 'count 8' } });
    expect(records[0]!.heap!.allocated).toMatchObject([{ address: Number(bound.c.value), by: 'Counter' }]);
    expect(records[6]!.heap!.freed).toMatchObject([{ address: Number(bound.c.value), freedBy: 'guest' }]);
  });

  it('a name neither exported nor registered passes the check before the run, and its step says what was registered', async () => {
    const session = await open(EMBIND, { sequence: 'n = add(1, 1)\nz = nope(1)\n' });
    const [ok, missing] = await session.run();
    expect(ok!.ok).toBe(true);
    expect(missing!.error).toMatchObject({
      code: 'no-such-export',
      message: "the module exports no function 'nope' and registered none by that name with embind (it registered "
        + 'add, half, widen, shout, Counter.delete, Counter, Counter.increment, Counter.label, Counter.make)',
    });
  });

  it('a wrong argument count fails the step with the registered function\'s arity', async () => {
    const session = await open(EMBIND, { sequence: 'n = add(1)\n' });
    const [step] = await session.run();
    expect(step!.error?.message).toBe('add takes 2 argument(s), but 1 are given');
  });
});

describe('embind properties, enums, value objects and constants (embind-shapes.cpp)', () => {
  it('are said by the instantiation: a property gives a getter and, unless read-only, a setter', async () => {
    const session = await open(SHAPES, { sequence: '' });
    const lines = session.initCall!.imports.map((i) => i.summary);
    expect(session.initCall!.imports.every((i) => i.binding === 'builtin')).toBe(true);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^_embind_register_enum\(type 0x[0-9a-f]+, "Color"\)$/),
      '_embind_register_enum_value(Color, "Green", 5)',
      '_embind_register_value_object_field(Point, "y", int)',
      '_embind_finalize_value_object(Point) → Point goes by pointer: in, to one the caller wrote; out, to a new one the caller reads and frees',
      expect.stringMatching(/^_embind_register_class_property\(Shape, "color", Color, getter table\[\d+\], setter table\[\d+\]\) → callable as "Shape.get color"\(…\) and "Shape.set color"\(…\)$/),
      expect.stringMatching(/^_embind_register_class_property\(Shape, "area", int, getter table\[\d+\]\) → callable as "Shape.get area"\(…\) \(read-only\)$/),
      expect.stringMatching(/^_embind_register_function\("shift", Point \(Point, int\), invoker table\[\d+\], fn \d+\) → callable as shift\(…\)$/),
      '_embind_register_constant("MAX_SIDES", int, 12)',
    ]));
    expect(session.registered).toEqual(expect.arrayContaining([
      { name: 'Shape.get sides', signature: 'int (const Shape*)', type: { params: ['i32'], results: ['i32'] } },
      { name: 'Shape.set sides', signature: 'void (Shape*, int)', type: { params: ['i32', 'i32'], results: [] } },
    ]));
    expect(session.registered.map((f) => f.name)).not.toContain('Shape.set area');
  });

  it('a property is read and written on the object; an enum passes as its integer; a value object goes in and comes back by pointer', async () => {
    const session = await open(SHAPES, { sequence: `s = Shape(4)
n = "Shape.get sides"(s)
"Shape.set sides"(s, 6)
a = "Shape.get area"(s)
"Shape.set color"(s, 5)
c = "Shape.get color"(s)
k = colorCode(c)
p = malloc(8)
write i32 1 @ p
write i32 2 @ p + 4
q = shift(p, 10)
moved = read {x: i32, y: i32} @ q
free(q)
free(p)
"Shape.delete"(s)
expect no leaks
` });
    const records = await session.run();
    expect(records.map((r) => r.error?.message).filter(Boolean)).toEqual([]);
    const bound = Object.assign({}, ...records.map((r) => r.bound));
    expect(bound).toMatchObject({ n: { value: '4' }, a: { value: '60' }, c: { value: '5' }, k: { value: '5' } });
    expect(bound.moved).toMatchObject({ kind: 'struct', fields: { x: { value: '11' }, y: { value: '12' } } });
    // The setter wrote the field where the getter reads it: the object's first int.
    expect(records[2]!.changes).toEqual([[Number(bound.s.value), Number(bound.s.value) + 1]]);
  });

  it('overloads by argument count: listed as name/n, and a call with that many arguments picks one', async () => {
    const session = await open(SHAPES, { sequence: 'a = scale(5)\nb = scale(5, 3)\ns = Shape(4, 5)\nc = "Shape.get color"(s)\n"Shape.delete"(s)\nx = scale(1, 2, 3)\n' });
    expect(session.initCall!.imports.map((i) => i.summary)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^_embind_register_function\("scale", int \(int\), invoker table\[\d+\], fn \d+\) → callable as scale\(…\)$/),
      expect.stringMatching(/^_embind_register_function\("scale", int \(int, int\), invoker table\[\d+\], fn \d+\) → callable as "scale\/2"\(…\), or scale\(…\) with 2 argument\(s\)$/),
      expect.stringMatching(/^_embind_register_class_constructor\(Shape, Shape\* \(int, Color\), invoker table\[\d+\], factory \d+\) → callable as "Shape\/2"\(…\), or Shape\(…\) with 2 argument\(s\)$/),
    ]));
    const records = await session.run();
    expect(records.map((r) => r.calls[0]?.export)).toEqual(['scale', 'scale/2', 'Shape/2', 'Shape.get color', 'Shape.delete', undefined]);
    expect(records[1]!.bound.b).toMatchObject({ value: '15' });
    expect(records[3]!.bound.c).toMatchObject({ value: '5' });
    expect(records[5]!.error?.message).toBe('scale takes 1 argument(s) (or 2, by an overload), but 3 are given');
  });

  it('a std::vector from register_vector: its get returns an emscripten::val, bound as the int it holds; undefined fails the call', async () => {
    const session = await open(SHAPES, { sequence: 'r = range(4)\nn = "VectorInt.size"(r)\nx = "VectorInt.get"(r, 3)\ny = "VectorInt.get"(r, 9)\n' });
    const records = await session.run();
    expect(records.map((r) => r.error?.message)).toEqual([undefined, undefined, undefined,
      'VectorInt.get returned an emscripten::val holding undefined, which a sequence cannot bind (it binds integers and bools from a val)']);
    expect(records[3]!.error?.code).toBe('eval-error');
    expect(records[1]!.bound.n).toMatchObject({ value: '4' });
    expect(records[2]!.bound.x).toMatchObject({ value: '30' });
    expect(records[2]!.calls[0]!.imports.map((i) => i.summary)).toEqual([
      expect.stringMatching(/^_emval_take_value\(int 30 at 0x[0-9a-f]+\) → handle 5$/), '_emval_incref(handle=5)', '_emval_decref(handle=5)']);
    expect(records[2]!.calls[0]!.imports.every((i) => i.binding === 'builtin')).toBe(true);
  });

  it('a std::shared_ptr registered as a smart pointer: made by a function, its object reached by .get, released by .delete', async () => {
    const session = await open(SHAPES, { sequence: 'sp = shared(3)\ns = "ShapePtr.get"(sp)\nn = "Shape.get sides"(s)\n"ShapePtr.delete"(sp)\nexpect no leaks\n' });
    expect(session.initCall!.imports.map((i) => i.summary)).toContainEqual(expect.stringMatching(
      /^_embind_register_smart_ptr\("ShapePtr" of Shape, get table\[\d+\], destructor table\[\d+\]\) → callable as "ShapePtr.get"\(…\) and "ShapePtr.delete"\(…\)$/));
    expect(session.registered).toEqual(expect.arrayContaining([
      { name: 'shared', signature: 'ShapePtr (int)', type: { params: ['i32'], results: ['i32'] } },
      { name: 'ShapePtr.get', signature: 'Shape* (ShapePtr)', type: { params: ['i32'], results: ['i32'] } },
      { name: 'ShapePtr.delete', signature: 'void (ShapePtr)', type: { params: ['i32'], results: [] } },
    ]));
    const records = await session.run();
    expect(records.map((r) => r.error?.message).filter(Boolean)).toEqual([]);
    expect(records[2]!.bound.n).toMatchObject({ value: '3' });
    // The control block and the shared_ptr shared() made, both freed by the release.
    expect(records[3]!.heap!.freed.map((b) => b.by)).toEqual(['shared', 'shared']);
  });
});
