// Where the step log keeps its step records: the latest ones as they came, older ones in groups
// serialized (the structured-clone format) and deflated. A tiny step's record is ~300 bytes of
// data but ~900 bytes of objects on the collected heap; grouped and deflated it is ~40 bytes, so
// a long run's records grow memory by less than their own serialized size.

import { deserialize, serialize } from 'node:v8';
import type { StepRecord } from '../../shared/dto.ts';

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
  /** Group g holds records g * RECORDS_PER_GROUP onwards: deflated, or as objects if it could not be serialized. */
  private groups: (Uint8Array | StepRecord[])[] = [];
  /** Records from groups.length * RECORDS_PER_GROUP on. */
  private recent: StepRecord[] = [];
  private decoded = new Map<number, StepRecord[]>();

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
      // A copy sized to fit: zlib's result may sit in a larger allocation.
      packed = new Uint8Array(zlib().deflateRawSync(serialize(records), { level: 1 }));
    } catch {
      packed = records; // not cloneable (no record from the worker is): kept as it is, never lost
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
      records = deserialize(zlib().inflateRawSync(packed)) as StepRecord[];
      if (this.decoded.size >= DECODED_CACHE) this.decoded.delete(this.decoded.keys().next().value!);
    }
    this.decoded.set(g, records);
    return records;
  }
}
