// A sequence's `allocator ALLOC [FREE]` line: the module's allocator named by hand, for a module
// whose exports follow no convention Memscope knows. Everything past the sequence's checks
// (the executor, the heap ledger, exported hosts) sees it as the module's allocator.

import type { ModuleInfo } from '../../shared/dto.ts';
import { declaredAllocator } from '../module/allocator.ts';
import type { Directive, Span } from './ast.ts';

type AllocatorDirective = Extract<Directive, { kind: 'allocator' }>;

/** What is wrong with an `allocator` line, and where: at the name it is about. */
export interface AllocatorLineProblem {
  message: string;
  directive: AllocatorDirective;
  span: Span;
}

/**
 * The module's info as the sequence sees it: with the allocator its (first) `allocator` line
 * names in place of the detected one; or, when that line does not fit the module, the info as
 * it was and the problem, which the sequence's validation reports (and the sequence does not run).
 */
export function withDeclaredAllocator(info: ModuleInfo, directives: readonly Directive[]): { info: ModuleInfo; problem?: AllocatorLineProblem } {
  const d = directives.find((x): x is AllocatorDirective => x.kind === 'allocator');
  if (!d) return { info };
  const resolved = declaredAllocator(info.exports, d.alloc, d.free);
  if (resolved.ok) return { info: { ...info, allocator: resolved.value } };
  return { info, problem: { message: resolved.message, directive: d, span: resolved.which === 'free' && d.freeSpan ? d.freeSpan : d.allocSpan } };
}
