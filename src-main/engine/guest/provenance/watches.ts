// Watched ranges (`watch NAME @ ADDR [LEN] [stop]`, and the session's live set, a debugger's data
// breakpoints): each keeps a copy of its bytes, so a write reported right after it happened
// yields the old and the new value. A range may lie past the end of memory (not grown yet): its
// copy starts as zeros, which is what growth brings.

import type { SourceLine, WatchHit, WriterFrame } from '../../../shared/dto.ts';
import { formatWriter } from '../../../shared/write-format.ts';
import { WatchStop } from '../../memory/write-hooks.ts';
import type { MemoryWrite, StopsToPass, WatchSpec } from '../../session-api.ts';

interface Watch {
  name: string;
  address: number;
  size: number;
  stop: boolean;
  /** On a paused call's frame (WatchSpec.frameStep): ends when a function is entered with the stack pointer above it (popped). */
  frameStep?: number;
  /** The range's bytes as of the last write seen. */
  copy: Uint8Array;
}

export interface Writer {
  function: string;
  offset: number;
  /** The writing instruction's source line (DWARF), when known. */
  source?: SourceLine;
}

/**
 * Hits kept per step; the rest are counted (StepRecord.watchHitsDropped). A watch over a buffer
 * a loop fills sees a write per store: a million hits of a 1 MiB fill made the step run past its
 * time limit and the worker hold gigabytes, for lines nobody reads. A stopping watch's hits, and
 * all hits of the write a step stops at, are always kept.
 */
export const MAX_HITS_PER_STEP = 1000;

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

export class WatchList {
  /** The sequence's `watch` statements, by name. */
  private readonly list: Watch[] = [];
  /** The session's live set, replaced as a whole (setLive); apart from the sequence's names. */
  private live: Watch[] = [];
  private hits: WatchHit[] = [];
  /** Hits past MAX_HITS_PER_STEP since the last take, counted. */
  private dropped = 0;
  /** Live watches on frames the guest popped since the last take (their names). */
  private ended: string[] = [];
  /**
   * Stopping writes of the live set let pass (recorded, not stopping) in the next step: going on
   * after a stop replays that step, and the stops already reported must not end it again.
   */
  private passes = 0;
  /** The live sets still to come in this step, each once the one before has let its stops pass; the last is the set given. */
  private ahead: StopsToPass[] = [];
  /** The debugger's writes made at the stop the live set's passes come back to: put in right after its last write passed. */
  private writesAtEnd: readonly MemoryWrite[] = [];
  /** The stop that ended the current call, for its error and stack. */
  stopped: { hit: WatchHit; site: number } | null = null;

  constructor(
    private readonly memory: () => Uint8Array,
    /**
     * Tells the rewritten guest the hull of all ranges, so only writes inside it report, and the
     * lowest byte of a watch on a frame (0xffffffff: none), so only a stack pointer above it does.
     */
    private readonly setHull: (lo: number, hi: number, frameLo: number) => void,
    /** Puts a debugger's write into memory, as its own writer (the same as a write between steps). */
    private readonly debuggerWrite: (write: MemoryWrite) => void,
    /**
     * The stack, [lowest, top): a watch on a paused call's frame there ends when its frame is
     * gone (popped); one elsewhere (a static watched at a pause) lasts the paused call. Null: none ends early.
     */
    private readonly stack: readonly [number, number] | null = null,
  ) {}

  add(name: string, address: number, size: number, stop: boolean): void {
    const watch = this.withCopy({ name, address, size, stop });
    const existing = this.list.findIndex((w) => w.name === name);
    if (existing >= 0) this.list[existing] = watch;
    else this.list.push(watch);
    this.updateHull();
  }

  /**
   * Replaces the live set (a debugger's data breakpoints); the sequence's watches stay. With
   * `passing`, the next step first runs with each of those sets in turn, letting its stops pass;
   * a set takes its copies of memory when it takes over, right after the last write passed.
   */
  setLive(specs: readonly WatchSpec[], passing: readonly StopsToPass[] = []): void {
    this.ahead = [...passing.filter((p) => p.stops > 0), { watches: specs, stops: 0 }];
    this.takeOver();
  }

  /** The next set in line becomes the live one. */
  private takeOver(): void {
    const next = this.ahead.shift()!;
    this.passes = next.stops;
    this.writesAtEnd = next.writes ?? [];
    this.live = next.watches.map((spec) => this.withCopy(spec));
    this.updateHull();
  }

  private withCopy(spec: WatchSpec): Watch {
    const copy = new Uint8Array(spec.size);
    const mem = this.memory();
    if (spec.address < mem.length) copy.set(mem.subarray(spec.address, Math.min(mem.length, spec.address + spec.size)));
    return { ...spec, copy };
  }

  /** The hull of every range; [0, 0) when nothing is watched, so no write reports. */
  private updateHull(): void {
    const all = [...this.list, ...this.live];
    const frames = this.live.filter((w) => this.inFrame(w));
    const frameLo = frames.length === 0 ? 0xffff_ffff : Math.min(...frames.map((w) => w.address));
    if (all.length === 0) return this.setHull(0, 0, frameLo);
    const lo = Math.min(...all.map((w) => w.address));
    const hi = Math.max(...all.map((w) => w.address + w.size));
    this.setHull(lo, Math.min(hi, 0xffff_ffff), frameLo);
  }

