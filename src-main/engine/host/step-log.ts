// What a session's run left behind, owned in one place: the step records, the memory history
// after each step, the regions and bindings (now, and as of any earlier step), the labels of
// `snapshot` steps, what happened between steps (ad-hoc calls, memory writes, watch sets),
// which stepping back replays, and the heap as walked after the steps whose walk came
// (StepHeaps). The Session is the command object over it; this never talks to the worker.

import type { BoundValue, Region, StepRecord } from '../../shared/dto.ts';
import type { MemoryHistory } from '../memory/memory-history.ts';
import type { SparseImage } from '../memory/types.ts';
import type { FinishedStep } from '../protocol.ts';
import type { StopsToPass, WatchSpec } from '../session-api.ts';
import { RecordStore } from './record-store.ts';
import { StepHeaps } from './step-heaps.ts';
import { bindingsAt, regionsAfter, type StepBindings } from '../../shared/state-at-step.ts';

/** Something done between steps; `after` is the step it followed (-1: before any). */
export type Interlude =
  | { after: number; kind: 'call'; name: string; args: string[] }
  | { after: number; kind: 'write'; address: number; bytes: Uint8Array }
  | { after: number; kind: 'watches'; watches: readonly WatchSpec[]; passing: readonly StopsToPass[] };

type WithoutAfter<T> = T extends unknown ? Omit<T, 'after'> : never;

export class StepLog {
  private records = new RecordStore();
  /** The steps that bound names, with what they bound: what bindingsAt needs, without decoding every record. */
  private boundBy: StepBindings[] = [];
  private regionList: Region[] = [];
  private bound: Record<string, BoundValue> = {};
  private labels = new Map<number, string>();
  private interludeList: Interlude[] = [];
  private walked = new StepHeaps();
  /** An ad-hoc call or write ran since the last step: the history's last image may be stale. */
  private changedSinceStep = false;
  private sizeAfterChange = 0;

  constructor(readonly history: MemoryHistory) {}

  /** The records (older ones held compactly: see RecordStore). */
  get steps(): RecordStore { return this.records; }
  get nextStep(): number { return this.records.length; }
  get regions(): Region[] { return this.regionList; }
  get bindings(): Record<string, BoundValue> { return this.bound; }
  get snapshotLabels(): ReadonlyMap<number, string> { return this.labels; }
  get interludes(): readonly Interlude[] { return this.interludeList; }
  /** The heap after each step whose walk came with it or right after it. */
  get heaps(): StepHeaps { return this.walked; }
  /** True when memory may differ from the last recorded image (an ad-hoc call or write since). */
  get stale(): boolean { return this.changedSinceStep; }
  get memorySize(): number { return this.changedSinceStep ? this.sizeAfterChange : this.history.sizeAt(); }

  /**
   * Drops every record, region, binding, label and interlude (as new lists: ones handed out stay
   * as they were). The history keeps its image until the next start begins it again.
   */
  clear(): void {
    this.records = new RecordStore();
    this.boundBy = [];
    this.regionList = [];
    this.bound = {};
    this.labels = new Map();
    this.interludeList = [];
    this.walked = new StepHeaps();
    this.changedSinceStep = false;
  }

  /** A fresh instance's first image: the history starts over from it. */
  begin(image: SparseImage): void {
    this.history.reset(image);
  }

  /** Takes in a step the worker ran: history, regions, bindings, label, the heap walked after it; then the record. */
  accept(result: FinishedStep): StepRecord {
    const record = result.record;
    const index = record.index;
    if (result.delta && this.history.lastStep === index - 1) this.history.commit(index, result.delta);
    this.changedSinceStep = false;
    // In place, not copied: a copy per step made long runs quadratic (10,000 names: minutes).
    // Readers get the current list; an earlier step's view is regionsAfter/bindingsAt.
    if (result.regionUpdates) for (const r of result.regionUpdates) this.regionList[r.id - 1] = r;
    // The executor's bindings are the earlier ones overwritten by each step's own.
    Object.assign(this.bound, record.bound);
    if (result.snapshotLabel !== undefined) this.labels.set(index, result.snapshotLabel);
    // A watch's stop ends no step: its walk is the heap part-way through the step, not after it.
    if (result.heapAfter && record.error?.code !== 'watchpoint') this.walked.keep(index, result.heapAfter);
    return this.push(record);
  }

  /** A record with nothing else to take in (a step that failed before the worker answered). */
  push(record: StepRecord): StepRecord {
    this.records.push(record);
    for (const _name in record.bound) {
      this.boundBy.push({ index: record.index, bound: record.bound });
      break;
    }
    return record;
  }

  /**
   * Something done between steps, after the last one; `memorySize`: it changed memory (reads go
   * live until the next step). Kept as a literal of its kind, not `{ ...interlude, after }`: V8
   * gives a spread copy a property store of its own, so each kept ad-hoc call took ~320 bytes
   * instead of ~100, the controller's largest per-call cost in memory and in collections.
   */
  noteInterlude(interlude: WithoutAfter<Interlude>, memorySize?: number): void {
    if (memorySize !== undefined) this.noteChange(memorySize);
    const after = this.nextStep - 1;
    switch (interlude.kind) {
      case 'call': this.interludeList.push({ kind: 'call', name: interlude.name, args: interlude.args, after }); break;
      case 'write': this.interludeList.push({ kind: 'write', address: interlude.address, bytes: interlude.bytes, after }); break;
      case 'watches': this.interludeList.push({ kind: 'watches', watches: interlude.watches, passing: interlude.passing, after }); break;
    }
  }

  /** Memory changed since the last step (a write at a watch's stop, which no interlude repeats: the step's run again does). */
  noteChange(memorySize: number): void {
    this.sizeAfterChange = memorySize;
    this.changedSinceStep = true;
  }

  /** Regions and bindings as of `step`: later steps' names and regions are not part of its story. */
  stateAt(step: number): { regions: Region[]; bindings: Record<string, BoundValue> } {
    return step === this.history.lastStep
      ? { regions: this.regionList, bindings: this.bound }
      : { regions: regionsAfter(this.regionList, step), bindings: bindingsAt(this.boundBy, step) };
  }

  /** The first step after `step` that binds `name` (undefined: none did), for "not bound yet" messages. */
  boundAfter(name: string, step: number): number | undefined {
    return this.boundBy.find((b) => b.index > step && Object.hasOwn(b.bound, name))?.index;
  }
}
