// Embind's functions and classes, hosted: a C++ library built with `emcc --bind` exports none of
// the functions it offers JavaScript. Its static constructors register each one:
//   _embind_register_function(const char* name, unsigned argCount, const TYPEID argTypes[],
//                             const char* signature, invoker, fn)
//   _embind_register_class(classType, pointerType, constPointerType, baseClassType,
//                          6 × up/downcast signatures and functions, const char* className,
//                          const char* destructorSignature, rawDestructor)
//   _embind_register_class_constructor(classType, argCount, argTypes, signature, invoker, factory)
//   _embind_register_class_function(classType, const char* methodName, argCount, argTypes,
//                                   signature, invoker, void* context, unsigned isPureVirtual)
//   _embind_register_class_class_function(classType, methodName, argCount, argTypes, signature,
//                                         invoker, fn)   (a static member function)
//   _embind_register_class_property(classType, const char* fieldName, getterReturnType,
//                                   getterSignature, getter, getterContext, setterArgumentType,
//                                   setterSignature, setter, setterContext)   (setter 0: read-only)
// A property is read as table[getter](getterContext, object) and written as
// table[setter](setterContext, object, value).
//   _embind_register_smart_ptr(rawType, rawPointeeType, const char* name, sharingPolicy,
//                              getPointeeSignature, rawGetPointee, constructorSignature,
//                              rawConstructor, shareSignature, rawShare, destructorSignature,
//                              rawDestructor)   (T* = table[rawGetPointee](smartPointer))
// argTypes[0] is the return type and argTypes[1..] the parameters' (a method's first is the
// object pointer), each a TYPEID: the address of its std::type_info, whose mangled name is at
// +4. `signature` is the invoker's wasm type as letters (return first, then the fn pointer or
// method context, then the parameters: v void, i i32, j i64, f f32, d f64, p a pointer), and
// `invoker` a table index: a call is table[invoker](fn, args...) on the parameters' wire types.
// A class's destructor is called as table[rawDestructor](object) (`delete object`).
// The primitive and std types register their TYPEIDs by name (_embind_register_integer(type,
// name, size, min, max), _std_string(type, name), …), which the log's signatures use. Emscripten
// 3.1.6 writes `i` for a 64-bit integer too: a parameter of a type registered by
// _embind_register_bigint is passed as an i64.
//
// A sequence calls them by the names JavaScript uses: `add(2, 3)`, `c = Counter(5)` (a
// constructor), `"Counter.increment"(c, 1)` (the object first),
// `"Counter.make"(7)` (static), `"Counter.delete"(c)`, a property as `"Counter.get count"(c)` and
// `"Counter.set count"(c, 3)` (JavaScript's `c.count`). An overload with another number of
// arguments (a second constructor) is registered as `name/n` too: a call with n arguments picks
// it, as JavaScript's do (sequence/execute.ts). Wire types it builds and reads itself:
// numbers and bool as themselves, an object as its pointer, a std::string as a pointer to a
// malloc'd {u32 length; char bytes[length]; NUL}, which the caller frees after the call (the
// glue's destructors do), and a returned one as a block the callee malloc'd, which the caller
// reads and frees. An enum is its integer. A value object (value_object<Point>, a struct passed
// by value) goes by pointer: in, to a struct the caller wrote (the glue makes it with the
// struct's constructor and deletes it after the call); out, to a new one the caller reads and
// deletes (frees). A smart pointer (smart_ptr<std::shared_ptr<T>>) by the address of one: its
// `"ShapePtr.get"(sp)` gives the T*, `"ShapePtr.delete"(sp)` releases it. Enum values, value
// object fields and constants are only logged. emscripten::val (emval: a JavaScript value by
// handle) is hosted as far as a C++ value made a val goes (_emval_take_value, incref, decref): a
// returned val binds as the integer or bool it holds (fromVal); the rest of emval stays stubs.

