// Leaks under a garbage collector (AssemblyScript's TLSF, TinyGo): the walk sees every object as
// used until a collection, which no host call asks for, so a block still live at the end is a
// leak only when the host holds it (allocated by its call, never freed or unpinned).

import { describe, expect, it } from 'vitest';
import { HeapLedger } from './ledger.ts';
import { walkOf } from './testing.ts';

const HOST = 0x8a00;
const GUEST = 0x8a20;
const KEPT = 0x8a50;

/** p = __new(12) (step 0), greet(p) allocates its result (1), k = __new(12) (2), __unpin(p) (3). */
function story(ledger: HeapLedger): void {
  ledger.start(walkOf(new Map()));
  ledger.noteHostAlloc(HOST, '__new', 12);
  ledger.observe(walkOf(new Map([[HOST, 12]])), { step: 0, line: 1, calls: ['__new'] });
  ledger.observe(walkOf(new Map([[HOST, 12], [GUEST, 26]])), { step: 1, line: 2, calls: ['greet'] });
  ledger.noteHostAlloc(KEPT, '__new', 12);
  ledger.observe(walkOf(new Map([[HOST, 12], [GUEST, 26], [KEPT, 12]])), { step: 2, line: 3, calls: ['__new'] });
  ledger.noteHostFree(HOST);
  ledger.observe(walkOf(new Map([[HOST, 12], [GUEST, 26], [KEPT, 12]])), { step: 3, line: 4, calls: ['__unpin'] });
}

const addresses = (ledger: HeapLedger) => ledger.leaksSince().map((b) => b.address);

describe('HeapLedger: leaks under a garbage collector', () => {
  it('are the blocks the host still holds, not the guest\'s own or those it unpinned', () => {
    const collected = new HeapLedger(true);
    story(collected);
    expect(collected.liveBlocks().map((b) => b.address)).toEqual([HOST, GUEST, KEPT]);
    expect(addresses(collected)).toEqual([KEPT]);
  });

  it('without a collector every block allocated during the sequence and still live is one', () => {
    const malloc = new HeapLedger();
    story(malloc);
    expect(addresses(malloc)).toEqual([HOST, GUEST, KEPT]);
  });

  it('a block the collector freed and handed to the host again is held again', () => {
    const collected = new HeapLedger(true);
    story(collected);
    // A collection freed the unpinned block; the next allocation reused its address.
    collected.observe(walkOf(new Map([[GUEST, 26], [KEPT, 12]])), { step: 4, line: 5, calls: ['__collect'] });
    collected.noteHostAlloc(HOST, '__new', 12);
    collected.observe(walkOf(new Map([[HOST, 12], [GUEST, 26], [KEPT, 12]])), { step: 5, line: 6, calls: ['__new'] });
    expect(addresses(collected)).toEqual([HOST, KEPT]);
  });

  it('an allocation that collects a block and hands its address to the host in the same step: a new host block, not a resize', () => {
    // AssemblyScript's __new(0, 1) ran a collection that freed greet's 26-byte string and
    // returned its address: the walk sees 0x8a20 before and after, only the size changed.
    // It was reported as greet's block "resized to 0 B", owned by the guest, and no leak.
    for (const size of [0, 26]) {
      const collected = new HeapLedger(true);
      story(collected);
      collected.noteHostAlloc(GUEST, '__new', size);
      const step = collected.observe(walkOf(new Map([[HOST, 12], [GUEST, size], [KEPT, 12]])), { step: 4, line: 5, calls: ['__new'] });
      expect(step.resized).toBeUndefined();
      expect(step.freed).toMatchObject([{ address: GUEST, size: 26, owner: 'guest', line: 2, freedBy: 'guest' }]);
      expect(step.allocated).toEqual([{ address: GUEST, size, owner: 'host', step: 4, line: 5, by: '__new' }]);
      expect(addresses(collected)).toEqual([GUEST, KEPT]);
    }
  });
});
