// Flow control for the terminal: output chunks queue here and go to xterm one batch at a time,
// the next only after xterm's write callback says the last was parsed. Megabytes of output
// therefore lose nothing and never pile past xterm's ~50 MB write-buffer limit in one go.

import type { StreamName } from '../../src-main/shared/dto.ts';

const ESC_RED = new Uint8Array([0x1b, 0x5b, 0x33, 0x31, 0x6d]); // ESC [31m
const ESC_RESET = new Uint8Array([0x1b, 0x5b, 0x30, 0x6d]); // ESC [0m

export type Writer = (data: Uint8Array, done: () => void) => void;

export class OutputPump {
  private queue: { stream: StreamName; bytes: Uint8Array }[] = [];
  private queuedBytes = 0;
  private writing = false;
  private generation = 0;

  constructor(private readonly write: Writer, private readonly maxBatch = 256 * 1024) {}

  /** Bytes waiting to be handed to xterm. */
  get pending(): number {
    return this.queuedBytes;
  }

  get busy(): boolean {
    return this.writing;
  }

  push(stream: StreamName, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.queue.push({ stream, bytes });
    this.queuedBytes += bytes.length;
    if (!this.writing) this.pump();
  }

  /** Drops everything queued (the terminal was cleared or the session replaced). */
  clear(): void {
    this.queue = [];
    this.queuedBytes = 0;
    this.writing = false;
    this.generation++;
  }

  private pump(): void {
    const batch = this.takeBatch();
    if (!batch) {
      this.writing = false;
      return;
    }
    this.writing = true;
    const gen = this.generation;
    this.write(batch, () => {
      if (gen === this.generation) this.pump();
    });
  }

  /** Joins queued chunks up to maxBatch; stderr runs are wrapped in red so they stand out. */
  private takeBatch(): Uint8Array | null {
    if (this.queue.length === 0) return null;
    const parts: Uint8Array[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (parts.length > 0 && size + next.bytes.length > this.maxBatch) break;
      let { bytes } = next;
      if (bytes.length > this.maxBatch) {
        next.bytes = bytes.subarray(this.maxBatch);
        bytes = bytes.subarray(0, this.maxBatch);
      } else this.queue.shift();
      this.queuedBytes -= bytes.length;
      if (next.stream === 'stderr') parts.push(ESC_RED, bytes, ESC_RESET);
      else parts.push(bytes);
      size += bytes.length;
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
