// `import env.log = printf` names no builtin. A session opens with it as a sequence error at its
// line:column, listing the builtins, like every other directive error, and refuses to step;
// before, the open failed with "usage: import env.log = printf: unknown builtin", said of the
// module, with no place, and the validator's located errors were never shown.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const SEQUENCE = 'import env.log16 = print_utf16\nimport env.log = printf\nhello()\n';
const LOCATED = {
  code: 'parse-error',
  message: "unknown builtin 'printf'; builtins are print_utf8, print_utf16, abort, trace",
  where: { file: 'test.wseq', line: 2, column: 18, source: 'import env.log = printf', length: 6 },
};

describe('an import line naming no builtin', () => {
  it('is a located sequence error, and the step is refused with it', async () => {
    const session = await open(example('print-builtin'), { sequence: SEQUENCE });
    expect(session.sequenceErrors).toEqual([LOCATED]);
    expect(session.whyCannotStep()).toMatchObject({ code: 'parse-error', where: { line: 2, column: 18 } });
    expect(await session.step()).toBeNull();
  });

  it('is located under strict imports too, not an unresolved import', async () => {
    const session = await open(example('print-builtin'), { sequence: SEQUENCE, config: { strictImports: true } });
    expect(session.sequenceErrors).toEqual([LOCATED]);
  });

  it('is located when set as a new sequence', async () => {
    const session = await open(example('print-builtin'), { sequence: 'hello()\n' });
    expect(await session.setSequence(SEQUENCE, 'test.wseq')).toEqual({ ok: true, value: null });
    expect(session.sequenceErrors).toEqual([LOCATED]);
  });

  it('given in the config, where no line says it, refuses the open with the builtins there are', async () => {
    const opened = await Session.open({
      moduleBytes: readFileSync(example('print-builtin')), moduleName: 'print-builtin.wasm',
      config: { importBindings: { 'env.log': 'print_utf' } },
    });
    expect(opened).toEqual({ ok: false, error: {
      code: 'usage',
      message: "the config's import binding env.log = print_utf: unknown builtin 'print_utf' (did you mean 'print_utf8' or 'print_utf16'?); builtins are print_utf8, print_utf16, abort, trace",
    } });
  });
});
