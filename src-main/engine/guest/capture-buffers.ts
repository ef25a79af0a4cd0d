// Worker side of the capture channel (protocol.ts, CaptureChannel): the buffers change capture
// copies blocks into come from the ones the controller handed back, and a `run` waits while
// the controller holds too many of its deltas unprocessed.

import { Buffer } from 'node:buffer';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { RECYCLE_MIN_BYTES } from '../memory/types.ts';
import { CAPTURE_FLOW_UNIT, MAX_DELTAS_IN_FLIGHT, type CaptureChannel } from '../protocol.ts';

/** Returned buffers kept for reuse at most; past it the oldest are left to the collector. */
const POOL_BYTES = 32 * 1024 * 1024;

export class CaptureBuffers {
  private readonly port: MessagePort | null;
  private readonly flow: Int32Array | null;
  /** Returned buffers by byte length, oldest first. */
  private readonly pool = new Map<number, ArrayBuffer[]>();
  private pooled: ArrayBuffer[] = [];
  private pooledBytes = 0;
  private smallTakes = 0;

  constructor(channel: Pick<CaptureChannel, 'port' | 'flow'> | undefined) {
    this.port = channel?.port ?? null;
    this.flow = channel ? new Int32Array(channel.flow) : null;
  }

  /**
   * A buffer of exactly `size` bytes that nothing else holds (so it can be transferred): a
   * returned one when one fits, else a new one. Its contents are garbage: callers overwrite it.
   */
  take(size: number): ArrayBuffer {
    // A tiny step's capture looks at the port only now and then: no buffer that small comes
    // back, but whatever did must not wait in the port's queue for long.
    if (size < RECYCLE_MIN_BYTES && ++this.smallTakes % 256 !== 0) return fresh(size);
    this.drain();
    const same = this.pool.get(size);
    const reused = same?.shift();
    if (same?.length === 0) this.pool.delete(size);
    if (reused !== undefined) {
      this.pooled.splice(this.pooled.indexOf(reused), 1);
      this.pooledBytes -= size;
      return reused;
    }
    return fresh(size);
  }

  /** Counts `bytes` of deltas as sent; the controller subtracts them once it took them in. */
  sent(bytes: number): void {
    if (this.flow) Atomics.add(this.flow, 0, Math.ceil(bytes / CAPTURE_FLOW_UNIT));
  }

  /** True while the controller holds more than MAX_DELTAS_IN_FLIGHT bytes of unprocessed deltas. */
  get congested(): boolean {
    return this.flow !== null && Atomics.load(this.flow, 0) * CAPTURE_FLOW_UNIT > MAX_DELTAS_IN_FLIGHT;
  }

  /**
   * Blocks until the controller has caught up (call after sending what is held). The controller
   * never waits on this thread, so it always catches up; terminate() ends the wait too.
   */
  waitForController(): void {
    const flow = this.flow;
    if (flow === null) return;
    for (;;) {
      const units = Atomics.load(flow, 0);
      if (units * CAPTURE_FLOW_UNIT <= MAX_DELTAS_IN_FLIGHT) return;
      Atomics.wait(flow, 0, units, 1000);
    }
  }

  private drain(): void {
    if (this.port === null) return;
    for (let got = receiveMessageOnPort(this.port); got !== undefined; got = receiveMessageOnPort(this.port)) {
      const buffer = got.message as ArrayBuffer;
      if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) continue;
      const list = this.pool.get(buffer.byteLength) ?? [];
      list.push(buffer);
      this.pool.set(buffer.byteLength, list);
      this.pooled.push(buffer);
      this.pooledBytes += buffer.byteLength;
    }
    while (this.pooledBytes > POOL_BYTES) {
      const oldest = this.pooled.shift()!;
      const list = this.pool.get(oldest.byteLength)!;
      list.splice(list.indexOf(oldest), 1);
      if (list.length === 0) this.pool.delete(oldest.byteLength);
      this.pooledBytes -= oldest.byteLength;
    }
  }
}

/** Not Buffer.allocUnsafe: its small buffers share one pooled ArrayBuffer, which cannot be transferred. */
function fresh(size: number): ArrayBuffer {
  return Buffer.allocUnsafeSlow(size).buffer as ArrayBuffer;
}
