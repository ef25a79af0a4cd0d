// The guest worker keeps nothing per step: after a full collection (the collect-garbage
// request) its heap does not grow with the steps a long run has taken. Measured in heap bytes
// over many tiny steps, never in time. The worker once kept every step's compiled expressions
// (~400 bytes per step, for the whole run).
//
// A leak grows the heap in every stretch of steps; one-time costs do not. V8's optimizing
// compiler runs on background threads, so on a loaded machine its code lands in the heap at
// a step count that depends on the load (once 300 KiB between steps 1,000 and 4,000, which a
// first-to-last fit read as 112 bytes a step). The test therefore takes the median growth of
// many stretches: a one-time jump moves one stretch, a leak moves them all.

import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';
import { resolve } from 'node:path';

const open = openSessionsDisposedAfterEach();
const REWRITE = resolve(import.meta.dirname, '../memory/testdata/rewrite.wasm');
const STEPS = 8000;
const STRETCH = 500;
const text = Array.from({ length: STEPS }, (_, i) => `poke(${64 + (i % 64) * 4}, ${i})`).join('\n') + '\n';

describe('collectGarbage', () => {
  // First in this file's process: nothing has set the flag yet.
  it('says the heap was not collected when the process does not expose gc', async () => {
    const session = await open(REWRITE, { sequence: 'poke(64, 1)\n' });
    const usage = await session.collectGarbage();
    expect(usage.ok && usage.value.collected).toBe(false);
    expect(usage.ok && usage.value.heapUsed).toBeGreaterThan(0);
  });

  it('finds the worker heap flat over 7,000 tiny steps once collected', async () => {
    // Read as the worker's context is created: set before the session starts it.
    setFlagsFromString('--expose-gc');
    const session = await open(REWRITE, { sequence: text });
    const kept: number[] = [];
    for (let n = STRETCH; n <= STEPS; n += STRETCH) {
      expect((await session.run({ untilLine: n + 1 })).length).toBe(STRETCH);
      const usage = await session.collectGarbage();
      if (!usage.ok) throw new Error(usage.error.message);
      expect(usage.value.collected).toBe(true);
      // The first 1,000 steps pay one-time costs (compiled code, feedback): not fitted.
      if (n < 1000) continue;
      kept.push(usage.value.heapUsed + usage.value.external);
    }
    // A tiny step's record is ~340 bytes of JSON; the worker sends it on and keeps none of it.
    const perStep = kept.slice(1).map((bytes, i) => (bytes - kept[i]!) / STRETCH).sort((a, b) => a - b);
    expect(perStep[perStep.length >> 1]).toBeLessThan(100);
  });
});
