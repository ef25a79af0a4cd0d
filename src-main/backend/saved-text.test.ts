// The saved text is the session's fact (SequenceView.savedText), so a page loaded after edits were
// applied (a reload, a second tab) knows they are not saved; before, every page took the session's
// text at load as saved. Over a real Session and the bundled return-string demo.
import { describe, expect, it, vi } from 'vitest';
import type { BackendEvent } from './handle.ts';
import { backendsDisposedAfterEach, stateAfter, stepRecordsOf, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

describe('the saved sequence text', () => {
  it('is the opened text; an edit leaves it, a Save or a file read replaces it, and each view says so', async () => {
    const h = newBackend({});
    const events: BackendEvent[] = [];
    h.onEvent((e) => events.push(e));
    const opened = value(await h.backend.openDemo({ id: 'return-string' }));
    const onDisk = opened.sequence!.text;
    expect(opened.sequence!.savedText).toBeUndefined();

    const edited = `${onDisk}# an edit\n`;
    const afterEdit = await stateAfter(h, h.backend.setSequence({ name: 'x.wseq', text: edited }));
    expect(afterEdit.sequence).toMatchObject({ text: edited, savedText: onDisk });
    // What a page loading now (a reload, another tab) is told.
    expect(value(await h.backend.getSession({}))!.sequence!.savedText).toBe(onDisk);

    // A Save: one event of its own, no fresh view (which took every page off the step it showed).
    events.length = 0;
    expect(value(await h.backend.sequenceSaved({ text: edited }))).toBeNull();
    expect(events).toEqual([{ name: 'sequenceSaved', payload: { id: opened.id, text: edited } }]);
    expect(value(await h.backend.getSession({}))!.sequence!.savedText).toBeUndefined();

    // A file read in place of the text (Load from disk) is saved as it is.
    const read = await stateAfter(h, h.backend.setSequence({ name: 'x.wseq', text: onDisk, saved: true }));
    expect(read.sequence!.savedText).toBeUndefined();
    const again = await stateAfter(h, h.backend.setSequence({ name: 'x.wseq', text: edited }));
    expect(again.sequence!.savedText).toBe(onDisk);
  });

  it('is taken while a run goes on, which it does not wait for', async () => {
    const h = newBackend({});
    const opened = value(await h.backend.openDemo({ id: 'infinite-loop' }));
    // The last step, spin(), loops until the step's time limit, here a minute, or a Stop.
    const text = opened.sequence!.text.replace(/timeout \d+/, 'timeout 60000');
    value(await h.backend.setSequence({ name: 'infinite-loop.wseq', text: `${text}# an edit\n` }));
    const lines: number[] = [];
    h.onEvent((e) => lines.push(...stepRecordsOf(e).map((r) => r.line)));
    const ran = h.backend.run({});
    await vi.waitFor(() => expect(lines).toHaveLength(opened.sequence!.stepLines.length - 1), { timeout: 60_000 });

    const saved = h.backend.sequenceSaved({ text: `${text}# an edit\n` });
    expect(await Promise.race([saved.then(() => 'saved'), ran.then(() => 'the run ended')])).toBe('saved');
    const during = value(await h.backend.getSession({}))!;
    expect(during.state).toBe('running');
    expect(during.sequence!.savedText).toBeUndefined();
    value(await h.backend.stop({}));
    await ran;
  });

  it('refuses a saved flag that is not a boolean and a saved text that is not a string', async () => {
    const h = newBackend({});
    await h.backend.openDemo({ id: 'return-string' });
    const flag = await h.backend.setSequence({ name: 'x.wseq', text: 'a = 1\n', saved: 'yes' as never });
    expect(!flag.ok && flag.error).toMatchObject({ code: 'usage', message: 'setSequence: saved must be true or false' });
    const text = await h.backend.sequenceSaved({ text: 3 as never });
    expect(!text.ok && text.error.message).toMatch(/^sequenceSaved: text must be a string/);
  });
});
