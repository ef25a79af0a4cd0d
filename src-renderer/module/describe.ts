// Plain-words descriptions for the module panel: memory limits in pages and bytes, non-function
// exports and imports (from their structured types), the allocator.

import { WASM_PAGE, type AllocatorInfo, type ExternType, type MemoryInfo } from '../../src-main/shared/dto.ts';
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
