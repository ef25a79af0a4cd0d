// Where the step ring reader puts inline steps' block data: copies that share a few large
// buffers (not one buffer per step, which made V8 collect every ~1,400 tiny steps), each one's
// bytes its own and never a whole buffer, so the history never hands one back to the worker.

import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinishedStep } from '../protocol.ts';
import { StepRingWriter } from '../guest/step-ring-writer.ts';
import { newStepRingBuffer } from '../step-ring.ts';
import { MemoryHistory } from '../memory/memory-history.ts';
import { StepRingReader } from './step-ring-reader.ts';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A step that changed `blocks` 4 KiB blocks, filled with a pattern of its own. */
function step(index: number, blocks: number): FinishedStep {
  const data = new Uint8Array(blocks * 4096).map((_, i) => ((i * 7 + index) & 0xff) | 1);
  const changes: [number, number][] = [[0, blocks * 4096]];
  return {
    record: { index, line: index + 1, source: `f(${index})`, ok: true, calls: [], bound: {}, changes, changedBytes: blocks * 4096, regionEvents: [], durationMs: 0.5, memorySize: 1 << 20 },
    delta: { ranges: changes, changedBytes: blocks * 4096, changed: { indices: Array.from({ length: blocks }, (_, k) => k), data }, blockSize: 4096, size: 1 << 20 },
    exited: false,
  };
}

/** A writer and reader over one new ring, in this thread: nothing makes room, so it must not fill. */
function ring(): { writer: StepRingWriter; reader: StepRingReader } {
  const buffer = newStepRingBuffer();
  const channel = new MessageChannel();
  channels.push(channel);
  const writer = new StepRingWriter(buffer, channel.port2, () => {
    throw new Error('the ring filled up');
  });
  return { writer, reader: new StepRingReader(buffer, channel.port1) };
}

describe('step ring reader', () => {
  it("copies many steps' block data into a few shared buffers, each step's bytes intact and apart", () => {
    const { writer, reader } = ring();
    const got: FinishedStep[] = [];
    // 300 steps of 1 to 3 blocks (~2.3 MiB): more than the ring holds, so taken in batches.
    for (let first = 0; first < 300; first += 50) {
      for (let i = first; i < first + 50; i++) writer.append(1, step(i, 1 + (i % 3)));
      reader.drain((_, s) => got.push(s));
    }
    expect(got).toHaveLength(300);
    const buffers = new Set<ArrayBufferLike>();
    for (const [i, s] of got.entries()) {
      const data = s.delta!.changed.data;
      expect(Buffer.compare(data, step(i, 1 + (i % 3)).delta!.changed.data)).toBe(0);
      expect(data.byteOffset % 8).toBe(0);
      // Never a whole buffer: the history recycles only those (PackStore.letGo), by transfer.
      expect(data.byteLength).toBeLessThan(data.buffer.byteLength);
      buffers.add(data.buffer);
    }
    // One per step before; 256 KiB slabs now (2.3 MiB of data).
    expect(buffers.size).toBeLessThanOrEqual(12);
  });

  it('its shared buffers never go back to the worker when the history lets their blocks go', () => {
    const { writer, reader } = ring();
    const recycled: ArrayBuffer[] = [];
    // A budget so small that old blocks are deflated and dropped at once.
    const history = new MemoryHistory({ size: 1 << 20, blockSize: 4096, blocks: [] }, { budgetBytes: 64 * 1024, recycle: (b) => recycled.push(b) });
    for (let first = 0; first < 400; first += 50) {
      for (let i = first; i < first + 50; i++) writer.append(1, step(i, 2));
      reader.drain((_, s) => history.commit(s.record.index, s.delta!));
    }
    expect(recycled).toEqual([]);
    const last = history.read(0, 8192, 399);
    expect(last.ok && Buffer.compare(last.value, step(399, 2).delta!.changed.data)).toBe(0);
  });
});
