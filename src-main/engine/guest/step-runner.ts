// Runs sequence steps inside the worker: the sequence executor drives the guest through a
// GuestPort whose calls leave CallRecords; each step ends with a change capture and one
// StepRecord.

import type { BoundValue, CallRecord, HeapSummary, MemscopeError, StepRecord } from '../../shared/dto.ts';
import type { MemoryDelta } from '../memory/types.ts';
import type { GuestInstance, JsValue } from './instance.ts';
import type { GuestPort } from '../sequence/port.ts';
import type { FinishedStep, WorkerInit } from '../protocol.ts';
import { loadChecked, type LoadedSequence } from '../sequence/load.ts';
import { HeapTracker } from '../memory/heap/heap-tracker.ts';
import { WatchedMemory } from '../memory/heap/watched-memory.ts';
import { nowMs } from './clock.ts';

/** Thrown by the port's call() to end a step whose guest call failed; carries the call's error. */
export class GuestCallFailed extends Error {
  constructor(readonly error: MemscopeError) {
    super(error.message);
    this.name = 'GuestCallFailed';
  }
}

/** The heap's list of a step's calls when it made none (read only: the ledger only searches it). */
const NO_CALLS: string[] = [];


/** The exports `calls` called, in order (a loop: a closure made per call step otherwise). */
function exportsOf(calls: CallRecord[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < calls.length; i++) out.push(calls[i]!.export);
  return out;
}

export class StepRunner {
  private loaded: LoadedSequence | null = null;
  private calls: CallRecord[] = [];
  /** When the last step's own work ended (nowMs clock), before its capture: a run's flush check reads no clock of its own. */
  returnedAt = 0;
  /** The heap ledger (absent when not recording); walks after every call and write step. */
  private readonly heap: HeapTracker | null;

  constructor(private readonly guest: GuestInstance, private readonly init: WorkerInit) {
    this.heap = init.recording ? new HeapTracker(init.info, () => guest.stackPointer()) : null;
    this.heap?.start(guest.memory.bytes());
    // The controller parsed and validated this sequence before starting the worker
    // (session-inputs.ts) and sends only a runnable one: it is not parsed again here.
    if (init.sequence) this.loaded = loadChecked(init.sequence.text, init.sequence.file, init.sequence.parsed, this.port());
  }

