// Plain-words descriptions for the module panel: memory limits in pages and bytes, non-function
// exports and imports (from their structured types), the allocator.

import { WASM_PAGE, type AllocatorInfo, type ExternType, type MemoryImageInfo, type MemoryInfo } from '../../src-main/shared/dto.ts';
import { formatExternType } from '../../src-main/shared/type-format.ts';
import { formatSize } from '../../src-main/shared/byte-size.ts';
import { count } from '../../src-main/shared/count.ts';


function pageCount(n: number): string {
  return `${count(n, 'page')} (${formatSize(n * WASM_PAGE)})`;
}

/** "2 pages (128 KiB), no max" or "2 pages (128 KiB), max 16 pages (1 MiB)", plus flags. */
export function describeMemoryLimits(m: Pick<MemoryInfo, 'min' | 'max' | 'shared' | 'memory64'>): string {
  const max = m.max === null ? 'no max' : `max ${pageCount(m.max)}`;
  return `${pageCount(m.min)}, ${max}${m.shared ? ', shared' : ''}${m.memory64 ? ', 64-bit' : ''}`;
}

/**
 * A memory, table or global import or export in words: "2 pages (128 KiB), max 16 pages (1 MiB),
 * shared"; "funcref, 1 entry, max 1"; "mutable i32". Functions and tags: their signature.
 */
export function describeEntity(e: ExternType): string {
  switch (e.kind) {
    case 'memory':
      return describeMemoryLimits(e.type);
    case 'table': {
      const { element, min, max } = e.type;
      return `${element}, ${min} entr${min === 1 ? 'y' : 'ies'}, ${max === null ? 'no max' : `max ${max}`}`;
    }
    case 'global':
      return `${e.type.mutable ? 'mutable' : 'const'} ${e.type.type}`;
    default:
      return formatExternType(e);
  }
}

/** "malloc / free", or "__new (no free)" when the module frees nothing. */
export function allocatorLabel(a: Pick<AllocatorInfo, 'alloc' | 'free'>): string {
  return a.free ? `${a.alloc.name} / ${a.free.name}` : `${a.alloc.name} (no free)`;
}

/**
 * What the Module panel says of a memory image opened without its module: the image holds none
 * of the module's code, so no kind, toolchain, export or function count of it is known. The panel
 * showed the coredump file's own numbers ("kind library · 144 B · 0 functions") under the dumped
 * module's name, and a snapshot's or a raw dump's blank ones ("0 B · 0 functions").
 */
export function unknownModuleText(image: Pick<MemoryImageInfo, 'kind' | 'fileName'>, moduleName: string): string {
  // A raw dump, or a coredump that lists no module, is "named" by its own file name: no module's.
  const named = moduleName !== '' && moduleName !== image.fileName;
  const what = { coredump: 'The coredump', snapshot: 'The snapshot', raw: 'A raw memory dump' }[image.kind];
  const holds = named ? `${what} names ${moduleName} but holds none of its code` : `${what} names no module and holds none of its code`;
  return `${holds}: its kind, toolchain, allocator, imports and exports are known only with the module.`;
}
