// Stop right after an edit (issue 13, item 16): the edit's reset is still starting the worker
// and a Run waits behind it. Stop must reach both: the run never starts its infinite loop.

import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from './index.ts';
import type { BackendEvent, BackendHandle } from './handle.ts';

let handle: BackendHandle | null = null;
afterEach(async () => {
  await handle?.dispose();
  handle = null;
});

describe('Stop while an edit is being applied', () => {
  it('drops the run queued behind it, so the loop never runs', async () => {
    handle = createBackend({});
    const h = handle;
    const opened = await h.backend.openDemo({ id: 'infinite-loop' });
    if (!opened.ok) throw new Error(opened.error.message);
    const steps: BackendEvent[] = [];
    h.onEvent((e) => e.name === 'step' && steps.push(e));
    const text = opened.value.sequence!.text.replace(/timeout \d+/, 'timeout 60000');
    const edited = h.backend.setSequence({ name: 'infinite-loop.wseq', text });
    const ran = h.backend.run({});
    const stopped = await h.backend.stop({});
    expect(stopped.ok).toBe(true);
    const run = await ran;
    expect(run.ok ? 'ran' : run.error.code).toBe('stopped');
    await edited;
    expect(steps).toEqual([]);
    const view = await h.backend.getSession({});
    expect(view.ok && view.value?.sequence?.text).toBe(text);
    expect(view.ok && view.value?.state).not.toBe('running');
  });
});
