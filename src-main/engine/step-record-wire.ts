// A finished step's own binary form in the step ring (step-ring.ts): its record's fields, and
// those of its calls, values, heap blocks and regions, in a fixed order without their keys, each
// value in wire-codec's form.
//
// Why not wire-codec's generic object form: it walks each object with for…in and writes a key
// per property (a map lookup each); writing and reading a step that way was ~12 µs a 10-step
// story each (now ~9 and ~5.5) and ~200 bytes a step (now ~150). Each object is read back with
// its properties in the order the worker builds them (step-runner.ts, instance.ts, ledger.ts,
// regions.ts), so the controller's record is the worker's, key order included (JSON output).
//
// Each object starts with a `present` varuint: GENERIC when its keys are not, in order, among
// those its form lists (a property the form does not know, or one set in another order: a call
// with an error sets it before or after importsDropped, a failed-step record right after ok);
// the object then follows as one wire-codec value, which keeps anything plain and sends the
// rest EXTERNAL (NotPlainData), as before. Otherwise bit 1 on say which optional fields follow,
// in the order listed, after the fields every such object has:
//
//   record: (present: ok = 2, OWN_SOURCE = 4, then OPTIONAL) index, line, source (left out when
//           OWN_SOURCE), calls (varuint n, n calls), bound, changes, changedBytes, regionEvents
//           (varuint n, n events), durationMs, memorySize, then the optional ones (heap in its
//           own form)
//   call:   export, args, results (varuint n, n wasm values each), durationMs, imports
//   wasm value: type, bits (GENERIC: a reference)       event: region, action
//   heap:   (walk, resized) allocated (varuint n, n blocks), freed (varuint n, n freed blocks), problems,
//           walk, resized (one value: rare, a realloc in place)
//   block:  (by, holds) address, size, owner, step, line, by, holds   freed block: (by, holds, freedBy) ... freedBy
//   rest:   (exited = 2, snapshotLabel, regionUpdates (varuint n, n regions), heapAfter)
//   region: (type, freedStep) id, name, kind, start, size, freed, createdStep, type, freedStep

import type { CallRecord, CallValue, HeapBlock, HeapOwner, Region, RegionAction, RegionEvent, RegionKind, StepHeap, StepRecord } from '../shared/dto.ts';
import type { FinishedStep } from './protocol.ts';
import type { WireReader, WireWriter } from './wire-codec.ts';

/** `present` of an object written as one generic value. */
const GENERIC = 1;

const NO_SOURCES: readonly string[] = [];

/**
 * Compiles only when `names` lists every property of T; otherwise the type names the missing
 * ones, so a field added to a record type must be given its place in this form.
 */
type Covers<T, Names extends readonly PropertyKey[]> = [Exclude<keyof T, Names[number]>] extends [never] ? true : Exclude<keyof T, Names[number]>;

/** StepRecord's optional fields, in the order the step runner sets them. */
const OPTIONAL = ['error', 'captureMs', 'grew', 'writes', 'writesDropped', 'watchHits', 'watchesEnded', 'changesCoarse', 'exitCode', 'heap', 'stackPointer', 'goFunctions', 'watchHitsDropped', 'hitBlocks', 'importsBeforeEnd'] as const;
const RECORD_FIELDS = ['index', 'line', 'source', 'ok', 'calls', 'bound', 'changes', 'changedBytes', 'regionEvents', 'durationMs', 'memorySize'] as const;
const REST = ['record', 'delta', 'exited', 'snapshotLabel', 'regionUpdates', 'heapAfter'] as const;
const COVERED: [
  Covers<StepRecord, [...typeof RECORD_FIELDS, ...typeof OPTIONAL]>, Covers<FinishedStep, typeof REST>,
  Covers<CallRecord, ['export', 'args', 'results', 'durationMs', 'imports', 'error', 'importsDropped']>,
  Covers<RegionEvent, ['region', 'action']>, Covers<StepHeap, ['allocated', 'freed', 'problems', 'walk', 'resized']>,
  Covers<HeapBlock, ['address', 'size', 'owner', 'step', 'line', 'by', 'holds']>,
  Covers<Region, ['id', 'name', 'kind', 'start', 'size', 'freed', 'createdStep', 'type', 'freedStep']>,
] = [true, true, true, true, true, true, true];
void COVERED;