  /**
   * Runs step `index`. `capture(mayChange, hostOnly)` takes the memory delta; only call steps
   * that called the guest and write steps can change memory, so reads, expects, assignments and
   * refused calls skip the scan, and in a write step (`hostOnly`) no guest code runs: only what
   * the host wrote can have changed.
   * `startedAt` (nowMs clock) is when the step began, when the caller has just read the clock.
   */
  run(index: number, capture: (mayChange: boolean, hostOnly: boolean) => MemoryDelta | null, startedAt?: number): FinishedStep {
    const started = startedAt ?? nowMs();
    this.calls = [];
    const step = this.loaded?.sequence.steps[index];
    let error: MemscopeError | undefined;
    // Set by the executor; left undefined until then so a step that runs allocates no spare ones.
    let bound: Record<string, BoundValue> | undefined;
    let regionEvents: StepRecord['regionEvents'] | undefined;
    let snapshotLabel: string | undefined;
    if (!this.loaded || !step) {
      error = { code: 'usage', message: `no step ${index} in the sequence` };
    } else {
      try {
        const out = this.loaded.executor.execute(index);
        bound = out.bound;
        regionEvents = out.regionEvents;
        snapshotLabel = out.snapshotLabel;
        error = out.error;
      } catch (thrown) {
        // The executor lets guest-call failures through, and a `watch … stop` its own write
        // (a `write` step) hit; anything else is our bug, still a value.
        const failed = thrown instanceof GuestCallFailed ? thrown.error : this.guest.tracing?.stopError(thrown);
        error = failed ? this.loaded.executor.guestFailure(index, failed)
          : { code: 'internal', message: `step ${index}: ${thrown instanceof Error ? thrown.message : String(thrown)}` };
      }
    }
    // proc_exit(0) ends the instance but not in failure.
    if (error && this.guest.exitCode === 0 && this.calls.at(-1)?.error === undefined) error = undefined;
    const returned = nowMs();
    this.returnedAt = returned;
    const durationMs = returned - started;
    // A call step that called nothing (a refused `free(p)`, an argument that failed to evaluate)
    // ran no guest code and wrote nothing: it has nothing to capture, and no capture time. Nor
    // has a module without memory (or whose memory has no page yet, and did not grow).
    const mayChange = ((step?.kind === 'call' && this.calls.length > 0) || step?.kind === 'write') && this.guest.memory.size > 0;
    const delta = capture(mayChange, step?.kind === 'write');
    // Taken also when nothing tracks the heap: they would pile up.
    const notes = this.guest.takeBlockNotes();
    const heap = this.heap?.afterStep(mayChange ? this.guest.memory.bytes() : null, {
      step: index, line: step?.line ?? 0, calls: this.calls.length === 0 ? NO_CALLS : exportsOf(this.calls), kind: step?.kind ?? '',
      notes,
    }, delta);
    const freed = heap?.heap?.freed;
    if (freed && freed.length > 0 && this.loaded) {
      const ended = this.loaded.executor.freedInStep(index, freed, heap!.heap!.allocated);
      if (ended.length > 0) regionEvents = regionEvents && regionEvents.length > 0 ? [...regionEvents, ...ended] : ended;
    }
    const traced = this.guest.tracing?.takeStep(delta?.ranges ?? [], delta?.coarse);
    const hitBlocks = traced && traced.watchHits.length > 0 ? this.heap?.typedHolding(traced.watchHits.map((h) => h.address), this.guest.memory.bytes()) : undefined;
    // Memscope's own work after the guest returned (StepRecord.captureMs), measured only when
    // memory was captured: other steps have nothing to report.
    const captureMs = mayChange && delta ? nowMs() - returned : undefined;
    const record: StepRecord = {
      index,
      line: step?.line ?? 0,
      source: step?.text ?? '',
      ok: error === undefined,
      calls: this.calls,
      bound: bound ?? {},
      changes: delta?.ranges ?? [],
      changedBytes: delta?.changedBytes ?? 0,
      regionEvents: regionEvents ?? [],
      durationMs,
      memorySize: this.guest.memory.size,
    };
    if (error) record.error = error;
    if (captureMs !== undefined) record.captureMs = captureMs;
    if (delta?.grew) record.grew = traced?.grewBy ? { ...delta.grew, by: traced.grewBy } : delta.grew;
    if (traced) {
      record.writes = traced.writes;
      if (traced.writesDropped > 0) record.writesDropped = traced.writesDropped;
      if (traced.watchHits.length > 0) record.watchHits = traced.watchHits;
      if (traced.watchesEnded.length > 0) record.watchesEnded = traced.watchesEnded;
    }
    if (delta?.coarse) record.changesCoarse = true;
    if (this.guest.exitCode !== null) record.exitCode = this.guest.exitCode;
    if (heap?.heap) record.heap = heap.heap;
    if (heap && heap.stackPointer !== null) record.stackPointer = heap.stackPointer;
    const goFunctions = this.guest.goFunctionsChanged();
    if (goFunctions) record.goFunctions = goFunctions;
    // Set last, as the record wire's OPTIONAL lists them (a record in that order is written compactly).
    if (traced && traced.watchHitsDropped > 0) record.watchHitsDropped = traced.watchHitsDropped;
    if (hitBlocks && hitBlocks.length > 0) record.hitBlocks = hitBlocks;
    const result: FinishedStep = { record, delta, exited: this.guest.exitCode !== null };
    if (snapshotLabel !== undefined) result.snapshotLabel = snapshotLabel;
    // Only the regions that changed are copied: copying them all costs O(regions) per step.
    if (record.regionEvents.length > 0 && this.loaded) {
      const updates = this.loaded.executor.regionsChangedBy(record.regionEvents);
      if (updates.length > 0) result.regionUpdates = updates;
    }
    return result;
  }

  /** The heap now: map, live blocks and leaks (null when the heap is not tracked). */
  async heapSummary(references = false): Promise<HeapSummary | null> {
    return this.heap ? await this.heap.summary(this.guest.memory.size, this.guest.memory.bytes(), references) : null;
  }

  /** Keeps a call step's record; a failed call (or an exit) fails the step. */
  private recorded(record: CallRecord): void {
    this.calls.push(record);
    if (record.error) throw new GuestCallFailed(record.error);
    if (this.guest.exitCode === 0) throw new GuestCallFailed({ code: 'exit', message: 'the guest called proc_exit(0)' });
  }

  /** What the executor sees of the guest. call() records and throws on failure. */
  private port(): GuestPort {
    const guest = this.guest;
    const info = this.init.info;
    const heap = this.heap;
    // While the heap is tracked, the executor's reads and writes report their ranges to it.
    const view = heap ? new WatchedMemory(guest.memory, (a, n) => heap.noteAccess(a, n)) : null;
    return {
      allocator: info.allocator,
      ...(heap ? { heap: heap.hooks(() => guest.memory.bytes()) } : {}),
      ...(guest.tracing ? { watch: (name: string, address: number, size: number, stop: boolean) => guest.tracing!.watches.add(name, address, size, stop) } : {}),
      memory: () => view ?? guest.memory,
      signature: (name) => guest.signatureOf(name),
      noSuchFunction: (name) => guest.noSuchFunction(name),
      call: (name: string, args: JsValue[]): JsValue[] => {
        const { record, results } = guest.call(name, args);
        this.recorded(record);
        return results;
      },
      goFunction: (name) => (guest.hasGoFunction(name) ? (args) => {
        const { record, result } = guest.callGo(name, args);
        this.recorded(record);
        return result!;
      } : null),
    };
  }
}
