// The one typed event emitter (engine session, renderer client): every subscription returns
// its undo. A listener that throws is its owner's bug and never breaks the emitter's owner.

type Disposable = () => void;

export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): Disposable {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (payload: Events[E]) => void)(payload);
      } catch {
        // Deliberately ignored: see the file comment.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