import type { FuncType, RegisteredFunction, ValType } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import type { CallView } from './arg-decoder.ts';
import { table, typeName } from './emscripten-unwind.ts';
import { hexAddress } from '../../shared/hex.ts';
import { sequenceName } from '../../shared/value-format.ts';
import { EMBIND_TYPE_NAME_AT } from '../protocol.ts';
import type { HostFunction, HostValue } from './host-call.ts';
import { hostFunction, type ImportContext } from './import-context.ts';

/** A callable registration, as the module gave it. */
interface Registered {
  name: string;
  /** TYPEIDs: the return type's, then each parameter's. */
  ids: number[];
  /** The invoker's signature letters (return, [fn pointer or context,] parameters). */
  letters: string;
  invoker: number;
  /** Passed first to the invoker; null: the table entry is called with the arguments alone (a destructor). */
  fn: number | null;
}

interface Registry {
  callables: Map<string, Registered>;
  /** TYPEID → registered name ("int", "std::string", "Counter", "Counter*"). */
  types: Map<number, string>;
  /** TYPEIDs registered by _embind_register_bigint: passed as i64 whatever the signature says. */
  wide: Set<number>;
  /** A class's TYPEID → its pointer and const pointer TYPEIDs (a property's object parameter). */
  pointers: Map<number, [number, number]>;
  /** How a primitive TYPEID's value lies in memory (_embind_register_integer, _float, _bool, _bigint). */
  layouts: Map<number, Layout>;
  /** emscripten::val's TYPEID (_embind_register_emval), once registered. */
  emval: number | null;
  /** emval's handles: what each holds and how many references it has (Emval's handle array). */
  handles: Map<number, { value: unknown; refs: number }>;
  nextHandle: number;
}

interface Layout {
  kind: 'int' | 'float' | 'bool';
  size: number;
  signed: boolean;
}

/**
 * emval's handles 1-4 are fixed (Emscripten 3.1.6's emval.js): undefined, null, true, false;
 * the first one made is 5. 0 is no handle.
 */
const FIXED_HANDLES: ReadonlyMap<number, unknown> = new Map<number, unknown>([[1, undefined], [2, null], [3, true], [4, false]]);
const FIRST_HANDLE = 5;

/** No TYPEID is at address 0 (a type_info is static data): it stands for void where none is given (a setter's result). */
const VOID = 0;

const registries = new WeakMap<ImportContext, Registry>();

function registry(ctx: ImportContext): Registry {
  let r = registries.get(ctx);
  if (!r) {
    r = { callables: new Map(), types: new Map(), wide: new Set(), pointers: new Map(), layouts: new Map(), emval: null, handles: new Map(), nextHandle: FIRST_HANDLE };
    registries.set(ctx, r);
  }
  return r;
}

const LETTERS: Readonly<Record<string, ValType | null>> = { v: null, i: 'i32', p: 'i32', j: 'i64', f: 'f32', d: 'f64' };

type Args = readonly HostValue[];