const RECORD_ORDER: readonly string[] = [...RECORD_FIELDS, ...OPTIONAL];
/**
 * `present` bit of a record whose source is its sequence step's own text, which both ends have
 * (StepSources): the text is not written, and the reader takes its own copy of it. Every record
 * of a run carried its step's text (tens of bytes) only to be decoded into a new string. A low
 * bit: a run's records set it, and `present` stays two bytes while the optional fields they
 * carry (captureMs, heap, stackPointer) are among the first eleven.
 */
const OWN_SOURCE = 4;
/** The `present` bit of OPTIONAL[i]. */
const optionalBit = (i: number): number => 8 << i;

/**
 * The sequence's step texts by step index, the same list at both ends of the ring (the worker's
 * and the controller's copy of the parsed sequence); empty without a sequence.
 */
export type StepSources = readonly string[];

export function stepSources(sequence: { parsed: { steps: readonly { text: string }[] } } | null | undefined): StepSources {
  return sequence ? sequence.parsed.steps.map((step) => step.text) : [];
}
const EVENT_ORDER = ['region', 'action'];
const CALL_ORDER = ['export', 'args', 'results', 'durationMs', 'imports'];
const VALUE_ORDER = ['type', 'bits'];
const HEAP_ORDER = ['allocated', 'freed', 'problems', 'walk', 'resized'];
const BLOCK_ORDER = ['address', 'size', 'owner', 'step', 'line', 'by', 'holds', 'freedBy'];
const REST_ORDER: readonly string[] = REST;
const REGION_ORDER = ['id', 'name', 'kind', 'start', 'size', 'freed', 'createdStep', 'type', 'freedStep'];

/**
 * True when `o`'s keys, in their order, are all in `order` and in that order (a key set to
 * undefined counts as absent, as in wire-codec). No array made: this runs for every object.
 */
function inOrder(o: object, order: readonly string[]): boolean {
  let i = 0;
  for (const key in o) {
    while (i < order.length && order[i] !== key) i++;
    if (i === order.length) return false;
    i++;
  }
  return true;
}

/**
 * The record's `present` bits, ok and its OPTIONAL fields that hold a value, found in the pass
 * that checks its keys are in RECORD_ORDER (inOrder's); -1 when they are not. One pass over its
 * own keys: reading each of the ten optional fields by name from a list was a lookup each with
 * a key V8 cannot predict (its generic keyed load), ~1 µs a 10-step story.
 */
function recordPresent(r: StepRecord): number {
  const fields = RECORD_FIELDS.length;
  let present = r.ok ? 2 : 0;
  let i = 0;
  for (const key in r) {
    while (i < RECORD_ORDER.length && RECORD_ORDER[i] !== key) i++;
    if (i === RECORD_ORDER.length) return -1;
    // Inside for…in over the record itself, V8 reads r[key] by the key's slot.
    if (i >= fields && r[key as keyof StepRecord] !== undefined) present |= optionalBit(i - fields);
    i++;
  }
  return present;
}

/** Writes `o` as one generic value unless its keys are in `order`; says whether it did. */
function generic(wire: WireWriter, o: object, order: readonly string[]): boolean {
  if (inOrder(o, order)) return false;
  wire.uint(GENERIC);
  wire.value(o);
  return true;
}

/** `sources`: the step texts both ends share (a record whose source is its step's is written without it). */
export function writeRecord(wire: WireWriter, r: StepRecord, sources: StepSources = NO_SOURCES): void {
  let present = recordPresent(r);
  if (present === -1) {
    wire.uint(GENERIC);
    wire.value(r);
    return;
  }
  const own = r.source === sources[r.index];
  if (own) present |= OWN_SOURCE;
  wire.uint(present);
  wire.value(r.index);
  wire.value(r.line);
  if (!own) wire.value(r.source);
  const calls = r.calls;
  wire.uint(calls.length);
  for (let i = 0; i < calls.length; i++) writeCall(wire, calls[i]!);
  wire.value(r.bound);
  wire.value(r.changes);
  wire.value(r.changedBytes);
  const events = r.regionEvents;
  wire.uint(events.length);
  for (let i = 0; i < events.length; i++) writeEvent(wire, events[i]!);
  wire.value(r.durationMs);
  wire.value(r.memorySize);
  for (let i = 0; i < OPTIONAL.length; i++) {
    if (!(present & optionalBit(i))) continue;
    if (OPTIONAL[i] === 'heap') writeHeap(wire, r.heap!);
    else wire.value(r[OPTIONAL[i]!]);
  }
}

