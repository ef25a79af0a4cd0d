// Runs the walker the module's facts name over a memory image: one entry point for the worker,
// the CLI and the tests. A module without a known allocator gets a not-recognised walk.

import { C_STATE, emptyWalk, RUST_STATE, walkDlmalloc } from './dlmalloc.ts';
import { walkEmmalloc } from './emmalloc.ts';
import { walkTinygo } from './tinygo.ts';
import { walkTlsf } from './tlsf.ts';
import type { HeapFacts, HeapWalk } from './types.ts';

export function walkHeap(bytes: Uint8Array, facts: HeapFacts, hint?: number): HeapWalk {
  switch (facts.walker) {
    case 'dlmalloc':
      return walkDlmalloc(bytes, facts, facts.allocator?.includes('Rust dlmalloc') ? RUST_STATE : C_STATE, hint);
    case 'emmalloc':
      return walkEmmalloc(bytes, facts);
    case 'tlsf':
      return walkTlsf(bytes, facts);
    case 'tinygo':
      return walkTinygo(bytes, facts, hint);
    case null:
      return { ...emptyWalk(), walker: null, status: 'not-recognised', reason: facts.reason ?? 'no heap walker for this module' };
  }
}
