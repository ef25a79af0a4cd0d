// `expect no leaks` after a `mark` on a real C++ module (testdata/cpp-registry.cpp, clang-19 and
// libc++): it counts what the steps since the mark allocated and leaked, and what was allocated
// before the mark, still reachable then, and lost since (a unique_ptr released and dropped);
// not what was leaked already at the mark.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();
const WASM = resolve(HEAP_TESTDATA, 'cpp-registry.wasm');
const BEFORE = `lost = malloc(4)
w = malloc(5)
write utf8 "alpha" @ w
remember(w, 5)
free(w)
mark "after"
`;

describe('expect no leaks after a mark', () => {
  it('a block still reachable at the mark and lost by a step after it is counted, said to be lost since the mark', async () => {
    const session = await open(WASM, { sequence: `${BEFORE}forget_one()\nexpect no leaks\n` });
    const records = await session.run();
    const last = records.at(-1)!;
    // The string object and its buffer; not `lost`, which was leaked already at the mark.
    expect(last.error?.message).toMatch(/^expected no leaks since mark "after", but 2 blocks are still live and nothing in use points to them: 12 B at 0x[0-9a-f]+ \(line 4, guest in remember, lost since the mark\), 60 B at 0x[0-9a-f]+ \(line 4, guest in remember, lost since the mark\)$/);
  });

  it('blocks allocated before the mark and still reachable, or leaked already then, are not counted', async () => {
    const session = await open(WASM, { sequence: `${BEFORE}expect no leaks\n` });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
  });
});
