// A coredump opened where a module goes (`module "crash.wasm"`, the page's Open module, a second
// coredump given as the module) is refused in the words every entry point uses for a wrong kind
// of file (shared/file-kind.ts), with where the page opens one; it had a sentence of its own.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveInputs } from './session-inputs.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';
import { wrongKindText } from '../../shared/file-kind.ts';

const open = openSessionsDisposedAfterEach();

describe('resolveInputs and a coredump', () => {
  it('refuses it as a memory image, in the shared wording, naming where the page opens it', async () => {
    const session = await open(example('trap'), { sequence: readFileSync(example('trap').replace(/\.wasm$/, '.wseq'), 'utf8') });
    await session.run();
    const dump = await session.exportCoredump();
    if (!dump.ok) throw new Error(dump.error.message);
    const r = resolveInputs({ moduleBytes: dump.value.bytes, moduleName: 'crash.wasm' });
    expect(r.ok ? null : r.error).toEqual({
      code: 'usage',
      message: `${wrongKindText('crash.wasm', 'module', 'coredump')}, and the start screen's Open coredump or snapshot… opens it`,
    });
    expect(r.ok ? '' : r.error.message).toBe('crash.wasm is a memory image (a Wasm coredump, by its contents), not a module: '
      + '`memscope snapshot crash.wasm` reads it, and the start screen\'s Open coredump or snapshot… opens it');
  });
});
