// A step the session refuses to run (every step has run, no steps, no sequence) has a code of its
// own, 'cannot-step': it was filed under 'usage', which the CLI and DAP print as "usage: every
// step has run" as if the request had been malformed.

import { describe, expect, it } from 'vitest';
import { errorText } from '../../shared/error-format.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('why a step cannot run', () => {
  it('is a cannot-step error, not a usage one', async () => {
    const session = await open(example('return-string'), { sequence: 'ret = malloc(8)\n' });
    expect(session.whyCannotStep()).toBeNull();
    expect((await session.step())?.ok).toBe(true);
    const ended = session.whyCannotStep();
    expect(ended).toEqual({ code: 'cannot-step', message: 'every step has run; reset to start again' });
    expect(errorText(ended!)).toBe('cannot-step: every step has run; reset to start again');

    expect(await session.setSequence('# nothing yet\n')).toEqual({ ok: true, value: null });
    expect(session.whyCannotStep()?.code).toBe('cannot-step');
  });

  it('keeps the code that says more of a sequence with errors', async () => {
    const session = await open(example('return-string'), { sequence: 'ret = nope(8)\n' });
    expect(session.whyCannotStep()?.code).toBe('parse-error');
  });

  it('says no sequence is open under cannot-step', async () => {
    const session = await open(example('return-string'));
    expect(session.whyCannotStep()).toEqual({ code: 'cannot-step', message: 'no sequence is open: open a .wseq file or write one in the editor' });
  });
});
