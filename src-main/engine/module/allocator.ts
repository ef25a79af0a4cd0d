// Finds the allocator convention a host can use to place data in guest memory, from the
// module's function exports. When several are exported, the first in this list wins:
//   assemblyscript  __new(size, classId) -> ptr, __pin / __unpin (GC; no free)
//   wbindgen        __wbindgen_malloc / __wbindgen_free (wasm-bindgen)
//   malloc          malloc(size) -> ptr / free(ptr) (C, TinyGo, Zig, Emscripten)
//   alloc           alloc(size) -> ptr / dealloc(ptr, size) (Rust: the size rebuilds the Layout)
//   allocate        allocate(size) -> ptr / deallocate(ptr, size)
//   cabi_realloc    cabi_realloc(old, oldSize, align, newSize) -> ptr (component model; no free)

import type { AllocatorConvention, AllocatorFunction, AllocatorInfo, FuncType } from '../../shared/dto.ts';
import { functionType, type RawModule } from './model.ts';
import { hasSignature } from './signature.ts';

interface Convention {
  convention: AllocatorConvention;
  alloc: string;
  free?: string;
  pin?: string;
  unpin?: string;
  /** The alloc export's exact type, where the name alone is too common to trust. */
  allocType?: FuncType;
}

const CONVENTIONS: Convention[] = [
  { convention: 'assemblyscript', alloc: '__new', pin: '__pin', unpin: '__unpin' },
  { convention: 'wbindgen', alloc: '__wbindgen_malloc', free: '__wbindgen_free' },
  { convention: 'malloc', alloc: 'malloc', free: 'free' },
  { convention: 'alloc', alloc: 'alloc', free: 'dealloc', allocType: { params: ['i32'], results: ['i32'] } },
  { convention: 'allocate', alloc: 'allocate', free: 'deallocate' },
  { convention: 'cabi_realloc', alloc: 'cabi_realloc' },
];

export function findAllocator(m: RawModule): AllocatorInfo | null {
  const funcs = new Map<string, AllocatorFunction>();
  for (const e of m.exports) {
    if (e.kind !== 'func') continue;
    const type = functionType(m, e.index);
    if (type) funcs.set(e.name, { name: e.name, type });
  }
  for (const c of CONVENTIONS) {
    const alloc = funcs.get(c.alloc);
    if (!alloc || (c.allocType && !hasSignature(alloc.type, c.allocType.params, c.allocType.results))) continue;
    const info: AllocatorInfo = { convention: c.convention, alloc, free: (c.free && funcs.get(c.free)) || null };
    const pin = c.pin ? funcs.get(c.pin) : undefined;
    const unpin = c.unpin ? funcs.get(c.unpin) : undefined;
    if (pin) info.pin = pin;
    if (unpin) info.unpin = unpin;
    return info;
  }
  return null;
}
