// The step ring: how a `run` request's finished steps travel from the worker to the controller
// through shared memory, one entry per step, and the wire form of a step inside an entry. The
// writer is guest/step-ring-writer.ts, the reader host/step-ring-reader.ts.
//
// Why shared memory and not a message per step or per batch: a structured clone of one step's
// record cost ~10 µs and each transferred buffer ~8 µs more, several times a 10-step story's
// whole real floor; and a batch held in the worker is lost when a stuck step has the worker
// terminated, so the worker used to post before every guest call. In the ring a finished step is
// readable by the controller at once, also after a termination, and the worker only nudges the
// controller now and then (`steps-done`) to read what is there.

import { Buffer } from 'node:buffer';
import type { FinishedStep } from './protocol.ts';
import { NotPlainData, type WireReader, type WireWriter } from './wire-codec.ts';
import { readRecord, readRest, writeRecord, writeRest, type StepSources } from './step-record-wire.ts';
import type { Growth, MemoryDelta } from './memory/types.ts';
import { BLOCK_SIZE, RECYCLE_MIN_BYTES } from './memory/types.ts';

/**
 * Layout of the ring's SharedArrayBuffer:
 *
 *   0       4       8                                   8 + CAPACITY
 *   | WRITE | READ  | entries ...                       |
 *
 * WRITE and READ are byte positions that only grow (modulo 2^32); an entry starts at
 * position & (CAPACITY - 1). The worker fills entries past WRITE and then stores WRITE, so the
 * controller never sees half an entry; the controller stores READ after taking entries in and
 * notifies it, which wakes a worker waiting for room.
 *
 * An entry (4-byte aligned; an entry never wraps: when the tail is too short for it, a
 * WRAP marker fills the tail and the entry starts at offset 0):
 *
 *   0        4      8      12       16        20
 *   | length | id   | kind | dataLen | stepLen | block data (dataLen) | step (stepLen) | pad |
 *
 * kind INLINE: step is the step's binary form (writeStep) and the block data its delta's
 * changed blocks. kind EXTERNAL: the step did not fit (its blocks are at least
 * RECYCLE_MIN_BYTES, or it is not plain data, see writeStep): it was posted whole, before this
 * entry, on the capture channel's port, where the controller takes it with receiveMessageOnPort.
 */
export const STEP_RING = {
  WRITE: 0,
  READ: 1,
  headerBytes: 8,
  /** 2 MiB: at least 32 entries of the largest inline delta, and thousands of tiny steps. */
  capacity: 1 << 21,
  entryHeaderBytes: 20,
  WRAP: -1,
  INLINE: 0,
  EXTERNAL: 1,
} as const;

/** Where in the entries the byte at ring position `position` is (positions only grow, modulo 2^32). */
export function entryOffset(position: number): number {
  return position & (STEP_RING.capacity - 1);
}

/** Largest entry the ring takes; larger steps go EXTERNAL. */
export const MAX_INLINE_ENTRY = STEP_RING.capacity / 4;

/** Block data this large or larger goes EXTERNAL (transferred: the history recycles such buffers). */
export const MAX_INLINE_DATA = RECYCLE_MIN_BYTES;

export function newStepRingBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(STEP_RING.headerBytes + STEP_RING.capacity);
}

/** The ring's layout as views, for both ends: WRITE/READ words, the entries as bytes and as words. */
export function stepRingViews(ring: SharedArrayBuffer): { header: Int32Array; bytes: Buffer; words: Int32Array } {
  return {
    header: new Int32Array(ring, 0, 2),
    bytes: Buffer.from(ring, STEP_RING.headerBytes, STEP_RING.capacity),
    words: new Int32Array(ring, STEP_RING.headerBytes, STEP_RING.capacity >>> 2),
  };
}

/**
 * Copies the first `length` bytes of `source` into `target` at `at`, into or out of the ring,
 * with one memcpy. Not Buffer.copy or TypedArray set: on Node 20 both are V8's TypedArray set,
 * which copies to or from a SharedArrayBuffer word by word with relaxed atomic accesses, at
 * about half the speed (and Buffer.copy makes a view of its source first). Buffer's fill with a
 * byte array as the value is a plain memcpy of min(value's length, range) bytes.
 */
export function copyBytes(target: Uint8Array, at: number, source: Uint8Array, length: number): void {
  // fill() refuses an empty value, and an empty range has nothing to copy.
  if (length > 0) Buffer.prototype.fill.call(target, source, at, at + length);
}

/** The delta flags byte: absent (0) or present, and what it carries. */
const DELTA = { PRESENT: 1, COARSE: 2, GREW: 4, OWN_RANGES: 8 } as const;

/**
 * Writes `step` into `wire` from its start (wire-codec.ts), without what the controller rebuilds:
 * the delta's ranges and changed byte count are the record's `changes` and `changedBytes`, its
 * blocks travel as raw bytes beside, and its source is the step's text in `sources`. False when the step is not plain data (see NotPlainData):
 * it then goes EXTERNAL, as a structured clone.
 *
 *   record (step-record-wire.ts) | delta flags (byte) | [size, block count, block indices (varuints), grew
 *   (value), when OWN_RANGES: ranges (value), changedBytes (varuint)] | the rest (step-record-wire.ts)
 */
export function writeStep(wire: WireWriter, step: FinishedStep, sources?: StepSources): boolean {
  wire.at = 0;
  try {
    const record = step.record;
    writeRecord(wire, record, sources);
    const delta = step.delta;
    if (delta === null) {
      wire.byte(0);
    } else {
      const own = delta.ranges !== record.changes || delta.changedBytes !== record.changedBytes;
      wire.byte(DELTA.PRESENT | (delta.coarse ? DELTA.COARSE : 0) | (delta.grew ? DELTA.GREW : 0) | (own ? DELTA.OWN_RANGES : 0));
      wire.uint(delta.size);
      const indices = delta.changed.indices;
      wire.uint(indices.length);
      for (let i = 0; i < indices.length; i++) wire.uint(indices[i]!);
      if (delta.grew) wire.value(delta.grew);
      if (own) {
        wire.value(delta.ranges);
        wire.uint(delta.changedBytes);
      }
    }
    writeRest(wire, step);
    return true;
  } catch (error) {
    if (error instanceof NotPlainData) return false;
    throw error;
  }
}

/**
 * The step writeStep wrote, read from `wire` at its position, with its block data (a copy the
 * caller owns); `sources` are the step texts the writer was given.
 */
export function readStep(wire: WireReader, data: Uint8Array, sources?: StepSources): FinishedStep {
  const record = readRecord(wire, sources);
  const flags = wire.byte();
  let delta: MemoryDelta | null = null;
  if (flags & DELTA.PRESENT) {
    const size = wire.uint();
    const indices = new Array<number>(wire.uint());
    for (let i = 0; i < indices.length; i++) indices[i] = wire.uint();
    delta = { ranges: record.changes, changedBytes: record.changedBytes, changed: { indices, data }, blockSize: BLOCK_SIZE, size };
    if (flags & DELTA.GREW) delta.grew = wire.value() as Growth;
    if (flags & DELTA.COARSE) delta.coarse = true;
    if (flags & DELTA.OWN_RANGES) {
      delta.ranges = wire.value() as [number, number][];
      delta.changedBytes = wire.uint();
    }
  }
  return readRest(wire, record, delta);
}
