// The worker's side of output flow control (OUTPUT_FLOW in protocol.ts): counts the bytes it
// posts and, when more than the bound are not yet taken by the controller's consumer, blocks
// the guest inside its output call until they are. Only the worker's thread waits here.

import { OUTPUT_FLOW } from '../protocol.ts';

export class OutputFlow {
  private readonly counters: Int32Array;

  /** `onWait(true)` before blocking and `onWait(false)` after, so the step's limit can stop meanwhile. */
  constructor(buffer: SharedArrayBuffer, private readonly onWait: (waiting: boolean) => void) {
    this.counters = new Int32Array(buffer);
  }

  /** Called right after posting `length` bytes of output; returns once few enough are outstanding. */
  sent(length: number): void {
    Atomics.add(this.counters, OUTPUT_FLOW.SENT, length);
    if (this.outstanding() <= OUTPUT_FLOW.bound) return;
    this.onWait(true);
    for (;;) {
      const released = Atomics.load(this.counters, OUTPUT_FLOW.RELEASED);
      if (this.outstanding() <= OUTPUT_FLOW.bound) break;
      // Wakes when the controller releases bytes (it notifies); terminate() also ends the wait.
      Atomics.wait(this.counters, OUTPUT_FLOW.RELEASED, released);
    }
    this.onWait(false);
  }

  private outstanding(): number {
    return (Atomics.load(this.counters, OUTPUT_FLOW.SENT) - Atomics.load(this.counters, OUTPUT_FLOW.RELEASED)) | 0;
  }
}
