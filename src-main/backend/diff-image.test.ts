// diffImage through the contract: a snapshot saved after step 1 of a real run, diffed against
// live memory at the end, lists exactly the ranges the CLI's diff of the two snapshot files does;
// against the memory of the step it was taken after, nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { diffSnapshots, loadSnapshot } from '../engine/index.ts';
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
});
