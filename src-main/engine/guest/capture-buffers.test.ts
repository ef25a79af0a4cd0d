// The worker's end of the capture channel: buffers handed back are reused for captures of
// their size, and a run waits while the controller holds too many unprocessed delta bytes,
// until another thread (the controller) takes them in.

import { MessageChannel, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CAPTURE_FLOW_UNIT, MAX_DELTAS_IN_FLIGHT } from '../protocol.ts';
import { CaptureBuffers } from './capture-buffers.ts';

describe('CaptureBuffers', () => {
  it('reuses a buffer handed back through the port for a capture of its size', () => {
    const { port1, port2 } = new MessageChannel();
    const buffers = new CaptureBuffers({ port: port2, flow: new SharedArrayBuffer(4) });
    const back = new ArrayBuffer(256 * 1024);
    new Uint8Array(back)[0] = 42;
    port1.postMessage(back, [back]);
    expect(back.byteLength).toBe(0); // moved, not copied
    const other = buffers.take(128 * 1024);
    expect(new Uint8Array(other)[0]).not.toBe(42);
    const reused = buffers.take(256 * 1024);
    expect(new Uint8Array(reused)[0]).toBe(42);
    expect(buffers.take(256 * 1024)).not.toBe(reused);
    port1.close();
  });

  it('is congested past MAX_DELTAS_IN_FLIGHT and waits until the controller takes the deltas in', async () => {
    const flow = new SharedArrayBuffer(4);
    const buffers = new CaptureBuffers({ port: new MessageChannel().port2, flow });
    buffers.sent(MAX_DELTAS_IN_FLIGHT / 2);
    expect(buffers.congested).toBe(false);
    buffers.sent(MAX_DELTAS_IN_FLIGHT);
    expect(buffers.congested).toBe(true);
    // Another thread plays the controller: it takes everything in once it has started.
    const units = Math.ceil(MAX_DELTAS_IN_FLIGHT / 2 / CAPTURE_FLOW_UNIT) + Math.ceil(MAX_DELTAS_IN_FLIGHT / CAPTURE_FLOW_UNIT);
    const controller = new Worker(
      `const { workerData } = require('node:worker_threads');
       const flow = new Int32Array(workerData.flow);
       Atomics.sub(flow, 0, workerData.units);
       Atomics.notify(flow, 0);`,
      { eval: true, workerData: { flow, units } },
    );
    buffers.waitForController();
    expect(buffers.congested).toBe(false);
    expect(new Int32Array(flow)[0]).toBe(0);
    await controller.terminate();
  });
});
