// Finds the allocator convention a host can use to place data in guest memory, from the
// module's function exports. When several are exported, the first in this list wins:
//   assemblyscript  __new(size, classId) -> ptr, __pin / __unpin (GC; no free)
//   wbindgen        __wbindgen_malloc / __wbindgen_free (wasm-bindgen)
//   malloc          malloc(size) -> ptr / free(ptr) (C, TinyGo, Zig, Emscripten)
//   alloc           alloc(size) -> ptr / dealloc(ptr, size) (Rust: the size rebuilds the Layout)
//   allocate        allocate(size) -> ptr / deallocate(ptr, size)
//   cabi_realloc    cabi_realloc(old, oldSize, align, newSize) -> ptr (component model; no free)
// A module whose pair has other names (alloc_buf / free_buf, wasm_malloc / wasm_free) gets it
// from its sequence's `allocator ALLOC [FREE]` line (declaredAllocator); the starter guesses
// that line from names and signatures (guessAllocator).

import type { AllocatorConvention, AllocatorFunction, AllocatorInfo, ExportInfo, FuncType } from '../../shared/dto.ts';
import { formatSignature } from '../../shared/type-format.ts';
import { functionType, type RawModule } from './model.ts';
import { hasSignature } from './signature.ts';

interface Convention {
  convention: AllocatorConvention;
  alloc: string;
  free?: string;
  pin?: string;
  unpin?: string;
  /**
   * The types the host calls each function with (sequence/allocator.ts): an export of that name
   * with another type is no allocator. `malloc () -> i32` would otherwise be called as malloc(8)
   * with the size dropped, and its block recorded as 8 bytes it never gave.
   */
  allocTypes: FuncType[];
  freeTypes?: FuncType[];
}

const I32 = 'i32' as const;
const sig = (params: number, results: number): FuncType => ({ params: Array(params).fill(I32), results: Array(results).fill(I32) });

const CONVENTIONS: Convention[] = [
  { convention: 'assemblyscript', alloc: '__new', pin: '__pin', unpin: '__unpin', allocTypes: [sig(2, 1)] },
  { convention: 'wbindgen', alloc: '__wbindgen_malloc', free: '__wbindgen_free', allocTypes: [sig(1, 1), sig(2, 1)], freeTypes: [sig(2, 0), sig(3, 0)] },
  { convention: 'malloc', alloc: 'malloc', free: 'free', allocTypes: [sig(1, 1)], freeTypes: [sig(1, 0)] },
  { convention: 'alloc', alloc: 'alloc', free: 'dealloc', allocTypes: [sig(1, 1)], freeTypes: [sig(1, 0), sig(2, 0), sig(3, 0)] },
  { convention: 'allocate', alloc: 'allocate', free: 'deallocate', allocTypes: [sig(1, 1)], freeTypes: [sig(1, 0), sig(2, 0)] },
  { convention: 'cabi_realloc', alloc: 'cabi_realloc', allocTypes: [sig(4, 1)] },
];

const fits = (f: AllocatorFunction | undefined, types: FuncType[] | undefined): f is AllocatorFunction =>
  !!f && !!types && types.some((t) => hasSignature(f.type, t.params, t.results));

export function findAllocator(m: RawModule): AllocatorInfo | null {
  const funcs = new Map<string, AllocatorFunction>();
  for (const e of m.exports) {
    if (e.kind !== 'func') continue;
    const type = functionType(m, e.index);
    if (type) funcs.set(e.name, { name: e.name, type });
  }
  for (const c of CONVENTIONS) {
    const alloc = funcs.get(c.alloc);
    if (!fits(alloc, c.allocTypes)) continue;
    // A free of another type is left out: free(p) then says the allocator has none.
    const free = c.free ? funcs.get(c.free) : undefined;
    const info: AllocatorInfo = { convention: c.convention, alloc, free: fits(free, c.freeTypes) ? free : null };
    const pin = c.pin ? funcs.get(c.pin) : undefined;
    const unpin = c.unpin ? funcs.get(c.unpin) : undefined;
    if (pin) info.pin = pin;
    if (unpin) info.unpin = unpin;
    return info;
  }
  return null;
}

type FuncExport = Extract<ExportInfo, { kind: 'func' }>;

/**
 * An export named as a convention's allocator but of another type (`malloc () -> i32`), which
 * findAllocator passed over, said as `malloc () -> i32 has an allocator's name but not its type
 * ((i32) -> i32)`: the starter and a step's alloc() say why that malloc is not used. Null when
 * no export is such a misfit.
 */
export function misfitAllocator(exports: readonly ExportInfo[]): string | null {
  for (const c of CONVENTIONS) {
    const why = misfit(exports, c.alloc, c.allocTypes, 'an allocator');
    if (why) return why;
  }
  return null;
}

/** The same for the free function of the allocator findAllocator took (`free (i32) -> i32`), which it left out. */
export function misfitFree(exports: readonly ExportInfo[], convention: AllocatorConvention): string | null {
  const c = CONVENTIONS.find((x) => x.convention === convention);
  return c?.free ? misfit(exports, c.free, c.freeTypes, 'a free function') : null;
}