export function embindRegistration(ctx: ImportContext, module: string, name: string, signature: FuncType): HostFunction {
  const r = registry(ctx);
  const entry = { module, name, binding: 'builtin' as const, type: signature };
  const u32 = (a: HostValue | undefined): number => Number(a) >>> 0;
  const text = (memory: GuestMemory, a: HostValue | undefined): string => memory.readCString(u32(a), 256);
  /** One callable from its arguments: name, then argCount, argTypes, signature, invoker, fn at `at`. */
  const callable = (memory: GuestMemory, name: string, args: Args, at: number): Registered => {
    const ids: number[] = [];
    for (let k = 0; k < u32(args[at]); k++) ids.push(memory.getU32(u32(args[at + 1]) + 4 * k));
    return { name, ids, letters: text(memory, args[at + 2]), invoker: u32(args[at + 3]), fn: u32(args[at + 4]) };
  };
  /** A registration's line and body: `read` says what it registers, `line` the rest of its line. */
  const registers = (read: (memory: GuestMemory, args: Args) => Registered, line: (memory: GuestMemory, args: Args, f: Registered) => string): HostFunction => {
    const show = (v: CallView): string => {
      const f = read(v.memory(), v.args);
      const as = callableAs(r, f);
      const made = as === null ? `${sequenceName(f.name)} (an overload with as many arguments as the first: only the first is called)`
        : as === f.name ? `${sequenceName(as)}(…)` : `${sequenceName(as)}(…), or ${sequenceName(f.name)}(…) with ${arity(f)} argument(s)`;
      return `${name}(${line(v.memory(), v.args, f)}) → callable as ${made}`;
    };
    return hostFunction({ ...entry, show }, ctx, (args, { memory }) => {
      const f = read(memory(), args);
      const as = callableAs(r, f);
      if (as !== null && !r.callables.has(as)) r.callables.set(as, as === f.name ? f : { ...f, name: as });
      return undefined;
    });
  };
  const className = (memory: GuestMemory, id: HostValue | undefined): string => typeOf(r, memory, u32(id));
  /** A callable whose name is its own (a property's accessor, a smart pointer's): the first registration of it is kept. */
  const keep = (f: Registered): void => {
    if (!r.callables.has(f.name)) r.callables.set(f.name, f);
  };
  /** A registration that only names something: its line, and nothing to do. */
  const logged = (line: (memory: GuestMemory, args: Args) => string, then = (_m: GuestMemory, _a: Args): string => ''): HostFunction => {
    const show = (v: CallView): string => `${name}(${line(v.memory(), v.args)})${then(v.memory(), v.args)}`;
    return hostFunction({ ...entry, show }, ctx, () => undefined);
  };

  switch (name) {
    case '_embind_register_function':
      return registers((m, a) => callable(m, text(m, a[0]), a, 1),
        (m, _a, f) => `${JSON.stringify(f.name)}, ${signatureText(r, m, f)}, invoker table[${f.invoker}], fn ${f.fn}`);
    case '_embind_register_class_constructor':
      return registers((m, a) => callable(m, className(m, a[0]), a, 1),
        (m, _a, f) => `${f.name}, ${signatureText(r, m, f)}, invoker table[${f.invoker}], factory ${f.fn}`);
    case '_embind_register_class_function':
    case '_embind_register_class_class_function': {
      // A method's fn slot is its context (a pointer to the member pointer); a static function's is the function.
      const method = name === '_embind_register_class_function';
      return registers((m, a) => callable(m, `${className(m, a[0])}.${text(m, a[1])}`, a, 2),
        (m, a, f) => `${className(m, a[0])}, ${JSON.stringify(text(m, a[1]))}${method ? '' : ' (static)'}, ${signatureText(r, m, f)}, `
          + `invoker table[${f.invoker}], ${method ? `context ${hexAddress(f.fn ?? 0)}` : `fn ${f.fn}`}`);
    }
    case '_embind_register_class': {
      // The class's name for its TYPEIDs (the object, pointer and const pointer types), then its destructor.
      const declared = (m: GuestMemory, a: Args): string => text(m, a[10]);
      const body = registers((m, a) => ({ name: `${declared(m, a)}.delete`, ids: [VOID, u32(a[1])], letters: text(m, a[11]), invoker: u32(a[12]), fn: null }),
        (m, a, f) => `${JSON.stringify(declared(m, a))}, destructor table[${f.invoker}]`);
      return (...args) => {
        const c = declared(ctx.memory(), args);
        r.types.set(u32(args[0]), c);
        r.types.set(u32(args[1]), `${c}*`);
        r.types.set(u32(args[2]), `const ${c}*`);
        r.pointers.set(u32(args[0]), [u32(args[1]), u32(args[2])]);
        return body(...args);
      };
    }
    case '_embind_register_class_property': {
      // Two callables from one registration: the getter, and the setter unless it is read-only.
      const read = (m: GuestMemory, a: Args): [Registered, Registered | null] => {
        const [pointer, constPointer] = r.pointers.get(u32(a[0])) ?? [u32(a[0]), u32(a[0])];
        const property = `${className(m, a[0])}.${text(m, a[1])}`;
        const getter: Registered = { name: property.replace('.', '.get '), ids: [u32(a[2]), constPointer], letters: text(m, a[3]), invoker: u32(a[4]), fn: u32(a[5]) };
        const setter: Registered | null = u32(a[8]) === 0 ? null
          : { name: property.replace('.', '.set '), ids: [VOID, pointer, u32(a[6])], letters: text(m, a[7]), invoker: u32(a[8]), fn: u32(a[9]) };
        return [getter, setter];
      };
      const show = (v: CallView): string => {
        const m = v.memory();
        const [getter, setter] = read(m, v.args);
        const made = setter ? `${sequenceName(getter.name)}(…) and ${sequenceName(setter.name)}(…)` : `${sequenceName(getter.name)}(…) (read-only)`;
        return `${name}(${className(m, v.args[0])}, ${JSON.stringify(text(m, v.args[1]))}, ${typeOf(r, m, getter.ids[0]!)}, getter table[${getter.invoker}]`
          + `${setter ? `, setter table[${setter.invoker}]` : ''}) → callable as ${made}`;
      };
      return hostFunction({ ...entry, show }, ctx, (args, { memory }) => {
        for (const f of read(memory(), args)) if (f) keep(f);
        return undefined;
      });
    }
    case '_embind_register_smart_ptr': {
      // A smart pointer (std::shared_ptr<T>) is passed as the address of one the callee made:
      // `.get` gives the T* inside (what a method takes as its object), `.delete` destroys it.
      const pointerName = (m: GuestMemory, a: Args): string => text(m, a[2]);
      const pointee = (a: Args): number => r.pointers.get(u32(a[1]))?.[0] ?? u32(a[1]);
      const get = (m: GuestMemory, a: Args): Registered => ({ name: `${pointerName(m, a)}.get`, ids: [pointee(a), u32(a[0])], letters: text(m, a[4]), invoker: u32(a[5]), fn: null });
      const del = (m: GuestMemory, a: Args): Registered => ({ name: `${pointerName(m, a)}.delete`, ids: [VOID, u32(a[0])], letters: text(m, a[10]), invoker: u32(a[11]), fn: null });
      const show = (v: CallView): string => {
        const m = v.memory();
        return `${name}(${JSON.stringify(pointerName(m, v.args))} of ${className(m, v.args[1])}, get table[${u32(v.args[5])}], destructor table[${u32(v.args[11])}])`
          + ` → callable as ${sequenceName(get(m, v.args).name)}(…) and ${sequenceName(del(m, v.args).name)}(…)`;
      };
      return hostFunction({ ...entry, show }, ctx, (args, { memory }) => {
        r.types.set(u32(args[0]), pointerName(memory(), args));
        keep(get(memory(), args));
        keep(del(memory(), args));
        return undefined;
      });
    }
    case '_emval_take_value':
      // A C++ value becomes a val: `argv` points at it, laid out as its type says.
      return hostFunction({ ...entry, params: ['type', 'argv'], results: ['handle'],
        show: (v: CallView) => `_emval_take_value(${className(v.memory(), v.args[0])} ${String(readValue(r, v.memory(), u32(v.args[0]), u32(v.args[1])))} at ${hexAddress(u32(v.args[1]))})`,
        then: ' → handle {handle}' }, ctx, ([type, argv], { memory }) => {
        const handle = r.nextHandle++;
        r.handles.set(handle, { value: readValue(r, memory(), u32(type), u32(argv)), refs: 1 });
        return handle;
      });
    case '_emval_incref':
    case '_emval_decref':
      return hostFunction({ ...entry, params: ['handle'] }, ctx, ([h]) => {
        const held = r.handles.get(u32(h));
        if (held && (held.refs += name === '_emval_incref' ? 1 : -1) === 0) r.handles.delete(u32(h));
        return undefined;
      });
    case '_embind_register_enum_value':
      return logged((m, a) => `${className(m, a[0])}, ${JSON.stringify(text(m, a[1]))}, ${Number(a[2])}`);
    case '_embind_register_value_object_field':
      return logged((m, a) => `${className(m, a[0])}, ${JSON.stringify(text(m, a[1]))}, ${typeOf(r, m, u32(a[2]))}`);
    case '_embind_register_value_array_element':
      return logged((m, a) => `${className(m, a[0])}, ${typeOf(r, m, u32(a[1]))}`);
    case '_embind_finalize_value_object':
    case '_embind_finalize_value_array':
      return logged((m, a) => className(m, a[0]),
        (m, a) => ` → ${className(m, a[0])} goes by pointer: in, to one the caller wrote; out, to a new one the caller reads and frees`);
    case '_embind_register_constant':
      return logged((m, a) => `${JSON.stringify(text(m, a[0]))}, ${typeOf(r, m, u32(a[1]))}, ${Number(a[2])}`);
    default: {
      const at = EMBIND_TYPE_NAME_AT[name]!;
      const show = (v: CallView): string => `${name}(type ${hexAddress(u32(v.args[0]))}, ${JSON.stringify(text(v.memory(), v.args[at]))})`;
      return hostFunction({ ...entry, show }, ctx, (args, { memory }) => {
        const id = u32(args[0]);
        r.types.set(id, text(memory(), args[at]));
        if (name === '_embind_register_bigint') r.wide.add(id);
        if (name === '_embind_register_emval') r.emval = id;
        const layout = layoutOf(name, args);
        if (layout) r.layouts.set(id, layout);
        return undefined;
      });
    }
  }
}

