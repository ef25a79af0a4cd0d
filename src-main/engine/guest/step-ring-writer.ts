// Worker side of the step ring (step-ring.ts): appends each finished step of a `run` as one
// entry, waiting for the controller to make room when the ring is full.

import { Buffer } from 'node:buffer';
import type { MessagePort } from 'node:worker_threads';
import type { FinishedStep } from '../protocol.ts';
import { deltaTransferList } from '../memory/types.ts';
import { copyBytes, entryOffset, MAX_INLINE_DATA, MAX_INLINE_ENTRY, STEP_RING, writeStep, stepRingViews } from '../step-ring.ts';
import { WireWriter } from '../wire-codec.ts';
import type { StepSources } from '../step-record-wire.ts';
import { sharedIds } from '../ring-strings.ts';

const CAPACITY = STEP_RING.capacity;

export class StepRingWriter {
  private readonly header: Int32Array;
  private readonly bytes: Buffer;
  private readonly words: Int32Array;
  /** Position after the last entry written (stored to WRITE once the entry is whole). */
  private write: number;
  /** Each step's binary form is written here first (its length decides where it goes), then copied. */
  private readonly wire: WireWriter;

  /**
   * `port` carries EXTERNAL steps to the controller; `nudge` posts `steps-done` so the
   * controller reads the ring (called before waiting for room); `sources` are the sequence's
   * step texts, which the reader was given too.
   */
  constructor(ring: SharedArrayBuffer, private readonly port: MessagePort, private readonly nudge: () => void,
    /** The sequence's step texts, as the reader has them (step-record-wire.ts, StepSources). */
    private readonly sources: StepSources = [],
    /** The shared strings (ring-strings.ts), as the reader has them. */
    shared: readonly string[] = []) {
    ({ header: this.header, bytes: this.bytes, words: this.words } = stepRingViews(ring));
    this.wire = new WireWriter(4096, sharedIds(shared));
    this.write = Atomics.load(this.header, STEP_RING.WRITE);
  }

  /**
   * Appends `step` of request `id`. True when it went EXTERNAL (its delta's buffers were
   * transferred: they count against the capture flow); an inline step's data was copied.
   */
  append(id: number, step: FinishedStep): boolean {
    const data = step.delta?.changed.data;
    const dataLength = data?.length ?? 0;
    const written = dataLength < MAX_INLINE_DATA && writeStep(this.wire, step, this.sources);
    const stepLength = written ? this.wire.at : 0;
    const length = align(STEP_RING.entryHeaderBytes + dataLength + stepLength);
    if (!written || length > MAX_INLINE_ENTRY) {
      // Small blocks are in the capture's reused scratch buffer (see worker.ts): sent as a copy.
      if (data && dataLength < MAX_INLINE_DATA) step.delta!.changed.data = data.slice();
      // Posted before its entry is stored, so the controller finds it when it reads the entry.
      this.port.postMessage({ id, step }, step.delta ? deltaTransferList(step.delta) : []);
      this.entry(id, STEP_RING.EXTERNAL, align(STEP_RING.entryHeaderBytes), 0, 0);
      this.publish();
      return true;
    }
    const at = this.entry(id, STEP_RING.INLINE, length, dataLength, stepLength);
    if (data) copyBytes(this.bytes, at, data, dataLength);
    copyBytes(this.bytes, at + dataLength, this.wire.bytes, stepLength);
    // Visible at once: if the next step never ends, the controller still reads this one.
    this.publish();
    return false;
  }

  /** Writes an entry's header past the last one and returns where its body goes (not yet published). */
  private entry(id: number, kind: number, length: number, dataLength: number, stepLength: number): number {
    const offset = this.room(length);
    const w = this.words;
    const word = offset >>> 2;
    w[word] = length;
    w[word + 1] = id;
    w[word + 2] = kind;
    w[word + 3] = dataLength;
    w[word + 4] = stepLength;
    this.write = (this.write + length) | 0;
    return offset + STEP_RING.entryHeaderBytes;
  }

  /** The position up to which entries are visible to the controller (what publish() stored last). */
  get published(): number {
    return Atomics.load(this.header, STEP_RING.WRITE);
  }

  /** Stores WRITE: every entry appended so far is visible to the controller. */
  publish(): void {
    Atomics.store(this.header, STEP_RING.WRITE, this.write);
  }

  /**
   * Makes `length` contiguous bytes free at the write position (a WRAP marker skips a tail too
   * short), waiting for the controller while the ring is too full; returns the entry's offset.
   */
  private room(length: number): number {
    for (;;) {
      const offset = entryOffset(this.write);
      const tail = CAPACITY - offset;
      const needed = length > tail ? tail + length : length;
      const read = Atomics.load(this.header, STEP_RING.READ);
      const used = (this.write - read) >>> 0;
      if (CAPACITY - used >= needed) {
        if (length <= tail) return offset;
        this.words[offset >>> 2] = STEP_RING.WRAP;
        this.write = (this.write + tail) | 0;
        return 0;
      }
      // Full: everything before this entry becomes visible, the controller is asked to read it.
      this.publish();
      this.nudge();
      Atomics.wait(this.header, STEP_RING.READ, read, 1000);
    }
  }
}

/** Entries stay 4-byte aligned, so headers are Int32 words. */
function align(length: number): number {
  return (length + 3) & ~3;
}
