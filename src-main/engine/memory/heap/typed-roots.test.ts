// The leak scan reads a static's words by its DWARF type (testdata/typed-roots.c, clang-19 -g):
// a word wholly of shorts is no pointer, however its bytes read, so it keeps no block; a pointer
// and a 32-bit integer (uintptr_t) do (and a char that is not const, which may be an object's storage). Seen in an Emscripten build: a 20 MB leaked block was
// "still reachable" because 4 bytes of a const char table happened to spell an address in it.

import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { boundInt, runHeapSequence } from './testing.ts';

const open = openSessionsDisposedAfterEach();
const SEQUENCE = 't = spell(8, 1000)\nk = keep(64)\nc = hide(32)\nexpect no leaks\n';

describe('statics typed by DWARF in the leak scan', () => {
  it('a block only a short table\'s entries spell is a leak; those a pointer and a uintptr_t hold stay still reachable', async () => {
    const { session, records } = await runHeapSequence(open, 'typed-roots.wasm', SEQUENCE);
    const t = boundInt(records, 't');
    // Before: the table's word at table[8] kept the block, and the expect passed.
    const failed = records.find((r) => !r.ok);
    expect(failed?.source).toBe('expect no leaks');
    expect(failed?.error?.message).toMatch(new RegExp(`but 1 block is still live and nothing in use points to it: \\d+ B at 0x${t.toString(16)} \\(line 1, guest in spell\\); 2 other blocks memory in use still points to are still reachable`));
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.leaks.map((b) => b.address)).toEqual([t]);
    expect(heap.value.stillReachable?.map((b) => b.address).sort((a, b) => a - b))
      .toEqual([boundInt(records, 'k'), boundInt(records, 'c')].sort((a, b) => a - b));
    // The table's word is still said to point to the block: it is where the address's bytes are.
    expect(heap.value.pointedFromStatic?.map((p) => p.name).sort()).toEqual(['cookie', 'kept', 'table[8]']);
  });
});
