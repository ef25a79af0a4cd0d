// Emscripten's JavaScript exceptions and longjmp written out for an exported JS host: the
// runtime Memscope performs (engine/guest/emscripten-unwind.ts, where the byte layouts are
// described), as plain JavaScript a person can keep in their own host. Emitted once, after the
// helpers, when the module imports any of it; each import calls into it by name.

import { isEmscriptenUnwindImport } from '../engine/index.ts';
import type { FuncType } from '../shared/dto.ts';

export const JS_EMSCRIPTEN_UNWIND = String.raw`
// ---- Emscripten's JavaScript exceptions and longjmp -------------------------------------
// A C++ throw or a longjmp leaves wasm as a JavaScript throw; each invoke_* import calls
// table[index](...args) and catches it: it restores the stack pointer, sets the guest's
// __THREW__ flag (its setThrew export) and returns 0, and the guest's landing pad or setjmp
// runs. An exception object is malloc'd behind a 16-byte header: refcount u32 at -16,
// type_info* at -12, destructor (table index) at -8, caught u8 at -4, rethrown u8 at -3.
// A catch's CatchInfo is 8 malloc'd bytes: the object, then the object as the clause sees it.
class EmscriptenUnwind extends Error {}
const eh = { last: 0, uncaught: 0, catching: [], depth: 0 };
const guestFn = (name) => {
  const f = instance.exports[name];
  if (typeof f !== 'function') throw new Error(\`Emscripten's exception runtime needs the module's export \${name}\`);
  return f;
};
const fnTable = () => instance.exports.__indirect_function_table ?? Object.values(instance.exports).find((v) => v instanceof WebAssembly.Table);
const u32at = (a) => view().getUint32(a, true);
/** The mangled name a type_info holds at +4 (St16invalid_argument is std::invalid_argument). */
const typeNameAt = (type) => {
  const bytes = new Uint8Array(memory().buffer);
  let end = u32at(type + 4);
  const start = end;
  while (bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
};
function ehThrow(object) {
  eh.last = object;
  throw new EmscriptenUnwind(\`uncaught exception: the guest threw a C++ exception of type \${typeNameAt(u32at(object - 12))} (object at 0x\${object.toString(16)}) and nothing in the guest caught it\`);
}
/** One reference fewer; at the last, unless rethrown, the destructor runs and the object is freed. */
function ehRelease(object) {
  const count = u32at(object - 16);
  view().setUint32(object - 16, count - 1, true);
  if (count !== 1 || view().getUint8(object - 3) !== 0) return;
  const destructor = u32at(object - 8);
  if (destructor !== 0) fnTable().get(destructor)(object);
  guestFn('free')(object - 16);
}
function ehCatchInfo(object) {
  const info = guestFn('malloc')(8) >>> 0;
  view().setUint32(info, object, true);
  view().setUint32(info + 4, object, true);
  return info;
}
function ehCaught(info) {
  const object = u32at(info);
  if (guestFn('__cxa_is_pointer_type')(u32at(object - 12))) return u32at(object);
  return u32at(info + 4) || object;
}
const emscriptenUnwind = {
  invoke(dynCall, failed, index, ...args) {
    const stack = guestFn('stackSave')();
    eh.depth++;
    try {
      return dynCall ? guestFn(dynCall)(index, ...args) : fnTable().get(index >>> 0)(...args);
    } catch (e) {
      guestFn('stackRestore')(stack);
      if (!(e instanceof EmscriptenUnwind)) throw e;
      guestFn('setThrew')(1, 0);
      return failed;
    } finally {
      eh.depth--;
    }
  },
  __cxa_allocate_exception: (size) => {
    const block = guestFn('malloc')((size >>> 0) + 16) >>> 0;
    if (block === 0) throw new Error('abort: out of memory allocating a C++ exception object');
    return block + 16;
  },
  __cxa_free_exception: (ptr) => { guestFn('free')((ptr >>> 0) - 16); },
  __cxa_throw: (ptr, type, destructor) => {
    const object = ptr >>> 0;
    view().setUint32(object - 12, type, true);
    view().setUint32(object - 8, destructor, true);
    view().setUint32(object - 16, 0, true);
    view().setUint16(object - 4, 0, true);
    eh.uncaught++;
    ehThrow(object);
  },
  __cxa_rethrow: () => {
    const info = eh.catching.pop();
    if (info === undefined) throw new Error('abort: throw; with no exception being handled (std::terminate)');
    const object = u32at(info);
    if (view().getUint8(object - 3) === 0) {
      eh.catching.push(info);
      view().setUint8(object - 3, 1);
      view().setUint8(object - 4, 0);
      eh.uncaught++;
    } else {
      guestFn('free')(info);
    }
    ehThrow(object);
  },
  __cxa_find_matching_catch: (...types) => {
    const object = eh.last;
    if (object === 0) { tempRet0 = 0; return 0; }
    const thrown = u32at(object - 12);
    const info = ehCatchInfo(object);
    for (const t of types) {
      const type = t >>> 0;
      if (type === 0 || type === thrown) break;
      if (guestFn('__cxa_can_catch')(type, thrown, info + 4)) { tempRet0 = type; return info; }
    }
    tempRet0 = thrown;
    return info;
  },
  __cxa_begin_catch: (ptr) => {
    const info = ptr >>> 0;
    const object = u32at(info);
    if (view().getUint8(object - 4) === 0) { view().setUint8(object - 4, 1); eh.uncaught--; }
    view().setUint8(object - 3, 0);
    eh.catching.push(info);
    view().setUint32(object - 16, u32at(object - 16) + 1, true);
    return ehCaught(info);
  },
  __cxa_end_catch: () => {
    guestFn('setThrew')(0, 0);
    const info = eh.catching.pop();
    if (info === undefined) throw new Error('abort: __cxa_end_catch with no catch block running');
    ehRelease(u32at(info));
    guestFn('free')(info);
    eh.last = 0;
  },
  __resumeException: (ptr) => {
    const info = ptr >>> 0;
    const object = u32at(info);
    if (eh.last === 0) eh.last = object;
    guestFn('free')(info);
    ehThrow(object);
  },
  llvm_eh_typeid_for: (type) => type,
  __cxa_uncaught_exceptions: () => eh.uncaught,
  __cxa_increment_exception_refcount: (ptr) => { if (ptr) view().setUint32((ptr >>> 0) - 16, u32at((ptr >>> 0) - 16) + 1, true); },
  __cxa_decrement_exception_refcount: (ptr) => { if (ptr) ehRelease(ptr >>> 0); },
  __cxa_get_exception_ptr: (ptr) => ehCaught(ptr >>> 0),
  __cxa_current_primary_exception: () => {
    const info = eh.catching.at(-1);
    if (info === undefined) return 0;
    const object = u32at(info);
    view().setUint32(object - 16, u32at(object - 16) + 1, true);
    return object;
  },
  __cxa_rethrow_primary_exception: (ptr) => {
    if (!ptr) return;
    view().setUint8((ptr >>> 0) - 3, 1);
    ehThrow(ptr >>> 0);
  },
  __cxa_call_unexpected: () => { throw new Error('abort: a C++ exception left a function whose exception specification does not allow it (std::unexpected)'); },
  _emscripten_throw_longjmp: () => {
    throw new EmscriptenUnwind('longjmp with no setjmp: the guest called longjmp and no setjmp in this call is waiting for it');
  },
};
`.replaceAll('\\`', '`').replaceAll('\\${', '${');

