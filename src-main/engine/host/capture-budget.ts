// The change capture's own time budget on the controlling side. While the worker captures a
// large memory (protocol.ts, `capturing`) the step's time limit is stopped, since the capture is
// Memscope's work, not the guest's; this budget bounds that work instead, so a capture that never
// ends (our bug, a machine out of memory) stops the worker with a message a person can act on.

import type { WorkerMessage } from '../protocol.ts';
import { formatSize } from '../../shared/byte-size.ts';
import { MAX_TIMER_MS, nowMs } from './request-limit.ts';

/** What the worker said it captures: the `capturing` message. */
export type CaptureAnnounced = Extract<WorkerMessage, { type: 'capturing' }>;

/** A capture budget of `limitMs`: why the worker was stopped, naming the step, its line and the memory. */
export function captureOverMessage(capture: Pick<CaptureAnnounced, 'step' | 'line' | 'memorySize'>, limitMs: number): string {
  return `step ${capture.step + 1} (line ${capture.line}): capturing the changes of its ${formatSize(capture.memorySize)} memory ` +
    `(${capture.memorySize} bytes) ran past the capture limit of ${limitMs / 1000} s; the worker was terminated`;
}

export class CaptureBudget {
  private timer: NodeJS.Timeout | null = null;

  /** `limitMs` undefined: the budget never fires. `over` gets the message to terminate the worker with. */
  constructor(private readonly limitMs: number | undefined, private readonly over: (message: string) => void) {}

  /**
   * A capture began (the worker's `capturing`): the budget runs from when the worker began it
   * (`at`, same clock as nowMs), not from when its message arrived here.
   */
  start(capture: CaptureAnnounced): void {
    this.stop();
    const limit = this.limitMs;
    if (limit === undefined) return;
    const left = Math.max(0, limit - (nowMs() - capture.at));
    this.timer = setTimeout(() => this.due(capture, limit), Math.min(left, MAX_TIMER_MS));
  }

  /** The capture ended (the worker's next message for the request), or the request did. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A limit past the longest timer fires early: it checks again for what is left. */
  private due(capture: CaptureAnnounced, limit: number): void {
    const left = limit - (nowMs() - capture.at);
    if (left > 0) {
      this.timer = setTimeout(() => this.due(capture, limit), Math.min(left, MAX_TIMER_MS));
      return;
    }
    this.timer = null;
    this.over(captureOverMessage(capture, limit));
  }
}
