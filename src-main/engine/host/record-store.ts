// Where the step log keeps its step records: the latest ones as they came, older ones in groups
// encoded in the step ring's binary form (wire-codec.ts) and deflated. A tiny step's record is
// ~300 bytes of data but ~900 bytes of objects on the collected heap; grouped and deflated it is
// ~40 bytes, so a long run's records grow memory by less than their own serialized size.
//
// Why the wire form and not node:v8's serialize (the structured-clone format it used before):
// encoding a group there cost ~8 µs a record, a quarter of what taking a tiny step in cost the
// controller; the wire form encodes the same record in ~1 µs and keeps the same values (NaN, -0,
// bigint), except that a property whose value is undefined is left out, as JSON and the step
// ring's inline steps already leave it out.

import type { StepRecord } from '../../shared/dto.ts';
import { NotPlainData, WireReader, WireWriter } from '../wire-codec.ts';

/** node:zlib at the first group packed: a run of fewer than 512 steps never packs one, and loading it costs start-up. */
const zlib = (): typeof import('node:zlib') => process.getBuiltinModule('node:zlib');

/**
 * Records per group: enough that deflate finds the repeats between records (the keys, the
 * source lines' shape), few enough that reading one old record decodes little.
 */
export const RECORDS_PER_GROUP = 256;
/** Decoded groups kept for reads: readers walk records in order, or read the same few. */
const DECODED_CACHE = 2;

/**
 * Records 0, 1, 2… in order. The latest RECORDS_PER_GROUP at least stay the objects `push` got;
 * an older one is decoded on read, a fresh copy each time once its group left the cache, so
 * readers must not rely on identity or keep changes they make to it.
 */
export class RecordStore {
  /** Group g holds records g * RECORDS_PER_GROUP onwards: deflated, or as objects if one is not plain data. */
  private groups: (Uint8Array | StepRecord[])[] = [];
  /** Records from groups.length * RECORDS_PER_GROUP on. */
  private recent: StepRecord[] = [];
  private decoded = new Map<number, StepRecord[]>();
  /** Where a group is encoded before it is deflated (reused: it grows to a group's size once). */
  private readonly wire = new WireWriter(64 * 1024);

  get length(): number {
    return this.groups.length * RECORDS_PER_GROUP + this.recent.length;
  }

  push(record: StepRecord): void {
    this.recent.push(record);
    if (this.recent.length >= 2 * RECORDS_PER_GROUP) this.settle();
  }

  /** Record `index`, or undefined past the end; negative counts from the end. */
  at(index: number): StepRecord | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    const settled = this.groups.length * RECORDS_PER_GROUP;
    if (i >= settled) return this.recent[i - settled];
    return this.group(Math.floor(i / RECORDS_PER_GROUP))[i % RECORDS_PER_GROUP];
  }

  /** Every record, in order, as a new array (decodes every settled group: O(records)). */
  all(): StepRecord[] {
    const out: StepRecord[] = [];
    for (let g = 0; g < this.groups.length; g++) out.push(...this.group(g));
    out.push(...this.recent);
    return out;
  }

  /** Records a live object still holds (the recent ones, decoded groups, unserializable groups). */
  get liveRecords(): number {
    let n = this.recent.length;
    for (const g of this.groups) if (Array.isArray(g)) n += g.length;
    for (const records of this.decoded.values()) n += records.length;
    return n;
  }

  /** Moves the oldest RECORDS_PER_GROUP recent records into a group. */
  private settle(): void {
    const records = this.recent.slice(0, RECORDS_PER_GROUP);
    this.recent = this.recent.slice(RECORDS_PER_GROUP);
    let packed: Uint8Array | StepRecord[];
    try {
      const wire = this.wire;
      wire.at = 0;
      for (const record of records) wire.value(record);
      // A copy sized to fit: zlib's result may sit in a larger allocation.
      packed = new Uint8Array(zlib().deflateRawSync(wire.bytes.subarray(0, wire.at), { level: 1 }));
    } catch (error) {
      if (!(error instanceof NotPlainData)) throw error;
      packed = records; // not plain data (no record from the worker is): kept as it is, never lost
    }
    this.groups.push(packed);
  }

  private group(g: number): StepRecord[] {
    const packed = this.groups[g];
    if (Array.isArray(packed)) return packed;
    let records = this.decoded.get(g);
    if (records !== undefined) {
      this.decoded.delete(g); // re-inserted below: the Map's order is the cache's recency
    } else {
      const reader = new WireReader(zlib().inflateRawSync(packed));
      records = Array.from({ length: RECORDS_PER_GROUP }, () => reader.value() as StepRecord);
      if (this.decoded.size >= DECODED_CACHE) this.decoded.delete(this.decoded.keys().next().value!);
    }
    this.decoded.set(g, records);
    return records;
  }
}
