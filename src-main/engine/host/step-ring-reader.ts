// Controller side of the step ring (step-ring.ts): takes in every entry the worker has
// published, in order, as FinishedSteps, and gives the room back to the worker.

import { Buffer } from 'node:buffer';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { FinishedStep } from '../protocol.ts';
import { copyBytes, entryOffset, readStep, STEP_RING, stepRingViews } from '../step-ring.ts';
import { WireReader } from '../wire-codec.ts';
import type { StepSources } from '../step-record-wire.ts';

const CAPACITY = STEP_RING.capacity;
/** Bytes per slab of inline block data (see Slab): 64 tiny steps' 4 KiB blocks. */
const SLAB_BYTES = 256 * 1024;

export class StepRingReader {
  private readonly header: Int32Array;
  private readonly bytes: Buffer;
  private readonly words: Int32Array;
  private read: number;
  /** Reads the steps' binary form straight from the ring's bytes. */
  private readonly wire: WireReader;
  /** Where inline steps' block data is copied out of the ring. */
  private readonly slab = new Slab();

  /**
   * `port` is where EXTERNAL steps arrive (the capture channel's controller end); `sources` are
   * the sequence's step texts, the list the writer was given (step-record-wire.ts, StepSources).
   */
  constructor(ring: SharedArrayBuffer, private readonly port: MessagePort, private readonly sources: StepSources = [],
    /** The shared strings (ring-strings.ts), the list the writer was given. */
    shared: readonly string[] = []) {
    ({ header: this.header, bytes: this.bytes, words: this.words } = stepRingViews(ring));
    this.wire = new WireReader(this.bytes, shared);
    this.read = Atomics.load(this.header, STEP_RING.READ);
  }

  /** How far the worker has published (a position for drain's `upTo`). */
  get published(): number {
    return Atomics.load(this.header, STEP_RING.WRITE);
  }

  /** Whether entries wait before position `upTo` (checked before drain, which takes a callback). */
  holds(upTo: number): boolean {
    return ((upTo - this.read) | 0) > 0;
  }

  /**
   * Hands each published entry to `deliver` (request id, step, whether it came EXTERNAL),
   * oldest first, then gives their room back. Safe after the worker is gone: what it published
   * is all here (and its EXTERNAL steps in the port's queue). With `upTo` (a position the
   * worker had published when it posted a message) it stops there: entries published after
   * that message belong after it.
   */
  drain(deliver: (id: number, step: FinishedStep, external: boolean) => void, upTo?: number): void {
    const write = upTo ?? Atomics.load(this.header, STEP_RING.WRITE);
    // Positions wrap modulo 2^32; a bound already passed has nothing left before it.
    if (((write - this.read) | 0) <= 0) return;
    try {
      while (((write - this.read) | 0) > 0) {
        const offset = entryOffset(this.read);
        const word = offset >>> 2;
        const length = this.words[word]!;
        if (length === STEP_RING.WRAP) {
          this.read = (this.read + CAPACITY - offset) | 0;
          continue;
        }
        const id = this.words[word + 1]!;
        const external = this.words[word + 2] === STEP_RING.EXTERNAL;
        const step = external ? this.external(id) : this.inline(offset, word);
        // Past the entry before delivering: a listener that throws must not see it twice.
        this.read = (this.read + length) | 0;
        if (step) deliver(id, step, external);
      }
    } finally {
      Atomics.store(this.header, STEP_RING.READ, this.read);
      Atomics.notify(this.header, STEP_RING.READ);
    }
  }

  private inline(offset: number, word: number): FinishedStep {
    const dataLength = this.words[word + 3]!;
    const at = offset + STEP_RING.entryHeaderBytes;
    // A copy the history may keep: the ring's bytes are reused. This copy was half of what
    // taking a step in cost the controller; copyBytes says why not Buffer.copy.
    const data = this.slab.take(dataLength);
    if (dataLength > 0) copyBytes(data, 0, new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + at, dataLength), dataLength);
    this.wire.at = at + dataLength;
    return readStep(this.wire, data, this.sources);
  }

  /** The EXTERNAL step of request `id`: posted on the port before its entry was published. */
  private external(id: number): FinishedStep | null {
    for (let got = receiveMessageOnPort(this.port); got !== undefined; got = receiveMessageOnPort(this.port)) {
      const message = got.message as { id: number; step: FinishedStep };
      if (message.id === id) return message.step;
    }
    return null;
  }
}

/**
 * Hands out consecutive pieces of one larger buffer for inline steps' block data (always under
 * MAX_INLINE_DATA), a new buffer when the current one is used up. Why not a buffer per step: a
 * tiny step's 4 KiB block then cost an ArrayBuffer of its own, and V8 collects more often as
 * such external memory grows (a collection every ~1,400 tiny steps, with the history's packs
 * and the recent records copied each time). A slab lives as long as a view of it is held; the
 * history keeps these views only until it gathers and deflates them, 16 steps or so later
 * (history-packs.ts), and never hands them back to the worker (only whole buffers it was sent).
 */
class Slab {
  private buffer = new ArrayBuffer(0);
  private at = 0;

  /** `length` bytes nobody else views, not zero-filled (the caller writes every one). */
  take(length: number): Uint8Array {
    if (this.at + length > this.buffer.byteLength) {
      this.buffer = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length)).buffer;
      this.at = 0;
    }
    const view = new Uint8Array(this.buffer, this.at, length);
    // Aligned: narrowDiff (byte-ranges.ts) compares blocks whose views are word-aligned a word at a time.
    this.at += (length + 7) & ~7;
    return view;
  }
}
