// Opening a sequence from a host path (`memscope serve --sequence`, Open Recent) whose module
// line names a file that is not there: the error is at that line, as run's and the DAP's are.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOpenFiles } from './open-files.ts';

describe('readOpenFiles', () => {
  it("says an unreadable module at the sequence's module line", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-open-'));
    const sequence = join(dir, 'bad.wseq');
    writeFileSync(sequence, '# first\nmodule "nowhere.wasm"\n');
    const r = await readOpenFiles({ sequence });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'io',
        message: `cannot read module ${join(dir, 'nowhere.wasm')}: no such file or directory`,
        where: { file: 'bad.wseq', line: 2, column: 1, length: 21, source: 'module "nowhere.wasm"' },
      },
    });
  });

  it('a --module that cannot be read is named as the file', async () => {
    const r = await readOpenFiles({ module: '/no/such/m.wasm' });
    expect(r).toEqual({ ok: false, error: { code: 'io', message: 'cannot read module /no/such/m.wasm: no such file or directory', where: { file: '/no/such/m.wasm' } } });
  });
});
