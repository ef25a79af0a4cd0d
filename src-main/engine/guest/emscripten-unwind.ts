// Emscripten's JavaScript unwinding, performed by the host as Emscripten 3.1.6's JS glue does
// it (the invoke_* wrappers emscripten.py writes, library_exceptions.js, library.js's longjmp).
//
// In a JS-glue build a C++ `throw` or a `longjmp` leaves wasm by a JavaScript throw: the guest
// calls env.__cxa_throw or env._emscripten_throw_longjmp, and the host throws. Each call the
// guest may be unwound out of is made through an import, invoke_<sig>(index, ...args), which
// calls table[index](...args) and catches: it restores the stack pointer, sets the guest's
// __THREW__ flag with its setThrew export and returns 0, and the guest code after the invoke
// reads the flag and runs its landing pad (C++) or returns from setjmp a second time (longjmp
// already set the flag to its jmp_buf and value; setThrew only sets a clear flag). With no
// invoke on the stack, nothing catches: the host call fails, as the glue's uncaught exception.
//
// A C++ exception object is malloc'd with a 16-byte header in front of it, which the host
// writes and reads (libcxxabi's __cxa_exception in an Emscripten build):
//   obj-16  u32 referenceCount    obj-12  type_info* exceptionType
//   obj-8   destructor (a table index, 0: none)
//   obj-4   u8 caught, u8 rethrown (2 bytes of padding)
// A catch: __cxa_find_matching_catch_N(type...) takes the catch clauses' types, mallocs an
// 8-byte CatchInfo {u32 object, u32 adjusted object} and returns it, with the selector (the
// type that matched, asking the module's __cxa_can_catch; else the thrown type) in the
// setTempRet0 slot. __cxa_begin_catch(info) marks the object caught and returns what the catch
// block receives; __cxa_end_catch() drops one reference, running the destructor and freeing the
// object at the last, and frees the CatchInfo. __resumeException(info) throws on when no clause
// matched (a cleanup pad ran destructors). A type_info holds its name at +4 (after its vtable).

import { cxxTypeName } from '../module/cxx-type-name.ts';
import type { FuncType } from '../../shared/dto.ts';
import { GuestAbort } from './guest-abort.ts';
import { resultList, type HostCallEnd, type HostFunction, type HostValue } from './host-call.ts';
import { hostFunction, type HostEnds, type ImportContext } from './import-context.ts';
import type { CallView } from './arg-decoder.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { setTempRet } from './temp-ret.ts';
import { hexAddress } from '../../shared/hex.ts';

const HEADER = 16;
const REFCOUNT = -16;
const TYPE = -12;
const DESTRUCTOR = -8;
const CAUGHT = -4;
const RETHROWN = -3;

/** What a C++ throw or a longjmp throws through the guest's frames, to the nearest invoke_*. */
export class EmscriptenUnwind extends Error {
  constructor(
    /** What unwinds: a C++ exception (object at `object`) or a longjmp. */
    readonly kind: 'c++' | 'longjmp',
    /** Said when nothing catches it: what the guest threw and why it reached the host. */
    readonly what: string,
    /** An invoke_* was on the stack when it was thrown: the guest catches it. */
    readonly caught: boolean,
    /** A C++ throw's object (its address, after the 16-byte header) and its type's name. */
    readonly thrown?: { object: number; type: string },
  ) {
    super(`${kind === 'c++' ? 'uncaught exception' : 'longjmp with no setjmp'}: ${what}`);
    this.name = 'EmscriptenUnwind';
  }

  /** The failed call's message; `during` names what ran when it was no call of the host's. */
  describe(during: string): string {
    return `${this.kind === 'c++' ? 'uncaught exception' : 'longjmp with no setjmp'}${during}: ${this.what}`;
  }
}

interface UnwindState {
  /** The exception most recently thrown (its object's address), as the glue's exceptionLast. */
  last: number;
  /** Thrown and not yet caught, for std::uncaught_exceptions. */
  uncaught: number;
  /** CatchInfo blocks of the catch blocks running, innermost last. */
  catching: number[];
  /** invoke_* calls on the stack: a throw with none is caught by nothing. */
  depth: number;
  /** The module imports invoke_* (Emscripten's catching is on): set while linking. */
  canCatch: boolean;
}

const states = new WeakMap<ImportContext, UnwindState>();

function state(ctx: ImportContext): UnwindState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { last: 0, uncaught: 0, catching: [], depth: 0, canCatch: false }));
  return s;
}

type GuestFunction = (...args: HostValue[]) => unknown;

/** An export the runtime calls; a module without it cannot be run this way, said so. */
function exported(ctx: ImportContext, name: string): GuestFunction {
  const value = ctx.exports()[name];
  if (typeof value !== 'function') throw new GuestAbort(`Emscripten's exception runtime needs the module's export ${name}, which it does not have`);
  return value as GuestFunction;
}

