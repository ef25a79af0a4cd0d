// The memory container's one source of bytes (issue 7): holds the window and page map a step
// event brought, serves the visible page from them, and asks the server at most once when the
// page leaves what it holds (scroll, goto, an earlier step shown). Step requests carry the span
// it wants back (`wanted`), so after a step the grid redraws without a round trip, also when it
// moves to the step's change elsewhere (the event's `near` bytes).

import type { Client, MemorySpan, MemoryWindow, SessionDelta } from '../../src-main/shared/contract.ts';
import type { MemscopeError, Result } from '../../src-main/shared/dto.ts';
import { chunkCovers, chunkToFetch, type HeldChunk } from './memory-window.ts';

/** What the tools (search, copy, diff) read through: memory now, or after `step`. */
export interface MemoryReader {
  read(address: number, length: number, step?: number | null): Promise<Result<MemoryWindow>>;
}

/** The least a step brings back: small enough to cost nothing, wide enough for a few scrolls. */
const STEP_WINDOW = 4096;
/** What a scroll away from the held bytes asks for, so the next scrolls stay inside it. */
const SCROLL_WINDOW = 16 * 1024;

export class MemorySource implements MemoryReader {
  /** The bytes we hold (separate from the rows the grid shows). */
  chunk = $state.raw<HeldChunk | null>(null);
  /** One byte per 64 KiB page (see the contract's pageMap), for the memory `key` names. */
  pages = $state.raw<Uint8Array | null>(null);
  /** Bumped whenever live memory may differ from what is held; part of every key. */
  version = $state(0);
  /** The session's nextStep when the held bytes were read: which step's memory the grid shows. */
  heldStep = $state(-1);

  private chunkKey = '';
  /** Bytes a step brought from where the grid is about to move (`near`), until the grid goes there. */
  private near: { key: string; chunk: HeldChunk } | null = null;
  private pagesKey = '';
  private inflight: { key: string; address: number; length: number } | null = null;
  private pagesInflight = '';
  /**
   * The live span the grid showed last, with memory's size then, and where it would start if
   * memory reached its place (`aim`: past the end after a Reset shrank memory under the grid).
   */
  private live: { start: number; end: number; size: number; aim: number } | null = null;

  constructor(private readonly client: Client, private readonly onError: (e: MemscopeError) => void) {}

  /** Names the memory the grid shows: this version of live memory, or an earlier step's. */
  key(step: number | null): string {
    return `${this.version}:${step ?? 'live'}`;
  }

  /**
   * The span a step request asks to get back with its event: the live page the grid shows, or
   * its place past the end of memory, which the server answers with memory's end until a step
   * grows memory that far (then the grid goes back there with no request of its own).
   */
  get wanted(): MemorySpan | undefined {
    if (!this.live) return undefined;
    const { start, end, size, aim } = this.live;
    if (aim >= size) return chunkToFetch(aim, aim + Math.max(end - start, 1), 2 ** 32, STEP_WINDOW);
    return chunkToFetch(start, end, size, STEP_WINDOW);
  }

  /**
   * The span an open asks to get back with its event: a grid shown keeps its place across an
   * open (clamped to the new memory, which the server does too), a new one starts at memory's
   * start.
   */
  get wantedOnOpen(): MemorySpan {
    return this.wanted ?? { address: 0, length: STEP_WINDOW };
  }

  /**
   * The session's state changed (a step event, a delta, a new view): live memory may differ
   * when `changed`; the bytes and page map the delta carries are live memory as of it.
   */
  update(delta: Pick<SessionDelta, 'nextStep' | 'window' | 'near' | 'pages'>, changed: boolean): void {
    if (changed) this.version++;
    const key = this.key(null);
    this.near = delta.near ? { key, chunk: { ...delta.near, step: null } } : null;
    if (delta.window) {
      this.chunk = { ...delta.window, step: null };
      this.chunkKey = key;
      this.heldStep = delta.nextStep;
      this.inflight = null;
    }
    if (delta.pages) {
      this.pages = delta.pages;
      this.pagesKey = key;
      this.pagesInflight = '';
    }
  }

  /**
   * The grid shows [start, end) of memory after `step` (null: live), of `size` bytes; its own
   * place starts at `aim` (start, unless memory ends before it). Asks for a window only when the
   * held one is not that memory or does not cover the page.
   */
  async show(step: number | null, start: number, end: number, size: number, nextStep: number, aim = start): Promise<void> {
    if (step === null) this.live = { start, end, size, aim };
    if (size === 0) return;
    const key = this.key(step);
    // What the grid shows now is held: a read still on its way was for a place the grid has left,
    // and its answer must not replace the bytes shown (the grid drew dots until the next scroll).
    if (this.chunkKey === key && chunkCovers(this.chunk, start, end, size)) {
      this.inflight = null;
      return;
    }
    const near = this.near;
    if (near?.key === key && chunkCovers(near.chunk, start, end, size)) {
      this.near = null;
      this.chunk = near.chunk;
      this.chunkKey = key;
      this.heldStep = nextStep;
      this.inflight = null;
      return;
    }
    const f = this.inflight;
    if (f && f.key === key && start >= f.address && Math.min(end, size) <= f.address + f.length) return;
    // Memory changed under a page we hold: fetch just around the visible rows (small and fast,
    // so the change shows at once); scrolling away later fetches a larger window.
    const refresh = this.chunkKey !== key && chunkCovers(this.chunk, start, end, size);
    const want = chunkToFetch(start, end, size, refresh ? STEP_WINDOW : SCROLL_WINDOW);
    this.inflight = { key, ...want };
    const r = await this.read(want.address, want.length, step);
    if (this.inflight?.key !== key || this.inflight.address !== want.address) return;
    this.inflight = null;
    if (!r.ok) return this.onError(r.error);
    this.chunk = { ...r.value, step };
    this.chunkKey = key;
    this.heldStep = nextStep;
  }

  /** The page map for memory after `step` (null: live), asked for when not held. */
  async loadPages(step: number | null): Promise<void> {
    const key = this.key(step);
    if (this.pagesKey === key || this.pagesInflight === key) return;
    this.pagesInflight = key;
    const r = await this.client.request('pageMap', step !== null ? { step } : {});
    if (this.pagesInflight !== key) return;
    this.pagesInflight = '';
    if (r.ok) {
      this.pages = r.value;
      this.pagesKey = key;
    }
  }

  /** Bytes the held window may not have (the inspector, search, copy, diff). */
  read(address: number, length: number, step: number | null = null): Promise<Result<MemoryWindow>> {
    return this.client.request('readMemory', { address, length, ...(step !== null ? { step } : {}) });
  }

  /** The memory view was closed: no grid shows live memory until the next one says where. */
  gridClosed(): void {
    this.live = null;
  }

  /** A new session: nothing held belongs to it. */
  clear(): void {
    this.version++;
    this.chunk = null;
    this.pages = null;
    this.chunkKey = this.pagesKey = this.pagesInflight = '';
    this.inflight = null;
    this.near = null;
    this.live = null;
  }
}