function misfit(exports: readonly ExportInfo[], name: string, types: FuncType[] | undefined, what: string): string | null {
  const e = exports.find((x): x is FuncExport => x.kind === 'func' && x.name === name);
  if (!e || !types || fits({ name: e.name, type: e.type }, types)) return null;
  return `${name} ${formatSignature(e.type)} has ${what}'s name but not its type (${types.map(formatSignature).join(' or ')})`;
}

/** alloc(size) -> ptr, or alloc(size, align) -> ptr (then alloc(n) asks for 8-byte alignment). */
function allocates(t: FuncType): boolean {
  return hasSignature(t, ['i32'], ['i32']) || hasSignature(t, ['i32', 'i32'], ['i32']);
}

/** free(ptr), free(ptr, size) or free(ptr, size, align), returning nothing. */
function frees(t: FuncType): boolean {
  return t.params.length >= 1 && t.params.length <= 3 && t.params.every((p) => p === 'i32') && t.results.length === 0;
}

/**
 * The allocator a sequence names with `allocator ALLOC [FREE]`, checked against the exports;
 * `which` says which name an error is about.
 */
export function declaredAllocator(exports: readonly ExportInfo[], alloc: string, free: string | null):
  { ok: true; value: AllocatorInfo } | { ok: false; which: 'alloc' | 'free'; message: string } {
  const funcs = exports.filter((e): e is FuncExport => e.kind === 'func');
  const find = (name: string) => funcs.find((e) => e.name === name);
  const a = find(alloc);
  if (!a) return { ok: false, which: 'alloc', message: `the module exports no function '${alloc}'${candidates(funcs, allocates, 'allocate')}` };
  if (!allocates(a.type)) {
    return { ok: false, which: 'alloc', message: `${alloc} ${formatSignature(a.type)} cannot be an allocator: it must take the size (and optionally an alignment) and return the pointer, (i32) -> i32` };
  }
  if (free === null) return { ok: true, value: { convention: 'declared', alloc: { name: alloc, type: a.type }, free: null } };
  const f = find(free);
  if (!f) return { ok: false, which: 'free', message: `the module exports no function '${free}'${candidates(funcs, frees, 'free')}` };
  if (!frees(f.type)) {
    return { ok: false, which: 'free', message: `${free} ${formatSignature(f.type)} cannot free a block: it must take the pointer, then optionally the size and the alignment, all i32, and return nothing` };
  }
  return { ok: true, value: { convention: 'declared', alloc: { name: alloc, type: a.type }, free: { name: free, type: f.type } } };
}

/** "; exports that could allocate: a, b" (up to 6), for an allocator line naming none. */
function candidates(funcs: FuncExport[], fits: (t: FuncType) => boolean, what: string): string {
  const names = funcs.filter((e) => fits(e.type)).map((e) => e.name);
  return names.length > 0 ? `; exports that could ${what}: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}` : '';
}

/** Words of a name that say it allocates, or frees (matched on whole words: `freeze` is not `free`). */
const ALLOC_WORD = /^(alloc|malloc|allocate|calloc)$/;
const FREE_WORD = /^(free|dealloc|deallocate|release)$/;

/**
 * For a module with no known convention, the pair its names and signatures suggest (`alloc_buf`
 * (i32) -> i32 with `free_buf` (i32, i32) -> ()), as a declared allocator for the starter to
 * write as an `allocator` line; null unless exactly one export allocates by name and signature.
 * A guess from names: the starter says so.
 */
export function guessAllocator(exports: readonly ExportInfo[]): AllocatorInfo | null {
  const funcs = exports.filter((e): e is FuncExport => e.kind === 'func');
  // A stack allocator (Emscripten's stackAlloc) is no heap: its blocks go at the next
  // stackRestore, and nothing frees one by one.
  const allocs = funcs.filter((e) => {
    const words = nameWords(e.name);
    return words.some((w) => ALLOC_WORD.test(w)) && !words.includes('stack') && allocates(e.type);
  });
  if (allocs.length !== 1) return null;
  const alloc = allocs[0]!.name;
  const rest = nameWords(alloc).filter((w) => !ALLOC_WORD.test(w)).join(' ');
  const freeing = funcs.filter((e) => nameWords(e.name).some((w) => FREE_WORD.test(w)) && frees(e.type));
  // alloc_buf goes with free_buf rather than free_all: the same words once the verb is dropped.
  const free = freeing.find((e) => nameWords(e.name).filter((w) => !FREE_WORD.test(w)).join(' ') === rest) ?? (freeing.length === 1 ? freeing[0] : undefined);
  const declared = declaredAllocator(exports, alloc, free?.name ?? null);
  return declared.ok ? declared.value : null;
}

/** The words of an export's name (snake, kebab or camel case): `alloc_buf` → alloc, buf; `getTextLen` → get, text, len. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}