/** The import's entry in the import object, or undefined when `name` is not part of the runtime. */
export function jsUnwindImport(name: string, type: FuncType): string | undefined {
  if (!isEmscriptenUnwindImport(name)) return undefined;
  const invoke = /^invoke_([vijfd]+)$/.exec(name);
  if (invoke) {
    const sig = invoke[1]!;
    // An i64 split into i32 pairs (a build without WASM_BIGINT) is joined by the module's dynCall_<sig>.
    const split = sig.includes('j') && ![...type.params, ...type.results].includes('i64');
    const failed = type.results[0] === 'i64' ? '0n' : type.results.length > 0 ? '0' : 'undefined';
    return `(...a) => emscriptenUnwind.invoke(${split ? JSON.stringify(`dynCall_${sig}`) : 'null'}, ${failed}, ...a)`;
  }
  const runtime = name.startsWith('__cxa_find_matching_catch_') ? '__cxa_find_matching_catch' : name;
  return `(...a) => emscriptenUnwind.${runtime}(...a)`;
}

/** Whether the program needs the runtime: the module imports any part of it. */
export function usesEmscriptenUnwind(imports: readonly { kind: string; name: string; builtin?: string }[]): boolean {
  return imports.some((i) => i.kind === 'func' && i.builtin === 'emscripten' && isEmscriptenUnwindImport(i.name));
}
