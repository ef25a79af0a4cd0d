// The pack store's bookkeeping stays bounded: packs of tiny steps merged into deflated groups
// leave `order` once pruned, also when the budget never asks for deflating (only the gather
// cursor moves then).
import { describe, expect, it } from 'vitest';
import { PackStore } from './history-packs.ts';

describe('pack store', () => {
  it('prunes the emptied packs of many tiny steps kept under the budget', () => {
    const store = new PackStore();
    const block = new Uint8Array(4096);
    const refs = [];
    for (let step = 0; step < 20_000; step++) {
      block[step % 4096] = (step % 255) + 1;
      refs.push(store.add(step, block.slice(), [4096])[0]!);
      store.deflateOld(step - 16, 0);
    }
    expect(store.trackedPacks).toBeLessThan(3000);
    // Every version is still there, merged and deflated or raw.
    for (const step of [0, 777, 12_345, 19_999]) expect(store.bytes(refs[step])[step % 4096]).toBe((step % 255) + 1);
    // One deflated group per 512 KiB of tiny steps' blocks (128 of them): each group costs a
    // fixed ~100 µs (a zlib stream, an entropy sample), which 32-block groups made ~3 µs a step.
    const groups = new Set(refs.slice(0, 19_000).map((ref) => ref.pack));
    expect(groups.size).toBeLessThanOrEqual(Math.ceil(19_000 / 128) + 1);
  });
});
