// What an instance printed after instantiating (its steps and calls), the newest KEPT_BYTES of
// it, for the session's view: after stepping back, a page shows what the steps before printed.
// Those steps ran again quietly in a fresh worker, so their output was not sent again; without
// this the page had only the startup output to show, though the steps that printed were done.

import type { OutputChunk, StreamName } from '../../shared/dto.ts';

/** Bytes kept at most; older chunks are dropped and counted. */
export const KEPT_BYTES = 1 << 20;

export class OutputLog {
  private chunks: OutputChunk[] = [];
  private bytes = 0;
  private dropped: Record<StreamName, number> = { stdout: 0, stderr: 0 };

  /** A fresh instance (start, reset, a replay's worker): it has printed nothing yet. */
  clear(): void {
    this.chunks = [];
    this.bytes = 0;
    this.dropped = { stdout: 0, stderr: 0 };
  }

  push(chunk: OutputChunk): void {
    this.chunks.push(chunk);
    this.bytes += chunk.bytes.length;
    while (this.bytes > KEPT_BYTES && this.chunks.length > 1) {
      const old = this.chunks.shift()!;
      this.bytes -= old.bytes.length;
      this.dropped[old.stream] += old.bytes.length;
    }
  }

  /** Oldest first; a stream whose oldest output was dropped starts with a marker saying how much (OutputChunk.notKept). */
  kept(): OutputChunk[] {
    const markers = (['stdout', 'stderr'] as const).filter((s) => this.dropped[s] > 0)
      .map((stream): OutputChunk => ({ stream, bytes: new Uint8Array(0), omitted: this.dropped[stream], notKept: true }));
    return [...markers, ...this.chunks];
  }
}
