// The named spans of memory a sequence created or touched, with ids stable for the session.

import type { Region, RegionAction, RegionEvent, RegionKind } from '../../shared/dto.ts';

export class RegionTracker {
  private readonly list: Region[] = [];
  private nextId = 1;

  /** Copies, so callers can hand them across a thread boundary. */
  all(): Region[] {
    return this.list.map((r) => ({ ...r }));
  }

  create(step: number, name: string, kind: RegionKind, start: number, size: number, type?: string): RegionEvent {
    const r: Region = { id: this.nextId++, name, kind, start, size, freed: false, createdStep: step };
    if (type !== undefined) r.type = type;
    this.list.push(r);
    return { region: r.id, action: 'created' };
  }

  /** The live alloc region starting at `ptr`, if any. */
  liveAllocAt(ptr: number): Region | undefined {
    return this.list.find((r) => r.kind === 'alloc' && !r.freed && r.start === ptr);
  }

  /** Marks the live alloc region at `ptr` freed. */
  free(ptr: number, step: number): RegionEvent | null {
    const r = this.liveAllocAt(ptr);
    if (!r) return null;
    r.freed = true;
    r.freedStep = step;
    return { region: r.id, action: 'freed' };
  }

  /** A live region of this kind covering exactly [start, start + size). */
  same(kind: RegionKind, start: number, size: number): Region | undefined {
    return this.list.find((r) => !r.freed && r.kind === kind && r.start === start && r.size === size);
  }

  /** Events for every live region overlapping [start, start + size). */
  touch(start: number, size: number, action: RegionAction): RegionEvent[] {
    const end = start + Math.max(size, 1);
    return this.list
      .filter((r) => !r.freed && r.start < end && start < r.start + Math.max(r.size, 1))
      .map((r) => ({ region: r.id, action }));
  }
}
