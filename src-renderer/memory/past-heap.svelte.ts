// The heap as it was right after the earlier step the memory view shows (picked in the call
// log), when the session kept that step's walk (the steps stepped with the heap shown); null
// for a step walked in no turn (a run's), where the panel lists the heap now and says so.
// The session owns the walks (StepHeaps), so every page and a reload see the same; asking walks
// nothing.

import { untrack } from 'svelte';
import type { HeapSummary } from '../../src-main/shared/dto.ts';
import type { SessionStore } from '../lib/session-store.svelte.ts';

export class PastHeap {
  /** The shown step's heap, or null: live memory shown, or the step was not walked. */
  summary = $state.raw<HeapSummary | null>(null);

  /** Create during component setup: it runs an effect for the component's lifetime. */
  constructor(private readonly sessionOf: () => SessionStore) {
    $effect(() => {
      const k = keyOf(sessionOf());
      untrack(() => void this.refresh(k));
    });
  }

  private async refresh(k: string): Promise<void> {
    const session = this.sessionOf();
    const step = session.viewStep;
    this.summary = null;
    if (step === null || !session.view) return;
    const r = await session.client.request('heap', { step });
    if (k === keyOf(this.sessionOf())) this.summary = r.ok ? r.value : null;
  }
}

/** Changes whenever the shown step's kept heap may have: another session or step shown, a new run. */
function keyOf(session: SessionStore): string {
  return `${session.view?.id}:${session.viewStep}:${session.nextStep}:${session.state}`;
}
