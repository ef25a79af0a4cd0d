// The ledger's double-alloc check on walks made by hand: a host allocation that returns the start
// of a block still live (one block, two owners), named with the forced double free that caused
// it when there was one, and the cases that look alike but are no problem: a realloc in place,
// another call in the same step, a garbage-collected heap.

import { describe, expect, it } from 'vitest';
import { HeapLedger } from './ledger.ts';
import { walkOf } from './testing.ts';

const A = 0x10100;
const GUARD = 0x10200;

/** a = malloc(16) at line 1, guard = malloc(16) at line 2; both live. */
function twoBlocks(ledger: HeapLedger): void {
  ledger.start(walkOf(new Map()));
  ledger.noteHostAlloc(A, 'malloc', 16);
  ledger.observe(walkOf(new Map([[A, 16]])), { step: 0, line: 1, calls: ['malloc'] });
  ledger.noteHostAlloc(GUARD, 'malloc', 16);
  ledger.observe(walkOf(new Map([[A, 16], [GUARD, 16]])), { step: 1, line: 2, calls: ['malloc'] });
}

const both = new Map([[A, 16], [GUARD, 16]]);

describe('HeapLedger: a host allocation handed a live block', () => {
  it('names the block, its first owner and the double free that put it on the free list twice', () => {
    const ledger = new HeapLedger();
    ledger.start(walkOf(new Map()));
    ledger.noteHostAlloc(A, 'malloc', 16);
    ledger.observe(walkOf(new Map([[A, 16]])), { step: 0, line: 1, calls: ['malloc'] });
    ledger.noteHostFree(A);
    ledger.observe(walkOf(new Map()), { step: 1, line: 2, calls: ['free'] });
    // free!(a): reported by the executor before the call, which it then makes (the hooks say so);
    // the walk sees nothing change.
    ledger.report(ledger.checkFree(A)!);
    ledger.noteHostFree(A);
    expect(ledger.observe(walkOf(new Map()), { step: 2, line: 3, calls: ['free'] }).problems.map((p) => p.kind)).toEqual(['double-free']);
    // b = malloc(16): a's block, newly allocated: no problem.
    ledger.noteHostAlloc(A, 'malloc', 16);
    const b = ledger.observe(walkOf(new Map([[A, 16]])), { step: 3, line: 4, calls: ['malloc'] });
    expect(b.allocated.map((x) => x.address)).toEqual([A]);
    expect(b.problems).toEqual([]);
    // c = malloc(16): the same block again, while b holds it.
    ledger.noteHostAlloc(A, 'malloc', 16);
    const c = ledger.observe(walkOf(new Map([[A, 16]])), { step: 4, line: 5, calls: ['malloc'] });
    expect(c.allocated).toEqual([]);
    expect(c.problems).toEqual([{
      kind: 'double-alloc', address: A,
      message: 'malloc returned 0x10100, the start of a 16-byte block that is still live (allocated at line 4 by the host\'s malloc): '
        + 'two owners now share its bytes; the double free at line 3 put it on the free list twice',
    }]);
    // The block keeps its first owner.
    expect(ledger.liveBlocks()).toMatchObject([{ address: A, line: 4, owner: 'host' }]);
  });

  it('handed out again at another size (the dlmalloc crate after a double free, rust-heap.test.ts): a double-alloc, not a resize in place', () => {
    const ledger = new HeapLedger();
    twoBlocks(ledger);
    ledger.noteHostFree(A);
    ledger.observe(walkOf(new Map([[GUARD, 16]])), { step: 2, line: 3, calls: ['free'] });
    ledger.noteHostAlloc(A, 'malloc', 16);
    ledger.observe(walkOf(both), { step: 3, line: 4, calls: ['malloc'] });
    ledger.noteHostAlloc(A, 'malloc', 40);
    const again = ledger.observe(walkOf(new Map([[A, 44], [GUARD, 16]])), { step: 4, line: 5, calls: ['malloc'] });
    expect(again.resized).toBeUndefined();
    expect(again.problems.map((p) => p.message)).toEqual([
      'malloc returned 0x10100, the start of a 16-byte block that is still live (allocated at line 4 by the host\'s malloc): '
        + 'two owners now share its bytes; the allocator\'s bookkeeping is corrupt',
    ]);
    // The block keeps its first owner, at the size the walk now sees.
    expect(ledger.liveBlocks()).toMatchObject([{ address: A, size: 44, line: 4, owner: 'host' }, { address: GUARD }]);
  });

  it('a refused double free (free was not called) is not named as the cause', () => {
    const ledger = new HeapLedger();
    twoBlocks(ledger);
    ledger.noteHostFree(A);
    ledger.observe(walkOf(new Map([[GUARD, 16]])), { step: 2, line: 3, calls: ['free'] });
    // free(a) again: refused before the call, so no free happened and no call was made.
    ledger.report(ledger.checkFree(A)!);
    expect(ledger.observe(walkOf(new Map([[GUARD, 16]])), { step: 3, line: 4, calls: [] }).problems.map((p) => p.kind)).toEqual(['double-free']);
    ledger.noteHostAlloc(A, 'malloc', 16);
    ledger.observe(walkOf(both), { step: 4, line: 5, calls: ['malloc'] });
    ledger.noteHostAlloc(A, 'malloc', 16);
    const again = ledger.observe(walkOf(both), { step: 5, line: 6, calls: ['malloc'] });
    expect(again.problems.map((p) => p.kind)).toEqual(['double-alloc']);
    expect(again.problems[0]!.message).toMatch(/; the allocator's bookkeeping is corrupt$/);
  });

  it('without a double free seen, says the allocator\'s bookkeeping is corrupt; a block live before the first step says so', () => {
    const ledger = new HeapLedger();
    ledger.start(walkOf(new Map([[A, 16]])));
    ledger.noteHostAlloc(A, 'malloc', 16);
    const step = ledger.observe(walkOf(new Map([[A, 16]])), { step: 0, line: 7, calls: ['malloc'] });
    expect(step.problems).toHaveLength(1);
    expect(step.problems[0]!.message).toBe('malloc returned 0x10100, the start of a 16-byte block that is still live (live before the first step): '
      + 'two owners now share its bytes; the allocator\'s bookkeeping is corrupt');
  });

  it('no problem for a realloc in place, a step that called the guest too, or a collector\'s heap', () => {
    const inPlace = new HeapLedger();
    twoBlocks(inPlace);
    inPlace.noteHostFree(A);
    inPlace.noteHostAlloc(A, 'cabi_realloc', 16);
    expect(inPlace.observe(walkOf(both), { step: 2, line: 3, calls: ['cabi_realloc'] }).problems).toEqual([]);

    const guestToo = new HeapLedger();
    twoBlocks(guestToo);
    guestToo.noteHostAlloc(A, 'malloc', 16);
    // e.g. `p = malloc(consume(a))`: consume may have freed a, which malloc then handed out.
    expect(guestToo.observe(walkOf(both), { step: 2, line: 3, calls: ['consume', 'malloc'] }).problems).toEqual([]);

    const collected = new HeapLedger(true);
    twoBlocks(collected);
    collected.noteHostAlloc(A, '__new', 16);
    expect(collected.observe(walkOf(both), { step: 2, line: 3, calls: ['__new'] }).problems).toEqual([]);
  });

  it('no check after a walk that failed: the ledger cannot tell what is live', () => {
    const ledger = new HeapLedger();
    twoBlocks(ledger);
    ledger.noteHostAlloc(A, 'malloc', 16);
    const step = ledger.observe({ ...walkOf(both), status: 'corrupt', reason: 'chunk at 0x10100: bad size' }, { step: 2, line: 3, calls: ['malloc'] });
    expect(step.problems).toEqual([]);
    expect(step.walk).toBe('corrupt: chunk at 0x10100: bad size');
  });
});

describe('HeapLedger: a walk that does not recognise the heap', () => {
  it('judges no free while what is live is unknown, and judges again once a walk succeeds', () => {
    const ledger = new HeapLedger();
    ledger.start(walkOf(new Map()));
    ledger.noteHostAlloc(A, 'malloc', 16);
    ledger.observe({ ...walkOf(new Map()), status: 'not-recognised', reason: 'no state found' }, { step: 0, line: 1, calls: ['malloc'] });
    // The block the host got is not in the ledger: it must not be called an invalid free.
    expect(ledger.checkFree(A)).toBeNull();
    ledger.observe(walkOf(new Map([[A, 16]])), { step: 1, line: 2, calls: [] });
    expect(ledger.checkFree(A)).toBeNull();
    expect(ledger.checkFree(GUARD)?.kind).toBe('invalid-free');
  });
});
