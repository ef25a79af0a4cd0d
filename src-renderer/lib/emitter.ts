// A tiny typed event emitter for the contract's events; every subscription returns its undo.

import type { EventName, Events } from '../../src-main/shared/contract.ts';

export class Emitter {
  private listeners = new Map<EventName, Set<(payload: never) => void>>();

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit(event: EventName, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: unknown) => void)(payload);
  }
}