/**
 * `int (int, int)`: registered type names, else each type_info's (a registration line is read
 * while the constructors run: the module's own may come before the builtin types'); a
 * destructor takes its object.
 */
function signatureText(r: Registry, memory: GuestMemory, f: Registered): string {
  return `${typeOf(r, memory, f.ids[0] ?? 0)} (${f.ids.slice(1).map((id) => typeOf(r, memory, id)).join(', ')})`;
}

/** A TYPEID's name: as registered (`int`, `Counter*`), else its type_info's. */
function typeOf(r: Registry, memory: GuestMemory, id: number): string {
  return id === VOID ? 'void' : r.types.get(id) ?? typeName(memory, id);
}

/** How many arguments a sequence passes (a method's object among them). */
function arity(f: Registered): number {
  return f.ids.length - 1;
}

/**
 * The name `f` is callable by: its own for the first registration of it, `name/2` for an overload
 * with another number of arguments (JavaScript picks embind's overloads by argument count, and so
 * does a call with that many: sequence/execute.ts), null for one with as many as an earlier one
 * (embind refuses those). The same answer before and after `f` is registered.
 */
function callableAs(r: Registry, f: Registered): string | null {
  const same = (g: Registered | undefined): boolean => g !== undefined && g.invoker === f.invoker && g.fn === f.fn;
  const first = r.callables.get(f.name);
  if (!first || same(first)) return f.name;
  if (arity(first) === arity(f)) return null;
  const overload = `${f.name}/${arity(f)}`;
  const taken = r.callables.get(overload);
  return !taken || same(taken) ? overload : null;
}

