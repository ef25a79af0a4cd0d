// diffImage through the contract: a snapshot saved after step 1 of a real run, diffed against
// live memory at the end, lists exactly the ranges the CLI's diff of the two snapshot files does;
// against the memory of the step it was taken after, nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { diffSnapshots, loadSnapshot } from '../engine/index.ts';
import { encodeSparseSnapshot } from '../engine/testing.ts';
import { createBackend } from './index.ts';
import type { BackendHandle } from './handle.ts';
import type { Result } from '../shared/dto.ts';

let handle: BackendHandle | null = null;
afterEach(async () => {
  await handle?.dispose();
  handle = null;
});

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('diffImage', () => {
  it('a saved snapshot against live memory: the ranges snapshot --diff reports for the two files', async () => {
    handle = createBackend({});
    const h = handle.backend;
    const view = value(await h.openDemo({ id: 'return-string' }));
    value(await h.runToLine({ line: view.sequence!.stepLines[1]! }));
    const first = value(await h.exportSnapshot({ format: 'sparse' }));
    value(await h.run({}));
    const last = value(await h.exportSnapshot({ format: 'sparse' }));

    const diff = value(await h.diffImage({ image: first }));
    const expected = diffSnapshots(value(loadSnapshot(first.bytes)), value(loadSnapshot(last.bytes)));
    expect(expected.length).toBeGreaterThan(0);
    expect(diff).toEqual({ against: first.name, ranges: expected, changedBytes: expected.reduce((n, [a, b]) => n + b - a, 0), omitted: 0 });
    // Against the memory after step 1, the step it was saved after: no difference.
    expect(value(await h.diffImage({ image: first, step: 0 })).ranges).toEqual([]);

    const bad = await h.diffImage({ image: { name: 'notes.txt', bytes: new Uint8Array([1, 2]) } });
    expect(!bad.ok && bad.error.code).toBe('malformed-snapshot');
  });

  it('a snapshot of another module with another memory size: both said, naming both, beside the ranges', async () => {
    handle = createBackend({});
    const h = handle.backend;
    value(await h.openDemo({ id: 'trap' }));
    const trap = value(await h.exportSnapshot({ format: 'sparse' }));
    value(await h.openDemo({ id: 'return-string' }));
    value(await h.run({}));
    const diff = value(await h.diffImage({ image: trap }));
    // Before, the ranges came alone: trap.wasm's layout read as return-string.wasm's, and the
    // second page, past the end of trap's memory, listed as changed bytes without a word.
    expect(diff.ranges.length).toBeGreaterThan(0);
    expect((diff as { warnings?: string[] }).warnings).toEqual([
      `memory sizes differ: ${trap.name} has 65536 bytes (1 page), live memory 131072 bytes (2 pages); the bytes past 0x10000, where ${trap.name} ends, are compared with zero`,
      expect.stringMatching(new RegExp(`^different modules: ${trap.name.replace(/\./g, '\\.')} is of trap\\.wasm \\(sha256 [0-9a-f]{16}…\\), live memory of return-string\\.wasm \\(sha256 [0-9a-f]{16}…\\); their memory layouts need not agree$`)),
    ]);
    // The same module's snapshot, same size: nothing to say.
    const own = value(await h.exportSnapshot({ format: 'sparse', step: 0 }));
    expect('warnings' in value(await h.diffImage({ image: own }))).toBe(false);
  });

  it("a coredump of another module: said, with the module names it records, as a snapshot's is", async () => {
    handle = createBackend({});
    const h = handle.backend;
    value(await h.openDemo({ id: 'linked-list' }));
    value(await h.run({}));
    const list = value(await h.exportCoredump({}));
    value(await h.openDemo({ id: 'c-struct' }));
    value(await h.run({}));
    const diff = value(await h.diffImage({ image: list }));
    // Before, the ranges came alone: a coredump records module names but no hash, and the
    // modules were compared by hash only.
    expect(diff.ranges.length).toBeGreaterThan(0);
    expect(diff.warnings).toEqual([
      expect.stringMatching(new RegExp(`^different modules: ${list.name.replace(/\./g, '\\.')} is a coredump of linked-list\\.wasm, live memory of c-struct\\.wasm \\(sha256 [0-9a-f]{16}…\\); their memory layouts need not agree$`)),
    ]);
    // The memory's own coredump: nothing to say.
    const own = value(await h.exportCoredump({}));
    expect(value(await h.diffImage({ image: own })).warnings).toBeUndefined();
  });

  it('a .msnap with another block size: refused naming the file, not an internal error', async () => {
    handle = createBackend({});
    const h = handle.backend;
    value(await h.openDemo({ id: 'return-string' }));
    const snap = value(loadSnapshot(value(await h.exportSnapshot({ format: 'sparse' })).bytes));
    const blocks = new Uint8Array(snap.image.size);
    for (const b of snap.image.blocks) blocks.set(b.bytes, b.index * snap.image.blockSize);
    const big = 65536;
    const image = { size: snap.image.size, blockSize: big, blocks: [0, 1].map((index) => ({ index, bytes: blocks.subarray(index * big, (index + 1) * big) })) };
    const bytes = encodeSparseSnapshot(image, { ...snap.manifest, blockSize: big });
    const r = await h.diffImage({ image: { name: 'foreign.msnap', bytes } });
    expect(r.ok ? r.value : r.error).toEqual({ code: 'usage', message: `cannot diff foreign.msnap (65536-byte blocks) against memory (${snap.image.blockSize}-byte blocks)`, where: { file: 'foreign.msnap' } });
  });
});
