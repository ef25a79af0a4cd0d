// Through a real worker: capture buffers the history let go go back to the worker and are
// reused for later steps' deltas, and every step still held reads exactly what the guest wrote.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach, TESTDATA } from './test-helpers.ts';

const REWRITE = resolve(TESTDATA, '../../memory/testdata/rewrite.wasm');
const KiB = 1024;
const AT = 1024 * KiB; // rewrite() writes at 1 MiB

/** What rewrite(seed, len) writes: xorshift32 words (see rewrite.wat). */
function expected(seed: number, length: number): Uint8Array {
  const words = new Uint32Array(length / 4);
  let x = seed | 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer);
}

const open = openSessionsDisposedAfterEach();

describe('capture buffers recycled to the worker', () => {
  it('keep every held step exact through a long run past the history budget', async () => {
    const steps = 120;
    const length = 256 * KiB;
    const text = Array.from({ length: steps }, (_, i) => `rewrite(${2 * i + 1}, ${length})`).join('\n') + '\n';
    const session = await open(REWRITE, { sequence: text, config: { historyBudgetBytes: 2 * 1024 * KiB } });
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    let held = 0;
    for (let s = 0; s < steps; s++) {
      const read = await session.readMemory(AT, length, s);
      if (!read.ok) {
        expect(read.error.message).toMatch(/no longer held exactly/);
        continue;
      }
      held++;
      expect(Buffer.from(read.value.bytes).equals(expected(2 * s + 1, length)), `step ${s}`).toBe(true);
    }
    // The latest 16 steps at least; far fewer than all 120 fit 2 MiB.
    expect(held).toBeGreaterThanOrEqual(16);
    expect(held).toBeLessThan(steps);
  });
});
