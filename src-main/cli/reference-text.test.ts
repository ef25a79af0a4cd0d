// C++ references in `memscope heap`'s statics, read as the debug adapter reads them: the address,
// then the object it names, through a typedef as well (`IntRef named` read `0x40c` alone).

import { join } from 'node:path';
import { expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';


it('heap reads each reference as its address and the object it names', () => {
  const r = memscope(['heap', join(PACKAGE_ROOT, 'src-main/dap/testdata/refs.wseq')]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain([
    '       0x400  plain = 0x40c → 9  (int &)',
    '       0x404  named = 0x40c → 9  (IntRef)',
    '       0x408  whole = 0x410 → { a: 1, b: 40 (0x28) }  (PairRef)',
  ].join('\n'));
});
