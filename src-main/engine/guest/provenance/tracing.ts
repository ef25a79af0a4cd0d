// Write tracing for one guest instance (worker side): instruments the module, wires the
// rewritten guest and the host's writes to one ordered log, and turns each step's log into the
// writers of the bytes that step changed, plus watch hits.
//
// Writer ids: 1..S are the guest's write instructions (sites), S+1… the host writers (`host`,
// `wasi:fd_read`, …) in the order first seen. Id 0: nobody (never written while tracing).

import type { GuestFrame, MemscopeError, WatchHit, WriteRecord } from '../../../shared/dto.ts';
import { asHostWriter, DEBUGGER_WRITER, noteHostWrite, setHostWriteHook } from '../../memory/write-hooks.ts';
import { guestFrames } from '../trap.ts';
import { placeFrames, type SourceAt } from '../source-lines.ts';
import { formatWriter } from '../../../shared/write-format.ts';
// Names and types only: instrument.ts loads Binaryen, which a worker needs only to prepare a module.
import type { PreparedTracing, SiteTable } from './instrument.ts';
import { createRecorder, type Recorder } from './recorder.ts';
import { OriginalOffsets } from './original-offsets.ts';

// Must match run-helper.ts (kept here so this file does not load Binaryen).
const HOOKS_MODULE = 'memscope';
const HOOKS_NAME = 'hooks';
const FLUSH_EXPORT = '__memscope_flush';
const WATCH_LO = '__memscope_wlo';
const WATCH_HI = '__memscope_whi';
const FRAME_LO = '__memscope_flo';
import { WatchList, type Writer } from './watches.ts';
import { WriterMap } from './writer-map.ts';

/** Write records kept per step; the rest are counted in writesDropped. */
export const MAX_WRITES_PER_STEP = 10_000;

export interface StepWrites {
  writes: WriteRecord[];
  writesDropped: number;
  watchHits: WatchHit[];
  /** Watch hits past the per-step limit (watches.ts), counted. */
  watchHitsDropped: number;
  /** The live watches on a frame the guest popped in this step (StepRecord.watchesEnded). */
  watchesEnded: string[];
  /** The memory.grow of this step, as `function+0xoffset`, if the guest grew memory. */
  grewBy?: string;
}

export class WriteTracing {
  private readonly writers = new WriterMap();
  private readonly hostIds = new Map<string, number>();
  private readonly hostNames: string[] = [];
  private readonly recorder: Recorder;
  private flushGuest: () => void = () => {};
  private grewAt: number | null = null;
  private memory: WebAssembly.Memory | null = null;
  readonly watches: WatchList;

  private readonly sites: SiteTable;
  /** Function index of the first function the rewrite added (`$__ms_w`): the module's function count. */
  private readonly helperIndex: number;
  /** Where a frame of the rewritten module is in the user's. */
  private readonly original: OriginalOffsets;

  constructor(
    /** What Binaryen made of the module; the session keeps it for its next workers. */
    readonly prepared: PreparedTracing,
    private readonly names: Record<number, string>,
    /**
     * The user's module: its bytes (what frames are placed in), its function counts, and its
     * stack, [lowest, top) (heap-facts.ts; null: not known), where watches on frames can end.
     */
    user: { bytes: Uint8Array; importedFunctions: number; functionCount: number; stack?: readonly [number, number] | null },
    /** The source line of a byte of the user's module (DWARF), for each writer and a stop's frames. */
    private readonly sourceAt: SourceAt = () => null,
  ) {
    this.sites = prepared.sites;
    this.helperIndex = user.importedFunctions + user.functionCount;
    this.original = new OriginalOffsets(prepared.bytes, user.bytes, user.importedFunctions);
    this.recorder = createRecorder(prepared.recorder, {
      full: () => this.drain(),
      watch: (site, address, length, frameBase) => this.watches.check(site, address, length, this.writer(site),
        frameBase === -1 ? undefined : { funcIndex: this.sites.func[site]!, base: frameBase, at: this.sites.at[site]! }),
      grew: (site, oldPages) => { if (oldPages !== -1) this.grewAt = site; },
      popped: (stackPointer) => this.watches.popped(stackPointer),
    });
    let hull: [WebAssembly.Global, WebAssembly.Global, WebAssembly.Global | null] | null = null;
    this.watches = new WatchList(
      () => (this.memory ? new Uint8Array(this.memory.buffer) : new Uint8Array(0)),
      (lo, hi, frameLo) => {
        hull ??= this.hullGlobals();
        if (hull) { hull[0].value = lo | 0; hull[1].value = hi | 0; }
        if (hull?.[2]) hull[2].value = frameLo | 0;
      },
      ({ address, bytes }) => {
        if (!this.memory) return;
        new Uint8Array(this.memory.buffer).set(bytes, address);
        asHostWriter(DEBUGGER_WRITER, () => noteHostWrite(this.memory!, address, bytes.length));
      },
      user.stack ?? null,
    );
  }

  private exports: WebAssembly.Exports | null = null;

  /** The rewritten module's extra import: the hook table, filled with the recorder's functions. */
  imports(): WebAssembly.Imports {
    const hooks = this.recorder.hooks.length;
    const table = new WebAssembly.Table({ element: 'anyfunc', initial: hooks, maximum: hooks });
    this.recorder.hooks.forEach((fn, i) => table.set(i, fn as never));
    return { [HOOKS_MODULE]: { [HOOKS_NAME]: table } };
  }

