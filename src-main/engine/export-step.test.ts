// Exporting an earlier step exports that step (issue 13, item 15): its bytes, and also the
// bindings and regions as they were then, under a file name with the step number the UI shows.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshot, Session } from './index.ts';

const DEMO = resolve(import.meta.dirname, '..', '..', 'resources', 'examples', 'linked-list');
let session: Session | null = null;
afterEach(async () => {
  await session?.dispose();
  session = null;
});

describe('exporting the memory after an earlier step', () => {
  it('carries the bindings and regions of that step, not of the end of the run', async () => {
    const opened = await Session.open({
      moduleBytes: readFileSync(resolve(DEMO, 'linked-list.wasm')), moduleName: 'linked-list.wasm',
      config: { deterministic: true },
      sequence: { text: readFileSync(resolve(DEMO, 'linked-list.wseq'), 'utf8'), file: 'linked-list.wseq', baseDir: DEMO },
    });
    if (!opened.ok) throw new Error(opened.error.message);
    session = opened.value;
    await session.run();
    expect(session.bindings).toHaveProperty('sum');

    // Step 5 as the UI counts (index 4): n1 and n2 are read, n3 is not yet.
    const exported = await session.exportSnapshot({ step: 4, format: 'sparse' });
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.value.fileName).toBe('linked-list.step5.msnap');
    const loaded = loadSnapshot(exported.value.bytes);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { manifest } = loaded.value;
    expect(Object.keys(manifest.bindings).sort()).toEqual(['head', 'n1', 'n2']);
    expect(manifest.regions.every((r) => r.createdStep <= 4)).toBe(true);
    expect(manifest.regions.map((r) => r.name)).not.toContain('n3');
    // list_free ran later: nothing is freed yet at step 5.
    expect(manifest.regions.some((r) => r.freed)).toBe(false);
    expect(manifest.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
  });
});