/** The invoker's wasm type without the fn pointer, once every type is registered (at the first call). */
function wasmType(r: Registry, f: Registered): FuncType {
  const of = (letter: string | undefined, id: number | undefined): ValType | null => {
    const type = LETTERS[letter ?? 'v'] ?? null;
    return type !== null && id !== undefined && r.wide.has(id) ? 'i64' : type;
  };
  const params: ValType[] = [];
  // letters: return, [fn pointer,] then one per parameter (ids[1..]).
  const first = f.fn === null ? 1 : 2;
  for (let k = first; k < f.letters.length; k++) {
    const type = of(f.letters[k], f.ids[k - first + 1]);
    if (type) params.push(type);
  }
  const result = of(f.letters[0], f.ids[0]);
  return { params, results: result ? [result] : [] };
}

/** A primitive type's layout from its registration's arguments (type, name, size, …); null for the others. */
function layoutOf(name: string, args: readonly HostValue[]): Layout | null {
  const size = Number(args[2]) >>> 0;
  switch (name) {
    case '_embind_register_integer': return { kind: 'int', size, signed: Number(args[3]) < 0 };
    case '_embind_register_bigint': return { kind: 'int', size, signed: BigInt(args[3] as bigint | number) < 0n };
    case '_embind_register_float': return { kind: 'float', size, signed: true };
    case '_embind_register_bool': return { kind: 'bool', size, signed: false };
    default: return null;
  }
}