/** `sources`: the same step texts the writer had. */
export function readRecord(wire: WireReader, sources: StepSources = NO_SOURCES): StepRecord {
  const present = wire.uint();
  if (present === GENERIC) return wire.value() as StepRecord;
  const index = wire.value() as number;
  const line = wire.value() as number;
  const source = present & OWN_SOURCE ? sources[index]! : wire.value() as string;
  const calls = new Array<CallRecord>(wire.uint());
  for (let i = 0; i < calls.length; i++) calls[i] = readCall(wire);
  const bound = wire.value() as StepRecord['bound'];
  const changes = wire.value() as StepRecord['changes'];
  const changedBytes = wire.value() as number;
  const regionEvents = new Array<RegionEvent>(wire.uint());
  for (let i = 0; i < regionEvents.length; i++) regionEvents[i] = readEvent(wire);
  const r: StepRecord = {
    index, line, source, ok: (present & 2) !== 0, calls, bound, changes, changedBytes, regionEvents,
    durationMs: wire.value() as number, memorySize: wire.value() as number,
  };
  for (let i = 0; i < OPTIONAL.length; i++) {
    if (!(present & optionalBit(i))) continue;
    const field = OPTIONAL[i]!;
    (r as unknown as Record<string, unknown>)[field] = field === 'heap' ? readHeap(wire) : wire.value();
  }
  return r;
}

function writeEvent(wire: WireWriter, e: RegionEvent): void {
  if (generic(wire, e, EVENT_ORDER)) return;
  wire.uint(0);
  wire.value(e.region);
  wire.value(e.action);
}

function readEvent(wire: WireReader): RegionEvent {
  if (wire.uint() === GENERIC) return wire.value() as RegionEvent;
  return { region: wire.value() as number, action: wire.value() as RegionAction };
}

function writeCall(wire: WireWriter, c: CallRecord): void {
  // Its optional fields are set in either order (instance.ts): a call with one goes generic.
  if (generic(wire, c, CALL_ORDER)) return;
  wire.uint(0);
  wire.value(c.export);
  writeValues(wire, c.args);
  writeValues(wire, c.results);
  wire.value(c.durationMs);
  wire.value(c.imports);
}

function readCall(wire: WireReader): CallRecord {
  if (wire.uint() === GENERIC) return wire.value() as CallRecord;
  return {
    export: wire.value() as string,
    args: readValues(wire),
    results: readValues(wire),
    durationMs: wire.value() as number,
    imports: wire.value() as CallRecord['imports'],
  };
}

function writeValues(wire: WireWriter, values: CallValue[]): void {
  wire.uint(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // A reference ({type, func} or {type, isNull}) goes generic.
    if (generic(wire, v, VALUE_ORDER)) continue;
    wire.uint(0);
    wire.value(v.type);
    wire.value((v as { bits: unknown }).bits);
  }
}

function readValues(wire: WireReader): CallValue[] {
  const values = new Array<CallValue>(wire.uint());
  for (let i = 0; i < values.length; i++) {
    values[i] = (wire.uint() === GENERIC ? wire.value() : { type: wire.value(), bits: wire.value() }) as CallValue;
  }
  return values;
}

function writeHeap(wire: WireWriter, h: StepHeap): void {
  if (generic(wire, h, HEAP_ORDER)) return;
  const walk = h.walk !== undefined;
  const resized = h.resized !== undefined;
  wire.uint((walk ? 2 : 0) | (resized ? 4 : 0));
  wire.uint(h.allocated.length);
  for (let i = 0; i < h.allocated.length; i++) writeBlock(wire, h.allocated[i]!);
  wire.uint(h.freed.length);
  for (let i = 0; i < h.freed.length; i++) writeBlock(wire, h.freed[i]!);
  wire.value(h.problems);
  if (walk) wire.value(h.walk);
  if (resized) wire.value(h.resized);
}

function readHeap(wire: WireReader): StepHeap {
  const present = wire.uint();
  if (present === GENERIC) return wire.value() as StepHeap;
  const allocated = new Array<HeapBlock>(wire.uint());
  for (let i = 0; i < allocated.length; i++) allocated[i] = readBlock(wire);
  const freed = new Array<HeapBlock & { freedBy: HeapOwner }>(wire.uint());
  for (let i = 0; i < freed.length; i++) freed[i] = readBlock(wire) as HeapBlock & { freedBy: HeapOwner };
  const h: StepHeap = { allocated, freed, problems: wire.value() as StepHeap['problems'] };
  if (present & 2) h.walk = wire.value() as string;
  if (present & 4) h.resized = wire.value() as StepHeap['resized'];
  return h;
}

