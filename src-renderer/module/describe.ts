// Plain-words descriptions for the module panel: memory limits in pages and bytes, non-function
// exports and imports (the engine's compact "2.. pages" / "funcref 1..1" forms), the allocator.

import type { AllocatorInfo, MemoryInfo } from '../../src-main/shared/dto.ts';
import { formatSize } from '../memory/address.ts';

const PAGE = 65536;

function pageCount(n: number): string {
  return `${n} page${n === 1 ? '' : 's'} (${formatSize(n * PAGE)})`;
}

/** "2 pages (128 KiB), no max" or "2 pages (128 KiB), max 16 pages (1 MiB)", plus flags. */
export function describeMemoryLimits(m: Pick<MemoryInfo, 'min' | 'max' | 'shared' | 'memory64'>): string {
  const max = m.max === null ? 'no max' : `max ${pageCount(m.max)}`;
  return `${pageCount(m.min)}, ${max}${m.shared ? ', shared' : ''}${m.memory64 ? ', 64-bit' : ''}`;
}

/**
 * The engine's type text of a memory, table or global, in words:
 * "2..16 pages, shared" → "2 pages (128 KiB), max 16 pages (1 MiB), shared";
 * "funcref 1..1" → "funcref, 1 entry, max 1"; "mut i32" → "mutable i32". Unknown forms pass through.
 */
export function describeEntity(kind: string, type: string): string {
  if (kind === 'memory') {
    const m = /^(\d+)\.\.(\d*) pages(.*)$/.exec(type);
    if (!m) return type;
    const flags = m[3];
    return describeMemoryLimits({
      min: Number(m[1]), max: m[2] === '' ? null : Number(m[2]),
      shared: flags.includes('shared'), memory64: flags.includes('64-bit'),
    });
  }
  if (kind === 'table') {
    const m = /^(\S+) (\d+)\.\.(\d*)$/.exec(type);
    if (!m) return type;
    const min = Number(m[2]);
    return `${m[1]}, ${min} entr${min === 1 ? 'y' : 'ies'}, ${m[3] === '' ? 'no max' : `max ${m[3]}`}`;
  }
  if (kind === 'global') return type.startsWith('mut ') ? `mutable ${type.slice(4)}` : `const ${type}`;
  return type;
}

/** "malloc / free", or "__new (no free)" when the module frees nothing. */
export function allocatorLabel(a: Pick<AllocatorInfo, 'alloc' | 'free'>): string {
  return a.free ? `${a.alloc.name} / ${a.free.name}` : `${a.alloc.name} (no free)`;
}