/** The value of type `type` at `at`: a number, a bigint or a bool for a primitive, else the word there (a pointer, as a number). */
function readValue(r: Registry, m: GuestMemory, type: number, at: number): unknown {
  const l = r.layouts.get(type);
  if (!l) return m.getU32(at);
  if (l.kind === 'bool') return m.getU8(at) !== 0;
  if (l.kind === 'float') return l.size === 4 ? m.getF32(at) : m.getF64(at);
  switch (l.size) {
    case 1: return l.signed ? m.getI8(at) : m.getU8(at);
    case 2: return l.signed ? m.getI16(at) : m.getU16(at);
    case 8: return l.signed ? m.getI64(at) : m.getU64(at);
    default: return l.signed ? m.getI32(at) : m.getU32(at);
  }
}

/**
 * What a sequence binds for a returned emscripten::val: the value it holds, as the i32 the call
 * returns, when that is an integer (a pointer too: a std::string's wire block, a class object)
 * or a bool (1 or 0). Any other (undefined, null, a float, a 64-bit integer) fails the call
 * saying what it held: bound as its handle it would read as a number it is not. The reference
 * the call handed over is dropped, as the glue's conversion does.
 */
function fromVal(r: Registry, name: string, handle: number): number {
  const held = r.handles.get(handle);
  const value = held ? held.value : FIXED_HANDLES.get(handle);
  if (held && --held.refs === 0) r.handles.delete(handle);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 32) return value | 0;
  const what = typeof value === 'bigint' ? `the 64-bit integer ${value}` : typeof value === 'number' ? `the number ${value}` : String(value);
  throw new UnboundVal(`${name} returned an emscripten::val holding ${what}, which a sequence cannot bind (it binds integers and bools from a val)`);
}

/** A call that returned a val a sequence cannot bind: the call ran, nothing trapped (GuestInstance says it as an eval-error). */
export class UnboundVal extends Error {
  override name = 'UnboundVal';
}

/** The wasm type a sequence calls what the module registered as `name` by; null when nothing is. */
export function embindType(ctx: ImportContext, name: string): FuncType | null {
  const r = registries.get(ctx);
  const f = r?.callables.get(name);
  return r && f ? wasmType(r, f) : null;
}

/**
 * What the module registered as `name`, as a function of the sequence's arguments (its invoker,
 * through the table); null when nothing is. Its type is embindType's, which the caller has.
 */
export function embindFunction(ctx: ImportContext, name: string): ((...args: HostValue[]) => unknown) | null {
  const r = registries.get(ctx);
  const f = r?.callables.get(name);
  if (!r || !f) return null;
  return (...args) => {
    const entry = table(ctx).get(f.invoker) as (...a: HostValue[]) => unknown;
    const result = f.fn === null ? entry(...args) : entry(f.fn, ...args);
    return r.emval !== null && f.ids[0] === r.emval ? fromVal(r, name, Number(result) >>> 0) : result;
  };
}

/** Every name the module registered, in registration order (for messages that list them). */
export function embindNames(ctx: ImportContext): string[] {
  return [...(registries.get(ctx)?.callables.keys() ?? [])];
}

/** What the module registered, with C++ signatures as every type is named by now (after its constructors). */
export function embindListing(ctx: ImportContext): RegisteredFunction[] {
  const r = registries.get(ctx);
  if (!r) return [];
  const memory = ctx.memory();
  return [...r.callables.values()].map((f) => ({ name: f.name, signature: signatureText(r, memory, f), type: wasmType(r, f) }));
}
