// Controlling side of output flow control (protocol.ts, OUTPUT_FLOW): output handed on is
// counted back to the worker, unless a consumer that cannot take more holds it back.

import { OUTPUT_FLOW } from '../protocol.ts';

export class OutputFlow {
  /** The worker's output counters; bytes are released once the consumer took them. */
  private readonly flow: Int32Array;
  /** Consumers that cannot take more output now (hold), and the bytes held back for them. */
  private holds = 0;
  private heldBytes = 0;

  constructor(flow: SharedArrayBuffer) {
    this.flow = new Int32Array(flow);
  }

  /**
   * For a consumer that cannot take more output now (a pipe whose reader is slow): until the
   * returned release is called, output is not released to the worker, so the guest waits in its
   * write once OUTPUT_FLOW.bound bytes are outstanding. Holds nest.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) this.release(0);
    };
  }

  /** Hands `length` more bytes (and any held back) to the worker's count of taken output. */
  release(length: number): void {
    this.heldBytes += length;
    if (this.holds > 0 || this.heldBytes === 0) return;
    Atomics.add(this.flow, OUTPUT_FLOW.RELEASED, this.heldBytes);
    Atomics.notify(this.flow, OUTPUT_FLOW.RELEASED);
    this.heldBytes = 0;
  }
}
