// "May I step?" is decided once, by the engine session: the view carries its answer, and the
// backend refuses a step with exactly that error (no second list of reasons in the shells).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLES_DIR } from './demos.ts';
import { backendsDisposedAfterEach, stateAfter, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

describe('why a step cannot run', () => {
  it('comes from the engine, in the view, and is what a refused step answers', async () => {
    const h = newBackend({});
    const bytes = new Uint8Array(await readFile(join(DEFAULT_EXAMPLES_DIR, 'return-string', 'return-string.wasm')));
    const module = { name: 'return-string.wasm', bytes };

    // Opened without a sequence, a module starts with its starter sequence (memscope new's
    // text, issue 14), which can step at once.
    const started = value(await h.backend.openModule({ module }));
    expect(started.sequence?.name).toBe('return-string.wseq');
    expect(started.sequence?.text).toContain('ReturnString(ret)');
    expect(started.cannotStep).toBeNull();

    // A sequence with no step yet says so, not that every step has run.
    const empty = await stateAfter(h, h.backend.setSequence({ name: 's.wseq', text: '# nothing yet\n' }));
    expect(empty.cannotStep?.message).toMatch(/^the sequence has no steps yet: write one in the editor/);

    const broken = await stateAfter(h, h.backend.setSequence({ name: 's.wseq', text: 'ret = malloc(8)\nnope(\n' }));
    expect(broken.cannotStep).toMatchObject({ code: 'parse-error', where: { line: 2 } });
    expect(await h.backend.step({})).toEqual({ ok: false, error: broken.cannotStep });

    const one = await stateAfter(h, h.backend.setSequence({ name: 's.wseq', text: 'ret = malloc(8)\n' }));
    expect(one.cannotStep).toBeNull();
    const after = await stateAfter(h, h.backend.step({}));
    expect(after.cannotStep?.message).toMatch(/every step has run/);
    expect(await h.backend.step({})).toEqual({ ok: false, error: after.cannotStep });
  });
});
