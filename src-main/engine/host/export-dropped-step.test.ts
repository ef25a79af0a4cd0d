// Exports of a step whose memory the history no longer holds exactly (past --history-mb): every
// kind of file is refused with the history's own reason, as a usage error. A coredump of such a
// step threw instead (a check that only asked whether the step had run), which the page showed
// as "unexpected failure", an internal error.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach, TESTDATA } from './test-helpers.ts';

const REWRITE = resolve(TESTDATA, '../../memory/testdata/rewrite.wasm');
const open = openSessionsDisposedAfterEach();

describe('export of a step the history dropped', () => {
  it('a coredump, a snapshot and a .bin: each a usage error naming the step and what is held', async () => {
    // 40 steps each rewriting 256 KiB of incompressible words: far past a 2 MiB history.
    const text = Array.from({ length: 40 }, (_, i) => `rewrite(${2 * i + 1}, 262144)`).join('\n') + '\n';
    const session = await open(REWRITE, { sequence: text, config: { historyBudgetBytes: 2 * 1024 * 1024 } });
    expect((await session.run()).every((r) => r.ok)).toBe(true);
    const dropped = /^the memory after step 2 is no longer held exactly: .*--history-mb.*; it holds exactly the memory .*after steps \d+\.\.40$/;
    for (const exported of [
      await session.exportCoredump({ step: 1 }),
      await session.exportSnapshot({ step: 1, format: 'sparse' }),
      await session.exportSnapshot({ step: 1, format: 'bin' }),
    ]) {
      expect(exported.ok).toBe(false);
      if (!exported.ok) {
        expect(exported.error.code).toBe('usage');
        expect(exported.error.message).toMatch(dropped);
      }
    }
    // The last step is held: its coredump is made.
    expect((await session.exportCoredump({ step: 39 })).ok).toBe(true);
  });
});
