// A valid module V8 does not run (two memories, a 64-bit memory) gets the same `unsupported`
// answer with write tracing as without, and Binaryen's validator prints nothing.

import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadPrepare } from './prepare.ts';

/** A module with just a memory section: its memories as [flags, min] pairs. */
function withMemories(...memories: [number, number][]): Uint8Array {
  const payload = [memories.length, ...memories.flat()];
  return Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, payload.length, ...payload]);
}

// Binaryen binds console.error when it loads (its validator prints through that), so the spy
// is in place before the first loadPrepare of this file's process.
const printed: string[] = [];
const keep = (...args: unknown[]): void => { printed.push(args.join(' ')); };
vi.spyOn(console, 'error').mockImplementation(keep);
vi.spyOn(console, 'warn').mockImplementation(keep);
afterAll(() => { vi.restoreAllMocks(); });

describe('prepare (write tracing) of a module V8 does not run', () => {
  it.each([
    ['two memories', withMemories([0, 1], [0, 1]), 'the module uses 2 memories (multi-memory)'],
    ['a 64-bit memory', withMemories([4, 1]), 'the module uses a 64-bit memory (memory64)'],
  ])('%s: unsupported, naming it, and nothing on stderr', async (_, bytes, says) => {
    const prepare = await loadPrepare();
    printed.length = 0;
    const result = prepare(bytes, bytes, 0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unsupported');
    expect(result.error.message).toContain(says);
    expect(printed).toEqual([]);
  });

  it('still prepares a one-memory module', async () => {
    const prepare = await loadPrepare();
    const bytes = withMemories([0, 1]);
    expect(prepare(bytes, bytes, 0).ok).toBe(true);
  });
});
