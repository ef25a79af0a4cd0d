// The guest worker keeps nothing per step: after a full collection (the collect-garbage
// request) its heap does not grow with the steps a long run has taken. Measured in heap bytes
// over many tiny steps, never in time. The worker once kept every step's compiled expressions
// (~400 bytes per step, for the whole run).

import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';
import { resolve } from 'node:path';

const open = openSessionsDisposedAfterEach();
const REWRITE = resolve(import.meta.dirname, '../memory/testdata/rewrite.wasm');
const STEPS = 4000;
const text = Array.from({ length: STEPS }, (_, i) => `poke(${64 + (i % 64) * 4}, ${i})`).join('\n') + '\n';

describe('collectGarbage', () => {
  // First in this file's process: nothing has set the flag yet.
  it('says the heap was not collected when the process does not expose gc', async () => {
    const session = await open(REWRITE, { sequence: 'poke(64, 1)\n' });
    const usage = await session.collectGarbage();
    expect(usage.ok && usage.value.collected).toBe(false);
    expect(usage.ok && usage.value.heapUsed).toBeGreaterThan(0);
  });

  it('finds the worker heap flat over 3,000 tiny steps once collected', async () => {
    // Read as the worker's context is created: set before the session starts it.
    setFlagsFromString('--expose-gc');
    const session = await open(REWRITE, { sequence: text });
    const at: number[] = [];
    const kept: number[] = [];
    for (let n = 500; n <= STEPS; n += 500) {
      expect((await session.run({ untilLine: n + 1 })).length).toBe(500);
      const usage = await session.collectGarbage();
      if (!usage.ok) throw new Error(usage.error.message);
      expect(usage.value.collected).toBe(true);
      // The first 1,000 steps pay one-time costs (compiled code, feedback): not fitted.
      if (n < 1000) continue;
      at.push(n);
      kept.push(usage.value.heapUsed + usage.value.external);
    }
    // A tiny step's record is ~340 bytes of JSON; the worker sends it on and keeps none of it.
    const perStep = (kept.at(-1)! - kept[0]!) / (at.at(-1)! - at[0]!);
    expect(perStep).toBeLessThan(100);
  });
});
