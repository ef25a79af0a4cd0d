// Embind's free functions, hosted: a C++ library built with `emcc --bind` exports none of the
// functions it offers JavaScript. Its static constructors register each one by calling
//   env._embind_register_function(const char* name, unsigned argCount, const TYPEID argTypes[],
//                                 const char* signature, invoker, fn)
// where argTypes[0] is the return type and argTypes[1..] the parameters' (each a TYPEID: the
// address of its std::type_info, whose mangled name is at +4), `signature` the invoker's wasm
// type as letters (return first, then the fn pointer, then the parameters: v void, i i32, j i64,
// f f32, d f64, p a pointer), and `invoker` a table index: a call is table[invoker](fn, args...)
// on the parameters' wire types. The primitive and std types register their TYPEIDs by name
// (_embind_register_integer(type, name, size, min, max), _std_string(type, name), …), which the
// log's signatures use. Emscripten 3.1.6 writes `i` for a 64-bit integer too: a parameter of a
// type registered by _embind_register_bigint is passed as an i64.
//
// Wire types a sequence builds and reads itself: numbers and bool as themselves; a std::string
// as a pointer to a malloc'd {u32 length; char bytes[length]; NUL}, which the caller frees after
// the call (the glue's destructors do), and a returned one as a block the callee malloc'd,
// which the caller reads and frees. Classes, enums and value objects (_embind_register_class, …)
// stay unresolved stubs: only free functions become callable.

import type { FuncType, ValType } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import type { CallView } from './arg-decoder.ts';
import { table, typeName } from './emscripten-unwind.ts';
import { hexAddress } from '../../shared/hex.ts';
import { EMBIND_TYPE_NAME_AT } from '../protocol.ts';
import type { HostFunction, HostValue } from './host-call.ts';
import { hostFunction, type ImportContext } from './import-context.ts';

/** A registered function, as its registration gave it. */
interface Registered {
  name: string;
  /** TYPEIDs: the return type's, then each parameter's. */
  ids: number[];
  /** The invoker's signature letters (return, fn pointer, parameters). */
  letters: string;
  invoker: number;
  fn: number;
}

interface Registry {
  functions: Map<string, Registered>;
  /** TYPEID → registered name ("int", "std::string"). */
  types: Map<number, string>;
  /** TYPEIDs registered by _embind_register_bigint: passed as i64 whatever the signature says. */
  wide: Set<number>;
}

const registries = new WeakMap<ImportContext, Registry>();

function registry(ctx: ImportContext): Registry {
  let r = registries.get(ctx);
  if (!r) registries.set(ctx, (r = { functions: new Map(), types: new Map(), wide: new Set() }));
  return r;
}

const LETTERS: Readonly<Record<string, ValType | null>> = { v: null, i: 'i32', p: 'i32', j: 'i64', f: 'f32', d: 'f64' };

export function embindRegistration(ctx: ImportContext, module: string, name: string, signature: FuncType): HostFunction {
  const r = registry(ctx);
  const entry = { module, name, binding: 'builtin' as const, type: signature };
  if (name !== '_embind_register_function') {
    const at = EMBIND_TYPE_NAME_AT[name]!;
    const show = (v: CallView): string => `${name}(type ${hexAddress(Number(v.args[0]) >>> 0)}, ${JSON.stringify(cString(v.memory(), v.args[at]))})`;
    return hostFunction({ ...entry, show }, ctx, (args, { memory }) => {
      const id = Number(args[0]) >>> 0;
      r.types.set(id, cString(memory(), args[at]));
      if (name === '_embind_register_bigint') r.wide.add(id);
      return undefined;
    });
  }
  // The module's own registrations may come before the builtin types' (constructor order):
  // the line names types as far as they are known yet, from their type_info otherwise.
  const show = (v: CallView): string => {
    const f = read(v.memory(), v.args);
    return `${name}(${JSON.stringify(f.name)}, ${shown(r, v.memory(), f.ids)}, invoker table[${f.invoker}], fn ${f.fn}) → callable as ${f.name}(…)`;
  };
  return hostFunction({ ...entry, show }, ctx, (args, { memory }) => {
    const f = read(memory(), args);
    // The first registration of a name is the one called (an overload by arity is not).
    if (!r.functions.has(f.name)) r.functions.set(f.name, f);
    return undefined;
  });
}

function read(memory: GuestMemory, args: readonly HostValue[]): Registered {
  const [namePtr, argCount, argTypes, sigPtr, invoker, fn] = args.map((a) => Number(a) >>> 0) as [number, number, number, number, number, number];
  const ids: number[] = [];
  for (let k = 0; k < argCount; k++) ids.push(memory.getU32(argTypes + 4 * k));
  return { name: cString(memory, namePtr), ids, letters: cString(memory, sigPtr), invoker, fn };
}

/** `int (int, int)`: registered names, else each type_info's. */
function shown(r: Registry, memory: GuestMemory, ids: readonly number[]): string {
  const names = ids.map((id) => r.types.get(id) ?? typeName(memory, id));
  return `${names[0] ?? 'void'} (${names.slice(1).join(', ')})`;
}

/** The invoker's wasm type without the fn pointer, once every type is registered (at the first call). */
function wasmType(r: Registry, f: Registered): FuncType {
  const of = (letter: string | undefined, id: number | undefined): ValType | null => {
    const type = LETTERS[letter ?? 'v'] ?? null;
    return type !== null && id !== undefined && r.wide.has(id) ? 'i64' : type;
  };
  const params: ValType[] = [];
  // letters: return, fn pointer, then one per parameter (ids[1..]).
  for (let k = 2; k < f.letters.length; k++) {
    const type = of(f.letters[k], f.ids[k - 1]);
    if (type) params.push(type);
  }
  const result = of(f.letters[0], f.ids[0]);
  return { params, results: result ? [result] : [] };
}

/** The function registered as `name`, callable with the sequence's arguments; null when none is. */
export function embindCallable(ctx: ImportContext, name: string): { type: FuncType; call: (...args: HostValue[]) => unknown } | null {
  const r = registries.get(ctx);
  const f = r?.functions.get(name);
  if (!r || !f) return null;
  return { type: wasmType(r, f), call: (...args) => (table(ctx).get(f.invoker) as (...a: HostValue[]) => unknown)(f.fn, ...args) };
}

/** Every name the module registered, in registration order (for messages that list them). */
export function embindNames(ctx: ImportContext): string[] {
  return [...(registries.get(ctx)?.functions.keys() ?? [])];
}

function cString(memory: GuestMemory, ptr: HostValue | undefined): string {
  return memory.readCString(Number(ptr) >>> 0, 256);
}

