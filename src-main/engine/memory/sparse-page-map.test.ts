// The page map of a sparse image (a byte per 64 KiB page: 1 when it holds data) for any block
// size a .msnap may hold: smaller than a page, as Memscope writes, or larger, as a foreign file may.

import { describe, expect, it } from 'vitest';
import { sparseImageFromBytes, sparseImagePageMap } from './sparse-image.ts';
import { WASM_PAGE } from './types.ts';

function pagesWithData(blockSize: number): number[] {
  const memory = new Uint8Array(32 * WASM_PAGE);
  memory[5 * WASM_PAGE + 3] = 1;
  memory[17 * WASM_PAGE] = 2;
  return [...sparseImagePageMap(sparseImageFromBytes(memory, blockSize))].flatMap((b, page) => (b ? [page] : []));
}

describe('sparse image page map', () => {
  it.each([4096, WASM_PAGE, 1 << 20, 1 << 24])('marks the pages that hold data with %i-byte blocks', (blockSize) => {
    expect(pagesWithData(blockSize)).toEqual([5, 17]);
  });
});
