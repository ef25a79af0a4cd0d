// A .msnap whose manifest lists a region outside the memory it declares is refused, naming the
// region's index, at the manifest's offset as every manifest problem is (it was read without
// complaint, and `memscope snapshot` listed `region p alloc [0xfffa, +64)` of a 65536-byte memory).

import { describe, expect, it } from 'vitest';
import type { Region } from '../../shared/dto.ts';
import { exportSparseSnapshot, loadSnapshot } from './snapshot.ts';
import { sparseImageFromBytes } from './sparse-image.ts';
import { WASM_PAGE } from './types.ts';

const region = (id: number, start: number, size: number): Region =>
  ({ id, name: `r${id}`, kind: 'alloc', start, size, freed: false, createdStep: 0 });

function snapshotWith(regions: Region[]): Uint8Array {
  return exportSparseSnapshot(sparseImageFromBytes(new Uint8Array(WASM_PAGE)), {
    moduleName: 'm.wasm', moduleSha256: '', step: 0, regions, createdAt: '2026-01-01T00:00:00Z',
  });
}

/** Where the manifest starts in the file, after the 12-byte header: where its problems are said to be. */
const MANIFEST_AT = 12;

describe('regions of a snapshot', () => {
  it('inside memory, up to its last byte and of size 0 at its end, are read', () => {
    const read = loadSnapshot(snapshotWith([region(1, 0, WASM_PAGE), region(2, WASM_PAGE - 8, 8), region(3, WASM_PAGE, 0)]));
    expect(read.ok && read.value.manifest.regions.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('overlapping are read: Memscope writes them (a struct inside an alloc, a block freed then handed out again)', () => {
    expect(loadSnapshot(snapshotWith([region(1, 16, 32), region(2, 16, 8), region(3, 24, 32)])).ok).toBe(true);
  });

  it('one ending past the memory is refused with its index', () => {
    const bytes = snapshotWith([region(1, 0, 8), region(2, 0xfffa, 64)]);
    const read = loadSnapshot(bytes);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe('malformed-snapshot');
    expect(read.error.message).toBe('manifest region 1 ("r2", alloc) [0xfffa, +64) ends at 0x1003a, past the end of the memory (65536 bytes)');
    expect(read.error.where?.offset).toBe(MANIFEST_AT);
  });

  it('one starting below address 0 or of a negative size is refused', () => {
    for (const [r, why] of [[region(1, -4, 8), 'starts at -4, below address 0'], [region(1, 8, -2), 'has a negative size (-2)']] as const) {
      const bytes = snapshotWith([r]);
      const read = loadSnapshot(bytes);
      expect(!read.ok && [read.error.message, read.error.where?.offset]).toEqual([`manifest region 0 ("r1", alloc) ${why}`, MANIFEST_AT]);
    }
  });
});
