// The guest's output on its way to the Output panel (xterm), which mounts after the first view
// came: what arrives before any terminal listens is held whole and given to the first one.

import type { OutputChunk } from '../../src-main/shared/dto.ts';

/**
 * 'clear': the output starts again (another run). 'end': the instance will print no more (it is
 * done, failed or terminated), so bytes held for a character or escape cut short are shown.
 */
export type OutputSignal = OutputChunk | 'clear' | 'end';
export type OutputListener = (chunk: OutputSignal) => void;

export class OutputRelay {
  private readonly listeners = new Set<OutputListener>();
  /** What came while no terminal listened, replayed to the first listener. */
  private backlog: OutputSignal[] = [];
  /** 'end' was sent since the last 'clear'. */
  private ended = false;

  listen(listener: OutputListener): () => void {
    this.listeners.add(listener);
    for (const chunk of this.backlog) listener(chunk);
    this.backlog = [];
    return () => this.listeners.delete(listener);
  }

  /** 'end', once after each 'clear': the states that say it come again (a view, a delta). */
  end(): void {
    if (!this.ended) this.emit('end');
  }

  emit(chunk: OutputSignal): void {
    if (chunk === 'clear' || chunk === 'end') this.ended = chunk === 'end';
    if (this.listeners.size === 0) {
      // Held whole until the Output panel mounts (just after `ready`): a view brings at most the
      // session's kept output (output-log.ts), as one chunk per write. A cap of 10,000 chunks
      // here kept the oldest and dropped the newest unsaid after a reload.
      if (chunk === 'clear') this.backlog = [];
      else this.backlog.push(chunk);
      return;
    }
    for (const l of this.listeners) l(chunk);
  }
}
