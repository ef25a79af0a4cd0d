// The named spans of memory a sequence created or touched, with ids stable for the session.
//
// Every read and write step asks which live regions it touches, so lookups go over the live
// regions only (freed ones stay in the full list for the UI but are never searched again), and
// live alloc regions are indexed by start address for free(). Both keep creation order, which
// is the order events are reported in.

import type { Region, RegionAction, RegionEvent, RegionKind } from '../../shared/dto.ts';
import { mapWithout } from '../map-without.ts';

export class RegionTracker {
  private readonly list: Region[] = [];
  /** The regions not freed, in creation order. */
  private readonly live: Region[] = [];
  /** Live alloc regions by start address, in creation order. */
  private allocs = new Map<number, Region[]>();
  private nextId = 1;

  /** Copies, so callers can hand them across a thread boundary. */
  all(): Region[] {
    return this.list.map((r) => ({ ...r }));
  }

  create(step: number, name: string, kind: RegionKind, start: number, size: number, type?: string): RegionEvent {
    const r: Region = { id: this.nextId++, name, kind, start, size, freed: false, createdStep: step };
    if (type !== undefined) r.type = type;
    this.list.push(r);
    this.live.push(r);
    if (kind === 'alloc') {
      const at = this.allocs.get(start);
      if (at) at.push(r);
      else this.allocs.set(start, [r]);
    }
    return { region: r.id, action: 'created' };
  }

  /**
   * Copies of the regions `events` created or freed, each once, in event order: all that
   * changed, so a step need not copy every region. Ids are 1, 2, 3… in creation order.
   */
  changedBy(events: readonly RegionEvent[]): Region[] {
    const out: Region[] = [];
    for (const e of events) {
      if (e.action !== 'created' && e.action !== 'freed') continue;
      const r = this.list[e.region - 1];
      if (r && !out.some((o) => o.id === r.id)) out.push({ ...r });
    }
    return out;
  }

  /** The live alloc region starting at `ptr`, if any. */
  liveAllocAt(ptr: number): Region | undefined {
    return this.allocs.get(ptr)?.[0];
  }

  /**
   * The alloc region freed last that started at `ptr`: a forced double free (`free!(p)`) frees
   * with the size that block was allocated with, as the host bug it repeats would. Searches the
   * full list, so only for that rare step.
   */
  freedAllocAt(ptr: number): Region | undefined {
    return this.list.findLast((r) => r.kind === 'alloc' && r.freed && r.start === ptr);
  }

  /**
   * A free of the block at `ptr` ends every live region inside the block: the alloc region that
   * starts there and the struct/text/bytes/write regions read or written within it, so later
   * writes to reused memory are not reported against them. The block's extent is the alloc
   * region's size, else `size` when the free function was told it (dealloc(ptr, len)), else
   * unknown: then only the regions starting at `ptr` end (a guest-allocated string read there).
   */
  free(ptr: number, step: number, size?: number): RegionEvent[] {
    const at = this.allocs.get(ptr);
    const alloc = at?.[0];
    const end = ptr + Math.max(alloc?.size ?? size ?? 0, 1);
    // Loops, not filter and map with closures: this runs at every free the sequence makes.
    const ended: Region[] = [];
    for (const r of this.live) {
      if ((r === alloc || r.kind !== 'alloc') && (r.start === ptr || (r.start >= ptr && r.start + Math.max(r.size, 1) <= end))) ended.push(r);
    }
    if (at && alloc) {
      if (at.length === 1) this.allocs = mapWithout(this.allocs, ptr);
      else at.shift();
    }
    const events: RegionEvent[] = [];
    for (const r of ended) {
      r.freed = true;
      r.freedStep = step;
      this.live.splice(this.live.indexOf(r), 1);
      events.push({ region: r.id, action: 'freed' });
    }
    return events;
  }

  /** A live region of this kind covering exactly [start, start + size). */
  same(kind: RegionKind, start: number, size: number): Region | undefined {
    for (const r of this.live) if (r.kind === kind && r.start === start && r.size === size) return r;
    return undefined;
  }

  /** Events for every live region overlapping [start, start + size). */
  touch(start: number, size: number, action: RegionAction): RegionEvent[] {
    const end = start + Math.max(size, 1);
    const out: RegionEvent[] = [];
    for (const r of this.live) {
      if (r.start < end && start < r.start + Math.max(r.size, 1)) out.push({ region: r.id, action });
    }
    return out;
  }
}
