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
import type { BoundValue, StepRecord } from '../shared/dto.ts';
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
 *   | length | id   | kind | dataLen | jsonLen | block data (dataLen) | JSON (jsonLen) | pad |
 *
 * kind INLINE: JSON is the step's wire form (toWire) and the block data its delta's changed
 * blocks. kind EXTERNAL: the step did not fit (its blocks are at least RECYCLE_MIN_BYTES, or its
 * record is not plain JSON data, see toWire): it was posted whole, before this entry, on the
 * capture channel's port, where the controller takes it with receiveMessageOnPort.
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
 * A step as JSON data, without what the controller rebuilds: the delta's ranges and changed
 * byte count are the record's `changes` and `changedBytes`, its blocks travel as raw bytes.
 */
interface WireStep {
  r: StepRecord;
  /** Delta: block indices, memory size, growth and coarse flag (absent: not recording). */
  d?: { i: number[]; s: number; g?: Growth; c?: true };
  u?: FinishedStep['regionUpdates'];
  l?: string;
  x: boolean;
}

/**
 * The step's JSON text, or null when its record is not plain JSON data (JSON would turn NaN
 * and Infinity into null, -0 into 0, and throws on a BigInt): such a step goes EXTERNAL, as a
 * structured clone. Any "null" in the text sends it that way too (a few records hold a real
 * null; they pay the clone, nothing is lost).
 */
export function toWire(step: FinishedStep): string | null {
  const delta = step.delta;
  const wire: WireStep = { r: step.record, x: step.exited };
  if (delta) {
    wire.d = { i: delta.changed.indices, s: delta.size };
    if (delta.grew) wire.d.g = delta.grew;
    if (delta.coarse) wire.d.c = true;
  }
  if (step.regionUpdates) wire.u = step.regionUpdates;
  if (step.snapshotLabel !== undefined) wire.l = step.snapshotLabel;
  let text: string;
  try {
    text = JSON.stringify(wire);
  } catch {
    return null;
  }
  if (text.includes('null')) return null;
  if (text.includes('"float"') && Object.values(step.record.bound).some(hasNegativeZero)) return null;
  return text;
}

function hasNegativeZero(value: BoundValue): boolean {
  switch (value.kind) {
    case 'float': return Object.is(value.value, -0);
    case 'struct': return Object.values(value.fields).some(hasNegativeZero);
    case 'tuple': return value.items.some(hasNegativeZero);
    default: return false;
  }
}

/** The step back from its JSON text and its block data (a copy the caller owns). */
export function fromWire(text: string, data: Uint8Array): FinishedStep {
  const wire = JSON.parse(text) as WireStep;
  const record = wire.r;
  let delta: MemoryDelta | null = null;
  if (wire.d) {
    delta = {
      ranges: record.changes, changedBytes: record.changedBytes,
      changed: { indices: wire.d.i, data }, blockSize: BLOCK_SIZE, size: wire.d.s,
    };
    if (wire.d.g) delta.grew = wire.d.g;
    if (wire.d.c) delta.coarse = true;
  }
  const step: FinishedStep = { record, delta, exited: wire.x };
  if (wire.u) step.regionUpdates = wire.u;
  if (wire.l !== undefined) step.snapshotLabel = wire.l;
  return step;
}
