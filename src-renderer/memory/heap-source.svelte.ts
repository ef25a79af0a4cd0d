// The heap now (map, live blocks, tints) for the memory view: what the last step's event brought,
// else asked for while the session is idle, kept only if no newer step came in meanwhile.
//
// The requests that change the session bring the heap in their events (steps, runs, opens,
// Reset, Shift+F10, edits); asking is for a change whose event did not (another page's request,
// a page loaded mid-session). One request at a time: when a change came as two or three events
// in quick succession, a request for each queued as many heap walks in the guest's worker, each
// behind the one before and all before the next F10's step (~25 ms a walk there under load). A
// change while a request is out asks once more when it returns, for the state then.

import { untrack } from 'svelte';
import type { HeapSummary, Result } from '../../src-main/shared/dto.ts';
import type { SessionStore } from '../lib/session-store.svelte.ts';

export class HeapSource {
  summary = $state.raw<HeapSummary | null>(null);
  /** Why there is no heap (no walker for this allocator, a corrupt heap), as the engine says it. */
  unavailable = $state<string | null>(null);
  private asking = false;
  private askAgain = false;

  /** Create during component setup: it runs an effect for the component's lifetime. */
  constructor(private readonly sessionOf: () => SessionStore) {
    $effect(() => {
      // What the heap depends on; the work itself is untracked.
      keyOf(sessionOf());
      void sessionOf().last?.heap;
      untrack(() => void this.refresh());
    });
  }

  private take(r: Result<HeapSummary>): void {
    this.summary = r.ok ? r.value : null;
    this.unavailable = r.ok ? null : r.error.message;
  }

  private async refresh(): Promise<void> {
    const session = this.sessionOf();
    if (!session.view || session.state === 'running') return;
    const carried = session.last?.heap;
    if (carried) return this.take(carried);
    if (this.asking) {
      this.askAgain = true;
      return;
    }
    this.asking = true;
    const k = keyOf(session);
    try {
      const r = await session.client.request('heap', {});
      if (k === keyOf(this.sessionOf())) this.take(r);
    } finally {
      this.asking = false;
    }
    if (this.askAgain) {
      this.askAgain = false;
      await this.refresh();
    }
  }
}

/** Changes whenever the heap may have: another session, step, memory or state. */
function keyOf(session: SessionStore): string {
  return `${session.view?.id}:${session.nextStep}:${session.memory.version}:${session.state}`;
}