/** A heap block; a freed one (ledger.ts: the block as allocated, then freedBy) with `freedBy`. */
function writeBlock(wire: WireWriter, b: HeapBlock & { freedBy?: HeapOwner }): void {
  if (generic(wire, b, BLOCK_ORDER)) return;
  const by = b.by !== undefined;
  const freedBy = b.freedBy !== undefined;
  const holds = b.holds !== undefined;
  wire.uint((by ? 2 : 0) | (freedBy ? 4 : 0) | (holds ? 8 : 0));
  wire.value(b.address);
  wire.value(b.size);
  wire.value(b.owner);
  wire.value(b.step);
  wire.value(b.line);
  if (by) wire.value(b.by);
  if (holds) wire.value(b.holds);
  if (freedBy) wire.value(b.freedBy);
}

function readBlock(wire: WireReader): HeapBlock {
  const present = wire.uint();
  if (present === GENERIC) return wire.value() as HeapBlock;
  const block: HeapBlock & { freedBy?: HeapOwner } = {
    address: wire.value() as number, size: wire.value() as number, owner: wire.value() as HeapOwner,
    step: wire.value() as number | null, line: wire.value() as number | null,
  };
  if (present & 2) block.by = wire.value() as string;
  if (present & 8) block.holds = wire.value() as string;
  if (present & 4) block.freedBy = wire.value() as HeapOwner;
  return block;
}

/** FinishedStep's fields after `record` and `delta` (which step-ring.ts writes its own way). */
export function writeRest(wire: WireWriter, step: FinishedStep): void {
  const { snapshotLabel, regionUpdates, heapAfter } = step;
  const present = (step.exited ? 2 : 0) | (snapshotLabel !== undefined ? 4 : 0) | (regionUpdates !== undefined ? 8 : 0) | (heapAfter !== undefined ? 16 : 0);
  if (!inOrder(step, REST_ORDER)) {
    // Everything but record and delta, as one generic value.
    wire.uint(GENERIC);
    const { record: _record, delta: _delta, ...rest } = step;
    wire.value(rest);
    return;
  }
  wire.uint(present);
  if (snapshotLabel !== undefined) wire.value(snapshotLabel);
  if (regionUpdates !== undefined) {
    wire.uint(regionUpdates.length);
    for (let i = 0; i < regionUpdates.length; i++) writeRegion(wire, regionUpdates[i]!);
  }
  if (heapAfter !== undefined) wire.value(heapAfter);
}

/** The step around `record` and `delta`, its fields in the order the step runner sets them. */
export function readRest(wire: WireReader, record: StepRecord, delta: FinishedStep['delta']): FinishedStep {
  const present = wire.uint();
  if (present === GENERIC) return { record, delta, ...(wire.value() as Omit<FinishedStep, 'record' | 'delta'>) };
  const step: FinishedStep = { record, delta, exited: (present & 2) !== 0 };
  if (present & 4) step.snapshotLabel = wire.value() as string;
  if (present & 8) {
    const regions = new Array<Region>(wire.uint());
    for (let i = 0; i < regions.length; i++) regions[i] = readRegion(wire);
    step.regionUpdates = regions;
  }
  if (present & 16) step.heapAfter = wire.value() as FinishedStep['heapAfter'];
  return step;
}

function writeRegion(wire: WireWriter, r: Region): void {
  if (generic(wire, r, REGION_ORDER)) return;
  const type = r.type !== undefined;
  const freedStep = r.freedStep !== undefined;
  wire.uint((type ? 2 : 0) | (freedStep ? 4 : 0));
  wire.value(r.id);
  wire.value(r.name);
  wire.value(r.kind);
  wire.value(r.start);
  wire.value(r.size);
  wire.value(r.freed);
  wire.value(r.createdStep);
  if (type) wire.value(r.type);
  if (freedStep) wire.value(r.freedStep);
}

function readRegion(wire: WireReader): Region {
  const present = wire.uint();
  if (present === GENERIC) return wire.value() as Region;
  const r: Region = {
    id: wire.value() as number, name: wire.value() as string, kind: wire.value() as RegionKind, start: wire.value() as number,
    size: wire.value() as number, freed: wire.value() as boolean, createdStep: wire.value() as number,
  };
  if (present & 2) r.type = wire.value() as string;
  if (present & 4) r.freedStep = wire.value() as number;
  return r;
}
