// HeapTracker.adopt (Emscripten without names, emmalloc found by its heap's shape) replaces the
// tracker's facts; it must not change the object it handed out before.

import { describe, expect, it } from 'vitest';
import { HeapTracker } from './heap-tracker.ts';
import { runAndWalkDisposedAfterEach } from './testing.ts';

const runAndWalk = runAndWalkDisposedAfterEach();

describe('HeapTracker adopting another walker', () => {
  it('leaves the facts it handed out as they were', async () => {
    // Before: adopt did Object.assign on the facts, so `earlier` turned into emmalloc's too.
    const { session, bytes } = await runAndWalk('nonames-emmalloc.wasm', 'g = greet(0x100)\n');
    const tracker = new HeapTracker(session.info, () => null);
    const earlier = tracker.facts;
    expect(earlier).toMatchObject({ walker: 'dlmalloc', orEmmalloc: true });
    tracker.start(bytes);
    expect(tracker.facts).toMatchObject({ walker: 'emmalloc', orEmmalloc: false });
    expect(earlier).toMatchObject({ walker: 'dlmalloc', orEmmalloc: true, allocator: 'dlmalloc (Emscripten)' });
  });
});