export function table(ctx: ImportContext): WebAssembly.Table {
  const exports = ctx.exports();
  const named = exports.__indirect_function_table;
  if (named instanceof WebAssembly.Table) return named;
  for (const value of Object.values(exports)) if (value instanceof WebAssembly.Table) return value;
  throw new GuestAbort("Emscripten's runtime calls table entries (invoke_*, embind's invokers) and needs the module's function table exported (__indirect_function_table)");
}

/** `table[2] = fail`: an entry as the log names it. */
function entryText(ctx: ImportContext, index: HostValue): string {
  const at = Number(index) >>> 0;
  try {
    const fn = table(ctx).get(at) as { name?: string } | null;
    if (!fn) return `table[${at}] = null`;
    const name = ctx.functionNames[Number(fn.name)];
    return name ? `table[${at}] = ${name}` : `table[${at}]`;
  } catch {
    return `table[${at}]`;
  }
}

/** `std::invalid_argument` for a type_info's address; its mangled name or address when unreadable. */
export function typeName(memory: GuestMemory, typeInfo: number): string {
  if (typeInfo === 0) return 'an unknown type';
  try {
    const mangled = memory.readCString(memory.getU32(typeInfo + 4), 256);
    return cxxTypeName(mangled) ?? mangled;
  } catch {
    return `the type at ${hexAddress(typeInfo)}`;
  }
}

/** How throws close their record: unwinding to a catch is their outcome, not an error. */
const UNWINDS: HostEnds = {
  after: (result) => ({ results: resultList(result) }),
  abort: (error): HostCallEnd => {
    if (error instanceof EmscriptenUnwind) {
      return error.caught ? { results: [], outcome: 'unwinds to the nearest invoke_*' } : { results: [], error: 'nothing in the guest catches it' };
    }
    return { results: [], error: error instanceof Error ? error.message : String(error) };
  },
};

