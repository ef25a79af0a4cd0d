// Streaming output for commands that print a lot: writes go out as they are produced, a full
// pipe pauses the producer until it drains, and a reader that goes away (EPIPE, `| head`)
// stops the command quietly instead of crashing it.

import type { Writable } from 'node:stream';

export class StreamingOutput {
  /** True once the reader has gone away; the command should stop producing. */
  closed = false;

  constructor(private readonly stream: Writable) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw e;
    });
  }

  /** Writes one line; resolves at once unless the stream asked the producer to wait. */
  async line(text: string): Promise<void> {
    if (this.closed) return;
    if (this.stream.write(`${text}\n`)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('close', done);
    });
  }
}