  /** Connects the instance's flush export and memory; host writes are traced from here on. */
  attach(instance: WebAssembly.Instance, memory: WebAssembly.Memory | null): void {
    const e = instance.exports;
    this.exports = e;
    this.flushGuest = e[FLUSH_EXPORT] as () => void;
    this.memory = memory;
    if (memory) {
      setHostWriteHook(memory, (address, length, writer) => {
        this.flushGuest();
        const id = this.hostId(writer);
        this.recorder.append(id, address, address + length);
        if (writer === DEBUGGER_WRITER) this.watches.refresh(address, length);
        else this.watches.check(id, address, length, { function: writer, offset: 0 });
      });
    }
  }

  /** Starts a new log: what was written before (instantiation, `_initialize`) is forgotten. */
  reset(): void {
    this.flushGuest();
    this.recorder.pos.value = 0;
    this.writers.clear();
    this.grewAt = null;
  }

  /**
   * The writers of `changed` (a step's changed ranges) and the watch hits; starts the next step's
   * log. `coarse`: the ranges are runs of changed 4 KiB blocks (StepRecord.changesCoarse), whose
   * bytes no write touched did not change, and have no writer (not `unknown`). Known gap: the
   * bytes a write touched there are kept whether or not they changed (nor are a merged run's
   * gaps told apart), so a coarse step's writers can sum to more than its changedBytes (go-hello:
   * 20,892 B of writers for 5,261 changed). The old bytes are gone by the time this runs (the
   * change tracker's shadow took the new ones): telling them apart needs the tracker's exact
   * ranges, which it stops collecting past MAX_EXACT_RANGES.
   */
  takeStep(changed: readonly [number, number][], coarse = false): StepWrites {
    this.flushGuest();
    this.drain();
    const { runs, dropped } = this.writers.runs(changed, MAX_WRITES_PER_STEP);
    const writes = (coarse ? runs.filter((run) => run[2] !== 0) : runs).map(([start, end, id]) => ({ start, end, ...this.writer(id) }));
    this.writers.clear();
    const hits = this.watches.take();
    const out: StepWrites = { writes, writesDropped: dropped, watchHits: hits.hits, watchHitsDropped: hits.dropped, watchesEnded: this.watches.takeEnded() };
    if (this.grewAt !== null) {
      const w = this.writer(this.grewAt);
      out.grewBy = formatWriter(w);
      this.grewAt = null;
    }
    return out;
  }

  /** The error for a call a `watch … stop` ended, with the guest stack named; null otherwise. */
  stopError(thrown: unknown): MemscopeError | null {
    const stopped = this.watches.stopped;
    if (!stopped) return null;
    this.watches.stopped = null;
    const stack = placeFrames(this.frames(thrown instanceof Error ? thrown.stack : undefined, stopped.site), this.sourceAt);
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return { code: 'watchpoint', message, ...(stack.length ? { stack } : {}) };
  }

  /**
   * Guest frames of a stack from the rewritten module, placed in the user's: the recorder's and
   * the rewrite's own frames dropped; the writer's offset from its site (`site` 0: no writer, a
   * trap), each other frame's from its instruction (original-offsets.ts), dropped where that
   * cannot be told.
   */
  frames(stack: string | undefined, site = 0): GuestFrame[] {
    let frames = guestFrames(stack, this.names);
    const helper = frames.findIndex((f) => f.funcIndex === this.helperIndex);
    if (helper >= 0) frames = frames.slice(helper + 1);
    frames = frames.filter((f) => f.funcIndex !== null && f.funcIndex < this.helperIndex);
    // The writer's frame is placed by its site, without reading its body for the instruction.
    const bySite = site > 0 && site < this.sites.func.length && frames[0]?.funcIndex === this.sites.func[site];
    return frames.map(({ offset, ...f }, i) => {
      if (i === 0 && bySite) return { ...f, offset: this.sites.at[site]! };
      const at = offset === undefined ? null : this.original.of(f.funcIndex!, offset);
      return at === null ? f : { ...f, offset: at };
    });
  }

  private writer(id: number): Writer {
    if (id > 0 && id < this.sites.func.length) {
      const func = this.sites.func[id]!;
      const source = this.sourceAt(this.sites.at[id]!);
      return { function: this.names[func] ?? `func[${func}]`, offset: Math.max(0, this.sites.offset[id]!), ...(source ? { source } : {}) };
    }
    const host = this.hostNames[id - this.sites.func.length];
    return { function: host ?? 'unknown', offset: 0 };
  }

  private hostId(name: string): number {
    let id = this.hostIds.get(name);
    if (id === undefined) {
      id = this.sites.func.length + this.hostNames.length;
      this.hostNames.push(name);
      this.hostIds.set(name, id);
    }
    return id;
  }

  private hullGlobals(): [WebAssembly.Global, WebAssembly.Global, WebAssembly.Global | null] | null {
    const lo = this.exports?.[WATCH_LO];
    const hi = this.exports?.[WATCH_HI];
    const frameLo = this.exports?.[FRAME_LO];
    return lo instanceof WebAssembly.Global && hi instanceof WebAssembly.Global ? [lo, hi, frameLo instanceof WebAssembly.Global ? frameLo : null] : null;
  }

  /** Applies the log's entries to the writer map, in order, and empties the log. */
  private drain(): void {
    const used = this.recorder.pos.value as number;
    if (used === 0) return;
    const entries = new Uint32Array(this.recorder.log.buffer, 0, used / 4);
    for (let i = 0; i < entries.length; i += 3) this.writers.apply(entries[i]!, entries[i + 1]!, entries[i + 2]!);
    this.recorder.pos.value = 0;
  }
}
