// What a module's build left out that Memscope needs, and how its toolchain puts it back: an
// exported allocator (so alloc() can place data in guest memory) and function names (so calls,
// writers, heap owners and trap stacks read `realloc`, not `func[12]`). One sentence per fact,
// for `memscope inspect`, the module panel and the starter sequence alike. Each was checked on
// a real build: asc 0.28, emcc 3.1.6, clang-19 and clang-22 with wasi-libc, Rust 1.63, Go 1.19.

import type { ModuleInfo, Toolchain } from './dto.ts';

const EXPORT_AN_ALLOCATOR: Partial<Record<Toolchain, string>> = {
  assemblyscript: 'AssemblyScript keeps its runtime (__new, __pin, __unpin) inside unless built with '
    + '`asc --exportRuntime` (or `--bindings esm`): rebuild so, and alloc(n) makes the strings and arrays its functions take, '
    + 'pinned until free(p).',
  emscripten: 'Emscripten exports malloc and free only when asked: link with -sEXPORTED_FUNCTIONS=_malloc,_free '
    + 'beside your own functions, and alloc(n) and free(p) call them.',
  c: 'wasm-ld exports only what it is told: link with -Wl,--export=malloc,--export=free (wasi-libc has both), '
    + 'and alloc(n) and free(p) call them.',
  rust: 'Rust\'s allocator stays inside the module: export a pair from the crate, such as '
    + '`#[no_mangle] pub extern "C" fn alloc(len: usize) -> *mut u8` and `dealloc(ptr, len)` over std::alloc '
    + '(the rust-greet demo\'s lib.rs has both); Memscope recognises that pair.',
  go: 'Go\'s heap is its own, with no allocator to call: data goes in as arguments of the functions main sets '
    + 'with js.FuncOf (numbers, text, bytes), or to main through argv and stdin.',
};

/**
 * How the module's toolchain gets an allocator exported (Go's says there is none to export);
 * null when the toolchain is unknown. A C command is rebuilt as a library first: wasm-ld wraps
 * a command's exports to run its constructors and destructors around every call.
 */
export function allocatorHint(info: Pick<ModuleInfo, 'toolchain' | 'kind'>): string | null {
  if (info.toolchain.name === 'c' && info.kind === 'command') {
    return 'wasm-ld exports only what it is told, and wraps a command\'s exports in its constructors and destructors: '
      + 'build a library (-mexec-model=reactor) and link with -Wl,--export=malloc,--export=free (wasi-libc has both).';
  }
  return EXPORT_AN_ALLOCATOR[info.toolchain.name] ?? null;
}

/**
 * How the module's toolchain builds a library, whose exports run only themselves, rather than a
 * command, whose exports wasm-ld wraps in the program's constructors and destructors. rustc
 * builds a wasm32-wasi cdylib as a library (no _start, no _initialize); clang needs the reactor model.
 */
export function libraryBuild(toolchain: Toolchain): string {
  return toolchain === 'rust' ? 'rustc --crate-type cdylib (Cargo: crate-type = ["cdylib"])' : 'clang -mexec-model=reactor';
}

const KEEP_NAMES: Partial<Record<Toolchain, string>> = {
  c: 'clang at -O1 and above runs wasm-opt when it is on PATH (Emscripten and binaryen put it there), '
    + 'which drops them: link without -O (`clang -O2 -c x.c`, then `clang x.o -o x.wasm …`), or pass --no-wasm-opt (clang 22)',
  emscripten: 'emcc drops them at -O1 and above: add --profiling-funcs (the code stays optimised)',
  assemblyscript: 'asc writes them only with --debug',
};

/**
 * The warning the module reader writes when it ignores a malformed name section (from the byte
 * where it breaks; subsections before that are kept), as engines ignore it.
 */
const NAME_SECTION_IGNORED = 'custom section "name" ignored';
/** The reason that warning gives when the section was a second one. */
const SECOND_NAME_SECTION = 'a second name section';

/**
 * Why the module's functions have no names and how to keep them, or null when they have names
 * (its own, or those of Emscripten's glue beside it) or it defines no functions. A module that
 * has a name section was not stripped: the hint says what is wrong with the one it has (the
 * warning row gives where and why), not how to keep a section that is there.
 */
export function namesHint(info: ModuleInfo): string | null {
  if (info.functionCount === 0 || info.namesFrom) return null;
  const named = info.names?.functions;
  if (named && Object.keys(named).length > 0) return null;
  return `none: calls, writers, heap owners and trap stacks show its functions as func[N]; ${whyNoNames(info)}`;
}

function whyNoNames(info: ModuleInfo): string {
  const ignored = info.warnings?.filter((w) => w.startsWith(NAME_SECTION_IGNORED)) ?? [];
  // A second name section is ignored whole (module/sections/custom.ts), however well-formed: the
  // one kept is the first, and it was the one with no function names. Called malformed, a
  // reader looked for a broken byte in a section that had none.
  if (ignored.length > 0 && ignored.every((w) => w.endsWith(`: ${SECOND_NAME_SECTION}`))) {
    return 'it has two name sections: the first holds no function names, and the second was ignored (a module has at most one; the warning says where)';
  }
  if (ignored.length > 0) {
    return 'its name section is malformed and was ignored from where it breaks, before any function name (the warning says where and why)';
  }
  if (info.names) return 'its name section holds no function names';
  return KEEP_NAMES[info.toolchain.name]
    ?? 'a build step stripped the name section (wasm-opt without -g, wasm-strip, or wasm-ld --strip-all)';
}
