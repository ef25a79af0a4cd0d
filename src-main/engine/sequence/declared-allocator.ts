// A sequence's `allocator ALLOC [FREE]` line: the module's allocator named by hand, for a module
// whose exports follow no convention Memscope knows. Everything past the sequence's checks
// (the executor, the heap ledger, exported hosts) sees it as the module's allocator.

import type { ModuleInfo } from '../../shared/dto.ts';
import { declaredAllocator } from '../module/allocator.ts';
import type { Directive } from './ast.ts';

type AllocatorDirective = Extract<Directive, { kind: 'allocator' }>;

/**
 * The module's info as the sequence sees it: with the allocator its `allocator` line names in
 * place of the detected one. A line that does not fit the module changes nothing here (the
 * sequence's validation reports it, and the sequence does not run).
 */
export function withDeclaredAllocator(info: ModuleInfo, directives: readonly Directive[]): ModuleInfo {
  const d = directives.find((x): x is AllocatorDirective => x.kind === 'allocator');
  if (!d) return info;
  const resolved = declaredAllocator(info.exports, d.alloc, d.free);
  return resolved.ok ? { ...info, allocator: resolved.value } : info;
}
