// A saved snapshot opened read-only and exported again as .msnap is the same file, byte for byte:
// its label, creation time, step line and call log are the snapshot's, not made up again.

import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../shared/dto.ts';
import { exportSparseSnapshot } from '../memory/snapshot.ts';
import { sparseImageFromBytes } from '../memory/sparse-image.ts';
import { openMemoryImage } from './open-image.ts';

function saved(input: { label?: string; steps?: boolean }): Uint8Array {
  const memory = new Uint8Array(3 * 65536);
  memory.set([1, 2, 3], 0x10000);
  memory[3 * 65536 - 1] = 9;
  const step: StepRecord = {
    index: 0, line: 7, source: 'f()', ok: true, calls: [], bound: {}, changes: [[0x10000, 0x10003]], changedBytes: 3,
    regionEvents: [], durationMs: 0.5, memorySize: 3 * 65536,
  };
  return exportSparseSnapshot(sparseImageFromBytes(memory), {
    moduleName: 'm.wasm', moduleSha256: 'ab'.repeat(32), step: 0, line: 7, source: 'f()',
    ...(input.label !== undefined ? { label: input.label } : {}),
    ...(input.steps === false ? {} : { steps: [step] }),
    createdAt: new Date('2020-01-02T03:04:05.000Z'),
  });
}

async function again(bytes: Uint8Array): Promise<Uint8Array> {
  const image = openMemoryImage({ name: 'm.step1.msnap', bytes });
  if (!image.ok) throw new Error(image.error.message);
  const out = await image.value.exportSnapshot({ format: 'sparse' });
  if (!out.ok) throw new Error(out.error.message);
  return out.value.bytes;
}

describe('a snapshot of a snapshot', () => {
  it('is byte-equal to the file it was opened from, label and creation time included', async () => {
    const bytes = saved({ label: 'after greeting' });
    expect(Buffer.from(await again(bytes)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps the step line of a manifest that carries no call log', async () => {
    const bytes = saved({ steps: false });
    expect(Buffer.from(await again(bytes)).equals(Buffer.from(bytes))).toBe(true);
  });
});