export function emscriptenUnwindFunction(ctx: ImportContext, module: string, name: string, signature: FuncType): HostFunction {
  if (name.startsWith('invoke_')) return invoke(ctx, module, name, signature);
  const entry = { module, name, binding: 'builtin' as const, type: signature };
  const s = state(ctx);
  const mem = (): GuestMemory => ctx.memory();
  const u32 = (at: number): number => mem().getU32(at);
  const malloc = (size: number): number => Number(exported(ctx, 'malloc')(size)) >>> 0;
  const free = (ptr: number): void => void exported(ctx, 'free')(ptr);

  /** The C++ throw of `object`: caught by the innermost invoke_*, else the call fails saying what was thrown. */
  const throwObject = (object: number): never => {
    s.last = object;
    const type = typeName(mem(), u32(object + TYPE));
    const hint = s.canCatch ? '' : "; this build cannot catch: Emscripten's exception catching is off unless built with -fexceptions (or -fwasm-exceptions)";
    throw new EmscriptenUnwind('c++', `the guest threw a C++ ${type} (object at ${hexAddress(object)}) and nothing in the guest caught it${hint}`, s.depth > 0, { object, type });
  };
  /** One reference fewer; at the last (and not being rethrown), the destructor runs and the object is freed. */
  const release = (object: number): boolean => {
    const count = u32(object + REFCOUNT);
    mem().setU32(object + REFCOUNT, count - 1);
    if (count !== 1 || mem().getU8(object + RETHROWN) !== 0) return false;
    const destructor = u32(object + DESTRUCTOR);
    if (destructor !== 0) (table(ctx).get(destructor) as GuestFunction)(object);
    free(object - HEADER);
    return true;
  };
  const newCatchInfo = (object: number): number => {
    const info = malloc(8);
    mem().setU32(info, object);
    mem().setU32(info + 4, object);
    return info;
  };
  /** What a catch block receives: the object, or for a thrown pointer the pointer itself. */
  const caughtObject = (info: number): number => {
    const object = u32(info);
    if (Number(exported(ctx, '__cxa_is_pointer_type')(u32(object + TYPE))) !== 0) return u32(object);
    return u32(info + 4) || object;
  };

  if (name.startsWith('__cxa_find_matching_catch_')) {
    const clauses = (v: CallView): string => v.args.map((t) => (Number(t) === 0 ? '...' : typeName(v.memory(), Number(t) >>> 0))).join(', ');
    const line = { ...entry, show: (v: CallView) => `${name}(${clauses(v)})`, then: ' → {outcome}' };
    return hostFunction(line, ctx, (types, { note }) => {
      const object = s.last;
      if (object === 0) {
        setTempRet(ctx, 0);
        note.facts.outcome = 'no exception in flight';
        return 0;
      }
      const thrown = u32(object + TYPE);
      const info = newCatchInfo(object);
      const matched = (how: string): number => {
        note.facts.outcome = `${how} (CatchInfo at ${hexAddress(info)})`;
        return info;
      };
      const thrownName = typeName(mem(), thrown);
      for (const t of types) {
        const type = Number(t) >>> 0;
        // A catch-all clause, or the thrown type itself: the thrown type is the selector.
        if (type === 0 || type === thrown) {
          setTempRet(ctx, thrown);
          return matched(`${type === 0 ? 'catch (...)' : thrownName} catches the ${thrownName}`);
        }
        if (Number(exported(ctx, '__cxa_can_catch')(type, thrown, info + 4)) !== 0) {
          setTempRet(ctx, type);
          return matched(`${typeName(mem(), type)} catches the ${thrownName}`);
        }
      }
      setTempRet(ctx, thrown);
      return matched(`no clause here catches the ${thrownName}: cleanups run, then it unwinds on`);
    });
  }
  switch (name) {
    case '__cxa_allocate_exception':
      return hostFunction({ ...entry, params: ['size'], results: ['ptr'], then: ' → {ptr:hex}, after a 16-byte header' }, ctx, ([size]) => {
        const block = malloc((Number(size) >>> 0) + HEADER);
        if (block === 0) throw new GuestAbort(`abort: out of memory allocating a ${Number(size) >>> 0}-byte C++ exception object`);
        return block + HEADER;
      });
    case '__cxa_free_exception':
      return hostFunction({ ...entry, params: ['ptr'] }, ctx, ([ptr]) => {
        free((Number(ptr) >>> 0) - HEADER);
        return undefined;
      });
    case '__cxa_throw':
      return hostFunction({
        ...entry, params: ['ptr', 'type', 'destructor'],
        show: (v: CallView) => `__cxa_throw(${hexAddress(Number(v.args[0]) >>> 0)}, ${typeName(v.memory(), Number(v.args[1]) >>> 0)}, destructor=${Number(v.args[2]) >>> 0})`,
      }, ctx, ([ptr, type, destructor], { memory }) => {
        const object = Number(ptr) >>> 0;
        const m = memory();
        m.setU32(object + TYPE, Number(type));
        m.setU32(object + DESTRUCTOR, Number(destructor));
        m.setU32(object + REFCOUNT, 0);
        m.setU8(object + CAUGHT, 0);
        m.setU8(object + RETHROWN, 0);
        s.uncaught++;
        return throwObject(object);
      }, UNWINDS);
    case '__cxa_rethrow':
      return hostFunction(entry, ctx, (_args, { memory }) => {
        const info = s.catching.pop();
        if (info === undefined) throw new GuestAbort('abort: throw; with no exception being handled (std::terminate)');
        const object = u32(info);
        if (memory().getU8(object + RETHROWN) === 0) {
          // Its catch block is left by the unwinding: __cxa_end_catch will not run for it here.
          s.catching.push(info);
          memory().setU8(object + RETHROWN, 1);
          memory().setU8(object + CAUGHT, 0);
          s.uncaught++;
        } else {
          free(info);
        }
        return throwObject(object);
      }, UNWINDS);
    case '__cxa_begin_catch':
      return hostFunction({ ...entry, params: ['info'], results: ['object'], show: '__cxa_begin_catch(CatchInfo at {info:hex})', then: ' → {object:hex}' }, ctx, ([ptr], { memory }) => {
        const info = Number(ptr) >>> 0;
        const object = u32(info);
        if (memory().getU8(object + CAUGHT) === 0) {
          memory().setU8(object + CAUGHT, 1);
          s.uncaught--;
        }
        memory().setU8(object + RETHROWN, 0);
        s.catching.push(info);
        memory().setU32(object + REFCOUNT, u32(object + REFCOUNT) + 1);
        return caughtObject(info);
      });
    case '__cxa_end_catch':
      return hostFunction({ ...entry, then: ' → {outcome}' }, ctx, (_args, { note }) => {
        exported(ctx, 'setThrew')(0, 0);
        const info = s.catching.pop();
        if (info === undefined) throw new GuestAbort('abort: __cxa_end_catch with no catch block running');
        const object = u32(info);
        const type = typeName(mem(), u32(object + TYPE));
        note.facts.outcome = release(object) ? `the ${type} at ${hexAddress(object)} is destroyed and freed` : `the ${type} at ${hexAddress(object)} is still referenced`;
        free(info);
        s.last = 0;
        return undefined;
      });
    case '__resumeException':
      return hostFunction({ ...entry, params: ['info'] }, ctx, ([ptr]) => {
        const info = Number(ptr) >>> 0;
        const object = u32(info);
        if (s.last === 0) s.last = object;
        free(info);
        return throwObject(object);
      }, UNWINDS);
    case 'llvm_eh_typeid_for':
      return hostFunction({ ...entry, show: (v: CallView) => `llvm_eh_typeid_for(${typeName(v.memory(), Number(v.args[0]) >>> 0)})` }, ctx, ([type]) => type!);
    case '__cxa_uncaught_exceptions':
      return hostFunction(entry, ctx, () => s.uncaught);
    case '__cxa_increment_exception_refcount':
      return hostFunction({ ...entry, params: ['ptr'] }, ctx, ([ptr], { memory }) => {
        const object = Number(ptr) >>> 0;
        if (object !== 0) memory().setU32(object + REFCOUNT, u32(object + REFCOUNT) + 1);
        return undefined;
      });
    case '__cxa_decrement_exception_refcount':
      return hostFunction({ ...entry, params: ['ptr'] }, ctx, ([ptr]) => {
        if (Number(ptr) !== 0) release(Number(ptr) >>> 0);
        return undefined;
      });
    case '__cxa_get_exception_ptr':
      return hostFunction({ ...entry, params: ['info'] }, ctx, ([ptr]) => caughtObject(Number(ptr) >>> 0));
    case '__cxa_current_primary_exception':
      return hostFunction(entry, ctx, (_args, { memory }) => {
        const info = s.catching.at(-1);
        if (info === undefined) return 0;
        const object = u32(info);
        memory().setU32(object + REFCOUNT, u32(object + REFCOUNT) + 1);
        return object;
      });
    case '__cxa_rethrow_primary_exception':
      // std::rethrow_exception: thrown again as rethrown, so no catch block's end frees it.
      return hostFunction({ ...entry, params: ['ptr'] }, ctx, ([ptr], { memory }) => {
        const object = Number(ptr) >>> 0;
        if (object === 0) return undefined;
        memory().setU8(object + RETHROWN, 1);
        return throwObject(object);
      }, UNWINDS);
    case '_emscripten_throw_longjmp':
      return hostFunction(entry, ctx, () => {
        throw new EmscriptenUnwind('longjmp', 'the guest called longjmp and no setjmp in this call is waiting for it (its function returned, or it was called from another export)', s.depth > 0);
      }, UNWINDS);
    default: // __cxa_call_unexpected: a throw past a dynamic exception specification.
      return hostFunction(entry, ctx, () => {
        throw new GuestAbort('abort: a C++ exception left a function whose exception specification does not allow it (std::unexpected)');
      });
  }
}

