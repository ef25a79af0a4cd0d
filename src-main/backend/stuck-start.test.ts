// A module whose start function never returns must not hold the backend (issue 13, item 6):
// Stop ends the instantiation at once, later requests are answered, and an uploaded
// sequence's `timeout` is capped. Also: an upload cannot ask for a memory above the cap.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLES_DIR } from './demos.ts';
import { backendsDisposedAfterEach, stepRecordsOf } from './testing.ts';

const TESTDATA = join(import.meta.dirname, '..', 'testdata');
const newBackend = backendsDisposedAfterEach();

describe('a start function that never returns', () => {
  it('is ended by Stop; the backend answers afterwards and opens the next module', async () => {
    const h = newBackend({ config: { timeoutMs: 3_600_000 } });
    const bytes = new Uint8Array(await readFile(join(TESTDATA, 'start-loop.wasm')));
    const opening = h.backend.openModule({ module: { name: 'start-loop.wasm', bytes } });
    await new Promise((r) => setTimeout(r, 300));
    const stopped = await h.backend.stop({});
    expect(stopped.ok ? 'ok' : stopped.error.code).toBe('no-module');
    const opened = await opening;
    expect(opened.ok ? 'opened' : opened.error.code).toBe('stopped');
    const demo = await h.backend.openDemo({ id: 'return-string' });
    expect(demo.ok).toBe(true);
  });

  it('is ended by dispose, which does not wait out its time limit, and leaves no session behind', async () => {
    const h = newBackend({ config: { timeoutMs: 3_600_000 } });
    const bytes = new Uint8Array(await readFile(join(TESTDATA, 'start-loop.wasm')));
    const opening = h.backend.openModule({ module: { name: 'start-loop.wasm', bytes } });
    await new Promise((r) => setTimeout(r, 300));
    await h.dispose();
    const opened = await opening;
    expect(opened.ok ? 'opened' : opened.error.message).toBe('the backend is shut down');
  }, 20_000);

  it('caps an uploaded sequence\'s timeout', async () => {
    const handle = newBackend({ config: { timeoutCapMs: 400 } });
    const bytes = new Uint8Array(await readFile(join(DEFAULT_EXAMPLES_DIR, 'infinite-loop', 'infinite-loop.wasm')));
    const opened = await handle.backend.openModule({
      module: { name: 'infinite-loop.wasm', bytes },
      sequence: { name: 'up.wseq', text: 'timeout 86400000\nspin()\n' },
    });
    expect(opened.ok).toBe(true);
    const steps: string[] = [];
    handle.onEvent((e) => steps.push(...stepRecordsOf(e).map((r) => r.error?.message ?? 'ok')));
    await handle.backend.run({});
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatch(/time limit of 400 ms/);
  });

  it('an uploaded module importing a memory above the cap is refused (issue 13, item 2)', async () => {
    const handle = newBackend({});
    const bytes = new Uint8Array(await readFile(join(TESTDATA, 'imported-memory.wasm')));
    const opened = await handle.backend.openModule({ module: { name: 'imported-memory.wasm', bytes } });
    expect(opened.ok ? 'opened' : opened.error.code).toBe('memory-cap');
    expect(opened.ok ? '' : opened.error.message).toMatch(/env\.memory needs at least 40000 pages/);
  });
});
