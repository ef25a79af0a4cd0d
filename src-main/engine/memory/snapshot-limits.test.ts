// A .msnap whose header claims a memory far larger than any Wasm memory: refused with the byte
// offset of the size, not a crash where its page map (a byte per 64 KiB) cannot be allocated.

import { describe, expect, it } from 'vitest';
import { encodeSparseSnapshot, MAX_SNAPSHOT_MEMORY } from './snapshot-format.ts';
import { makeManifest } from './snapshot-manifest.ts';
import { loadSnapshot } from './snapshot.ts';
import { BLOCK_SIZE } from './types.ts';

function claiming(size: number): Uint8Array {
  const image = { size, blockSize: BLOCK_SIZE, blocks: [] };
  return encodeSparseSnapshot(image, makeManifest({ moduleName: 'm.wasm', moduleSha256: '', step: -1 }, size, BLOCK_SIZE));
}

describe('snapshot memory size', () => {
  it('refuses a size past the limit, naming it and the header offset', () => {
    const bytes = claiming(Number.MAX_SAFE_INTEGER);
    const loaded = loadSnapshot(bytes);
    if (loaded.ok) loaded.value.pageMap(); // the old code accepted it; its page map threw
    expect(loaded.ok ? 'accepted' : loaded.error.message).toMatch(/^memory size 9007199254740991 bytes is larger than the 1099511627776 bytes \(1 TiB\)/);
    expect(loaded.ok ? null : loaded.error.where?.offset).toBe(bytes.length - 16);
  });

  it('reads one at the limit, sparse, with a page map', () => {
    const loaded = loadSnapshot(claiming(MAX_SNAPSHOT_MEMORY));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.pageMap().length).toBe(MAX_SNAPSHOT_MEMORY / 65536);
  });
});
