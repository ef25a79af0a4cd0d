// The heap now (map, live blocks, tints) for the memory view: what the last step's event brought,
// else asked for while the session is idle, kept only if no newer step came in meanwhile.

import { untrack } from 'svelte';
import type { HeapSummary, Result } from '../../src-main/shared/dto.ts';
import type { SessionStore } from '../lib/session-store.svelte.ts';

export class HeapSource {
  summary = $state.raw<HeapSummary | null>(null);
  /** Why there is no heap (no walker for this allocator, a corrupt heap), as the engine says it. */
  unavailable = $state<string | null>(null);

  /** Create during component setup: it runs an effect for the component's lifetime. */
  constructor(sessionOf: () => SessionStore) {
    const keyOf = () => {
      const session = sessionOf();
      return `${session.view?.id}:${session.nextStep}:${session.memory.version}:${session.state}`;
    };
    $effect(() => {
      const session = sessionOf();
      const k = keyOf();
      if (!session.view || session.state === 'running') return;
      const take = (r: Result<HeapSummary>) => {
        this.summary = r.ok ? r.value : null;
        this.unavailable = r.ok ? null : r.error.message;
      };
      const carried = session.last?.heap;
      if (carried) return take(carried);
      untrack(async () => {
        const r = await session.client.request('heap', {});
        if (k === keyOf()) take(r);
      });
    });
  }
}