  /**
   * A function was entered with the stack pointer at `stackPointer`: the stack below it is free
   * (run-helper.ts's SP says why that holds for leaf frames too), so a watch on a frame there (a
   * paused call's local) ends: its function returned, and this call's frame may reuse the bytes.
   */
  popped(stackPointer: number): void {
    const gone = this.live.filter((w) => this.inFrame(w) && w.address < stackPointer);
    if (gone.length === 0) return;
    this.live = this.live.filter((w) => !gone.includes(w));
    this.ended.push(...gone.map((w) => w.name));
    this.updateHull();
  }

  /** Whether `w` watches a paused call's frame on the stack (WatchSpec.frameStep, inside `stack`). */
  private inFrame(w: Watch): boolean {
    return w.frameStep !== undefined && this.stack !== null && w.address >= this.stack[0] && w.address < this.stack[1];
  }

  /** The names of the live watches whose frames were popped since the last call (popped()). */
  takeEnded(): string[] {
    const out = this.ended;
    this.ended = [];
    return out;
  }

  /**
   * Bytes [address, address + length) were just written by `writer` (site `site`), in `frame`
   * when its variables are placed from one (each hit carries it, to read them).
   */
  check(site: number, address: number, length: number, writer: Writer, frame?: WriterFrame): void {
    // A memory.fill or memory.copy of 0 bytes (memcpy(p, q, 0)) still reports its start, and one
    // inside a watched range passed the overlap test below: a hit of 0 bytes, and on a stopping
    // watch a pause at a write that wrote nothing. No byte written, no hit.
    if (length <= 0) return;
    const end = address + length;
    // Every watch the write touched takes its copy and (within the limit below) its hit first: one
    // write is one stop, however many stopping watches it hit (say a struct's and one of its
    // fields'), so going on passes it once. The stop's hit is the group's last, so a stopped
    // step's last hit is its stop's.
    const touched = [...this.list, ...this.live].filter((w) => address < w.address + w.size && w.address < end);
    if (touched.length === 0) return;
    // Past the limit, a watch that does not stop only updates its copy and is counted. A stopping
    // watch's hits are always kept: going back counts the stops in them (session-replay.ts,
    // lastChange), and each of them ends the step unless it is let pass. A write that stops the
    // step keeps all its hits, whose last is the stop's.
    const stopping = !this.stopped && this.passes === 0 && touched.some((w) => w.stop);
    let room = stopping ? touched.length : MAX_HITS_PER_STEP - this.hits.length;
    const group: WatchHit[] = [];
    let stops: WatchHit | null = null;
    const mem = this.memory();
    for (const w of touched) {
      const from = Math.max(address, w.address);
      const to = Math.min(end, w.address + w.size);
      const now = mem.subarray(from, Math.min(to, mem.length));
      const hit: WatchHit | null = room-- > 0 || w.stop
        ? { name: w.name, address: from, size: to - from, value: hex(now), old: hex(w.copy.subarray(from - w.address, to - w.address)), ...writer, ...(frame ? { frame } : {}) }
        : null;
      w.copy.set(now, from - w.address);
      if (!hit) this.dropped++;
      else if (w.stop && !stops) stops = hit;
      else group.push(hit);
    }
    if (stops) group.push(stops);
    group.forEach((hit, i) => {
      if (i > 0) hit.sameWrite = true;
      this.hits.push(hit);
    });
    if (!stops || this.stopped) return;
    if (this.passes > 0) {
      // Back at the write the step paused at under this set: what the debugger wrote at that
      // pause goes in again, and the next set watches from here on (its copies taken after those writes).
      if (--this.passes === 0 && this.ahead.length > 0) {
        for (const write of this.writesAtEnd) this.debuggerWrite(write);
        this.takeOver();
      }
      return;
    }
    this.stopped = { hit: stops, site };
    const also = group.slice(0, -1).map((h) => `'${h.name}'`);
    throw new WatchStop(`watch '${stops.name}' was written by ${formatWriter(writer)}: ${stops.old} → ${stops.value} at 0x${stops.address.toString(16)}${also.length > 0 ? `; the same write hit watch ${also.join(', ')}` : ''}`);
  }

  /** The debugger wrote [address, address + length): watches take in the bytes, with no hit (not the guest's write) and no stop. */
  refresh(address: number, length: number): void {
    const mem = this.memory();
    for (const w of [...this.list, ...this.live]) {
      const from = Math.max(address, w.address);
      const to = Math.min(address + length, w.address + w.size, mem.length);
      if (from < to) w.copy.set(mem.subarray(from, to), from - w.address);
    }
  }

  /** The hits since the last call, oldest first, and how many more were counted, not kept (MAX_HITS_PER_STEP). */
  take(): { hits: WatchHit[]; dropped: number } {
    // A step that ended before its passes were used up (it diverged): the set given from now.
    if (this.ahead.length > 0) {
      this.ahead = [this.ahead.at(-1)!];
      this.takeOver();
    }
    this.passes = 0;
    const out = { hits: this.hits, dropped: this.dropped };
    this.hits = [];
    this.dropped = 0;
    return out;
  }
}