/**
 * invoke_<sig>(index, ...args): table[index](...args) under a catch, `sig` spelled as Emscripten
 * does (result, then parameters: v i j f d). When the import's own type splits i64s into i32
 * pairs (a build without WASM_BIGINT), the call goes through the module's dynCall_<sig>, which
 * joins them, as the glue does.
 */
function invoke(ctx: ImportContext, module: string, name: string, signature: FuncType): HostFunction {
  const s = state(ctx);
  s.canCatch = true;
  const sig = name.slice('invoke_'.length);
  const split = sig.includes('j') && ![...signature.params, ...signature.results].includes('i64');
  const failed = signature.results[0] === 'i64' ? 0n : signature.results.length > 0 ? 0 : undefined;
  const entry = {
    module, name, binding: 'builtin' as const, type: signature,
    show: (v: CallView) => `${name}(${[entryText(ctx, v.args[0]!), ...v.args.slice(1).map(String)].join(', ')})`,
  };
  const ends: HostEnds = {
    after: (result, note) => ({
      results: resultList(result),
      outcome: note.facts.caught !== undefined ? String(note.facts.caught) : result === undefined ? 'returned' : String(result),
    }),
    abort: UNWINDS.abort,
  };
  return hostFunction(entry, ctx, (args, { note }) => {
    const [index, ...rest] = args;
    const stack = Number(exported(ctx, 'stackSave')());
    s.depth++;
    try {
      if (split) return exported(ctx, `dynCall_${sig}`)(index!, ...rest) as HostValue | undefined;
      const target = table(ctx).get(Number(index) >>> 0) as GuestFunction | null;
      if (!target) throw new GuestAbort(`${name} called table entry ${Number(index) >>> 0}, which is empty (a call through a null function pointer)`);
      return target(...rest) as HostValue | undefined;
    } catch (error) {
      exported(ctx, 'stackRestore')(stack);
      if (!(error instanceof EmscriptenUnwind)) throw error;
      exported(ctx, 'setThrew')(1, 0);
      note.facts.caught = error.kind === 'c++' ? 'caught the C++ exception: the guest\'s landing pad runs next' : 'caught the longjmp: its setjmp returns again next';
      return failed;
    } finally {
      s.depth--;
    }
  }, ends);
}
