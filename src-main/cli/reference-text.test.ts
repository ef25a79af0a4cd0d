// C++ references in `memscope heap`'s statics, read as the debug adapter reads them: the address,
// then the object it names, through a typedef as well (`IntRef named` read `0x40c` alone).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

it('heap reads each reference as its address and the object it names', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/memscope.js'), 'heap', join(ROOT, 'src-main/dap/testdata/refs.wseq')], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain([
    '       0x400  plain = 0x40c → 9  (int &)',
    '       0x404  named = 0x40c → 9  (IntRef)',
    '       0x408  whole = 0x410 → { a: 1, b: 40 (0x28) }  (PairRef)',
  ].join('\n'));
});
